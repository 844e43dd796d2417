import Foundation
import Testing
@testable import SparseScapeCore

/// Misspelt keys in network configs are errors naming the key and the nearest known one (issue 20, item 9).
@Suite struct UnknownConfigKeyTests {
    /// A valid config with `extra` spliced in before the closing brace.
    static func config(_ extra: String) -> Data {
        Data(#"{"widths": [2, 1], "masks": [[[1], [0]]], "X": [[1, 2]], "Y": [[1]]\#(extra)}"#.utf8)
    }

    @Test(arguments: [
        (#", "optimiser": "gd""#, #"my.json: unknown key "optimiser" (did you mean "optimizer"?)"#),
        (#", "learning_rate": 0.1"#, #"my.json: unknown key "learning_rate" (did you mean "lr"?)"#),
        (#", "x": [[1, 2]]"#, #"my.json: unknown key "x" (did you mean "X"?)"#),
        (#", "widht": [2, 1]"#, #"my.json: unknown key "widht" (did you mean "widths"?)"#),
        (#", "descripton": "a""#, #"my.json: unknown key "descripton" (did you mean "description"?)"#),
        (#", "torch": {"layers": ["fc"], "prunned": [false]}"#, #"my.json: torch: unknown key "prunned" (did you mean "pruned"?)"#),
    ])
    func unknownKeyNamesTheNearest(_ extra: String, _ expected: String) {
        do {
            _ = try NetworkConfig.parse(Self.config(extra), name: "my.json", baseDirectory: nil)
            Issue.record("accepted a config with \(extra)")
        } catch let e as SparseScapeError {
            #expect(e.message == expected)
        } catch {
            Issue.record("unexpected error type: \(error)")
        }
    }

    @Test func everyKnownKeyStillLoads() throws {
        let text = #", "name": "n", "description": "d", "start": [0.5], "optimizer": "gd", "lr": 0.1, "points": {"a": [1]}, "torch": {"layers": ["fc"], "pruned": [true]}"#
        let c = try NetworkConfig.parse(Self.config(text), name: "ok.json", baseDirectory: nil)
        #expect(c.name == "n" && c.learningRate == 0.1 && c.optimizer == .gd && c.point("a") == [1])
        #expect(c.torch?.layers == ["fc"])
        // A config written by the project reads back (jsonText holds only known keys).
        let again = try NetworkConfig.parse(Data(c.jsonText().utf8), name: "again.json", baseDirectory: nil)
        #expect(again.name == "n" && again.torch == c.torch && again.start == c.start)
    }

    @Test func everyPresetLoads() throws {
        for name in PresetLibrary.names() { _ = try PresetLibrary.resolve(name) }
    }

    @Test func editDistanceIsLevenshtein() {
        #expect(NearestName.distance(Array("kitten"), Array("sitting")) == 3)
        #expect(NearestName.distance(Array(""), Array("abc")) == 3)
        #expect(NearestName.distance(Array("flaw"), Array("lawn")) == 2)
        #expect(NearestName.nearest(to: "Thme", in: ["pace", "theme", "grid"]) == "theme")
        #expect(NearestName.nearest(to: "a", in: []) == nil)
    }
}
