import Foundation
import Testing
@testable import SparseScapeCore

/// The JSON writer (`JSONText.compact`, Foundation's `JSONEncoder` underneath): the bytes of a plain `JSONEncoder`
/// (sorted keys), numbers that read back bit-identical, except that the scalars a terminal acts on (DEL, C1 controls,
/// line separators, bidi overrides) are written as `\uXXXX` escapes (the same strings for any JSON reader); the
/// scalars `JSONBytes` writes for hand-laid-out files agree with it.
@Suite struct JSONWriterTests {
    /// A plain JSONEncoder with sorted keys, slashes kept, non-finite numbers as strings.
    static func foundationBytes<T: Encodable>(_ value: T) throws -> [UInt8] {
        let enc = JSONEncoder()
        enc.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        enc.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return [UInt8](try enc.encode(value))
    }

    /// A value with every kind of field: numbers at the edges, keys whose order differs between case-sensitive and
    /// case-insensitive sorting, strings with escapes, optionals, nested and empty containers, a dictionary.
    struct Mixed: Encodable {
        var centerOffset = 1.0, centering = "a/b \"q\" \\ \n\r\t\u{8}\u{c}\u{1}\u{1b}\u{7f} é ∑ \u{2028}"
        var numbers: [Double] = [0, -0.0, 1, -1, 0.1, 1 / 3.0, 1e-5, 1e16, 123456789012345, 1.7976931348623157e308,
                                 .leastNonzeroMagnitude, -2.5e-300, .infinity, -.infinity, .nan, 100, 2.5]
        var ints: [Int] = [0, 7, 10, -3, Int.max, Int.min], rows: [[Int]] = [[1, 0], [], [0, 1, 1]]
        var blocks: [[[Int]]] = [[[1, 0], [0, 1]], [[1]]], seed: UInt64 = .max, small: Int8 = -8, f: Float = 0.1
        var flags: [Bool] = [true, false], absent: Double? = nil, present: Double? = -0.0, nested: [String: [Double]] = ["b": [1.5], "B": [], "a10": [2], "a9": [-1e-7]]
        var kind: Classification = .localMinimum, nulls: Nullable<Double> = Nullable(nil), list: [Nullable<Int>] = [Nullable(1), Nullable(nil)]
        var empty: [String] = [], strings = ["x", ""]
    }

    @Test func sameBytesAsJSONEncoder() throws {
        let mine = try JSONText.compact(Mixed())
        let theirs = String(decoding: try Self.foundationBytes(Mixed()), as: UTF8.self)
            .replacingOccurrences(of: "\u{7f}", with: "\\u007f").replacingOccurrences(of: "\u{2028}", with: "\\u2028")
        #expect(String(decoding: mine, as: UTF8.self) == theirs)
        #expect(!mine.contains(0x7F), "DEL is escaped")
        #expect(mine.count > 400)
        // The escaped scalars read back as the same string.
        let decoded = try JSONSerialization.jsonObject(with: Data(mine)) as? [String: Any]
        #expect(decoded?["centering"] as? String == Mixed().centering)
    }

    /// A slice sidecar with its optional parts set (basins, PCA summary, data record) encodes as JSONEncoder did.
    @Test func sliceSidecarSameBytesAsJSONEncoder() throws {
        var g = SeededGenerator(seed: 3)
        var meta = SliceMetadata(kind: "plane", tool: "sparsescape test", config: "c/\"d\"", networkHash: "abc", widths: [3, 2, 1],
                                 masks: [[[1, 0], [1, 1], [0, 1]], [[1], [1]]], center: g.gaussianVector(5).map { $0 / 7 },
                                 direction1: g.gaussianVector(5), direction2: [0, -0.0, 1e-300, 5, 1 / 3.0], directions: "random",
                                 orthogonalized: true, span: 0.5, range: nil, grid: 11, seed: 42, lossRange: [0.25, 3e7],
                                 monotone: nil, barrierHeight: nil)
        meta.basins = [Basin(id: 0, kind: .minimum, loss: 0.125, classification: .globalMinimum, spurious: false, valleyLimit: nil,
                             count: 17, representative: g.gaussianVector(5))]
        meta.basinSettings = BasinSettings()
        meta.data = DataFileRecord(file: "s.csv", bytes: 1234, sha256: String(repeating: "a", count: 64))
        let pcaJSON = #"{"trajectory":"t.csv","trajectoryCSV":"p.csv","points":3,"centering":"mean","explainedVariance":[0.75,0.25],"singularValues":[2,1],"centerOffset":0.5,"alphaRange":[-1,1],"betaRange":[-2,2],"maxOffPlane":1e-9,"recordedLossGap":0}"#
        meta.pca = try JSONDecoder().decode(TrajectoryPlaneSummary.self, from: Data(pcaJSON.utf8))
        #expect(try JSONText.compact(meta) == Self.foundationBytes(meta))
        // And the laid-out text reads back to the same metadata, bit for bit.
        let back = try JSONDecoder().decode(SliceMetadata.self, from: Data(try JSONText.encode(meta).utf8))
        #expect(back == meta)
        #expect(back.direction2.map(\.bitPattern) == meta.direction2.map(\.bitPattern))
    }

    /// Shortest round-trip numbers: every finite double of random bit patterns reads back with the same bits.
    @Test func numbersReadBackBitIdentical() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var values: [Double] = [-0.0, 0, .leastNonzeroMagnitude, -.leastNormalMagnitude, .greatestFiniteMagnitude, 1e15, 1e16, -123456789012345]
        while values.count < 20_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let v = Double(bitPattern: state ^ (state >> 29))
            if v.isFinite { values.append(v) }
        }
        for v in values {
            let text = JSONText.number(v)
            #expect(Double(text)?.bitPattern == v.bitPattern, "\(text)")
        }
        let array = JSONText.numberArray(values)
        let parsed = try JSONDecoder().decode([Double].self, from: Data(array.utf8))
        #expect(parsed.map(\.bitPattern) == values.map(\.bitPattern))
        #expect(JSONText.number(-0.0) == "-0")
        #expect(JSONText.number(2) == "2")
        #expect(JSONText.numberArray([1, .nan, 0.5]) == "[1, \"NaN\", 0.5]")
        // The hand-written scalars and the encoder agree, non-finite values and escapes included.
        let edge: [Double] = [1, .nan, .infinity, -.infinity, -0.0, 0.1, 1e300]
        #expect(JSONText.numberArray(edge).replacingOccurrences(of: ", ", with: ",") == String(decoding: try JSONText.compact(edge), as: UTF8.self))
        let text = "a/b \"q\" \\ \n\u{1}\u{7f} é \u{2028}\u{202e}"
        #expect(JSONText.string(text) == String(decoding: try JSONText.compact(text), as: UTF8.self))
    }

    /// Point files written with many numbers read back exactly.
    @Test func pointFileRoundTrip() throws {
        let dir = NSTemporaryDirectory() + "sparsescape-jsonbytes-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var g = SeededGenerator(seed: 9)
        let params = g.gaussianVector(5000).map { $0 * 1e-3 } + [-0.0, Double.leastNormalMagnitude / 16]
        try PointFile.write(params: params, to: dir + "/p.json", extras: [("loss", JSONText.number(0.5))])
        let back = try PointFile.read(dir + "/p.json")
        let differing = zip(back, params).filter { $0.bitPattern != $1.bitPattern }
        #expect(back.count == params.count && differing.isEmpty, "\(differing.prefix(3))")
    }
}
