import Foundation
import Testing
@testable import SparseScapeCore

/// The strict JSON parser and the decoder over its tree.
@Suite struct JSONParserTests {
    static func message(_ text: String) -> String? {
        do { _ = try JSONParser.parse(text, name: "f.json"); return nil } catch let e as SparseScapeError { return e.message } catch { return "\(error)" }
    }

    @Test func parsesEveryKindOfValue() throws {
        let v = try JSONParser.parse(#" {"a": [1, -2.5e-3, 18446744073709551615, -9223372036854775808], "b": "x\"\u00e9\ud83d\ude00\n", "c": {"d": null, "e": [true, false, []]}} "#, name: "t")
        #expect(v == .object([
            ("a", .array([.integer(1), .number(-0.0025), .unsigned(.max), .integer(.min)])),
            ("b", .string("x\"é😀\n")),
            ("c", .object([("d", .null), ("e", .array([.bool(true), .bool(false), .array([])]))])),
        ]))
    }

    @Test(arguments: [
        (#"{"widths": [1], "widths": [2]}"#, "f.json: duplicate key 'widths' at top level (line 1, column 17)"),
        ("{\"points\": {\"a\": [1],\n \"a\": [2]}}", "f.json: duplicate key 'a' at points (line 2, column 2)"),
        (#"{"layers": [[1], {"k": 1, "k": 2}]}"#, "f.json: duplicate key 'k' at layers[1] (line 1, column 27)"),
        (#"{"a": 1,}"#, "f.json: malformed JSON at line 1, column 9: unexpected '}', expected a key in double quotes"),
        (#"{"a": 01}"#, "f.json: malformed JSON at line 1, column 7: invalid number"),
        (#"{"a": 1e999}"#, "f.json: malformed JSON at line 1, column 7: the number '1e999' is out of the range of a double"),
        ("{\"a\": \"x\u{0}\"}", "f.json: malformed JSON at line 1, column 9: a control character (\\u{0}) inside a string; write it as an escape"),
        (#"{"a": [1, 2"#, "f.json: malformed JSON at line 1, column 12: unexpected end of input, expected ',' or ']'"),
        (#"[1] x"#, "f.json: malformed JSON at line 1, column 5: unexpected 'x' after the JSON value"),
        ("", "f.json: malformed JSON at line 1, column 1: the file is empty"),
        (#"{"a": NaN}"#, "f.json: malformed JSON at line 1, column 7: unexpected 'N', expected a value"),
        (#"["\ud800"]"#, "f.json: malformed JSON at line 1, column 9: a \\u escape gives an unpaired surrogate"),
    ])
    func rejections(_ text: String, _ expected: String) {
        #expect(Self.message(text) == expected)
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000)
        #expect(Self.message(deep) == "f.json: malformed JSON at line 1, column 257: nested more than 256 levels deep")
    }

    @Test func decodesLikeJSONDecoder() throws {
        struct Inner: Codable, Equatable { var x: [Double]; var y: [[Double]]; var n: Int?; var s: String; var u: UInt64; var f: Float }
        struct Outer: Codable, Equatable { var inner: [Inner]; var flag: Bool; var missing: String? }
        let value = Outer(inner: [Inner(x: [0.1, Double("1e-320")!, -3], y: [[1, 2], []], n: nil, s: "é", u: .max, f: 1.5)], flag: true, missing: nil)
        let data = try JSONEncoder().encode(value)
        #expect(try JSONValueDecoder.decode(Outer.self, from: data, name: "t") == value)
        // Errors keep JSONDecoder's coding paths.
        do {
            _ = try JSONValueDecoder.decode(Outer.self, from: Data(#"{"inner": [{"x": [1, "a"], "y": [], "s": "", "u": 1, "f": 1}], "flag": true}"#.utf8), name: "t")
            Issue.record("accepted")
        } catch let e as SparseScapeError {
            #expect(e.message == "t: wrong type at inner[0].x[1]: expected a number")
        }
        do {
            _ = try JSONValueDecoder.decode(Outer.self, from: Data(#"{"inner": [], "flag": true, "flag": false}"#.utf8), name: "t")
            Issue.record("accepted")
        } catch let e as SparseScapeError {
            #expect(e.message == "t: duplicate key 'flag' at top level (line 1, column 29)")
        }
    }

    @Test func configsAndPointFilesRejectDuplicateKeys() throws {
        let text = #"{"widths": [2, 1], "masks": [[[1], [0]]], "X": [[1, 2]], "Y": [[1]], "widths": [2, 1]}"#
        do {
            _ = try NetworkConfig.parse(Data(text.utf8), name: "bad.json", baseDirectory: nil)
            Issue.record("accepted")
        } catch let e as SparseScapeError {
            #expect(e.message == "bad.json: duplicate key 'widths' at top level (line 1, column 70)")
        }
        let path = NSTemporaryDirectory() + "sparsescape-dup-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try AtomicFile.write(#"{"params": [1], "params": [2]}"#, to: path)
        #expect(throws: SparseScapeError("\(path): duplicate key 'params' at top level (line 1, column 17)")) { try PointFile.read(path) }
    }
}
