import Foundation
import SparseScapeCore

/// The hand-written readers and writers against the standard ones, on whole exports and whole reads: the byte-level
/// JSON writer (`JSONText.encode`) against Foundation's `JSONEncoder` (same keys, same non-finite policy, same
/// layout pass), and the CSV reader's decimal conversion (`DecimalToDouble`, Eisel–Lemire) against `Double(Substring)`
/// on the same byte scanner. Each prints both figures and their ratio; the decision rule of issue 19 is printed beside.
enum WriterBenchmark {
    static func run() throws {
        let dir = NSTemporaryDirectory() + "sparsescape-writer-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try jsonExports(dir)
        try csvReads(dir)
    }

    /// `JSONEncoder` set up as the byte-level writer writes: sorted keys, slashes as they are, non-finite as strings.
    static func foundationEncoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return e
    }

    /// 8. A whole search export of the digits network and a whole sweep's JSON lines, written to a file both ways.
    static func jsonExports(_ dir: String) throws {
        let config = try PresetLibrary.load("digits")
        let f = try config.lossFunction()
        let settings = try SearchSettings(restarts: 32, seed: 0, optimizer: try OptimizerSettings(kind: .lbfgs),
                                          rules: try StoppingRules(maxSteps: 60, gradientTolerance: 0, relativeGradientTolerance: 1e-9))
        let search = try MultiStartSearch.run(f, settings: settings)
        let sweepConfig = try PresetLibrary.load("theorem5")
        let plan = try SweepPlan(config: sweepConfig, settings: try SweepSettings(restarts: 4, seed: 0))
        var shard: [SweepRecord] = []
        try SweepRunner.run(plan, shard: try SweepShard(index: 1, count: 20)) { shard.append($0) }
        // The whole sweep (20 shards' worth of lines): the shard's records again under the other indices.
        let records = (0..<20).flatMap { k in shard.map { r -> SweepRecord in var r = r; r.index += k * shard.count; return r } }
        let encoder = foundationEncoder()
        let searchPath = dir + "/search.json", sweepPath = dir + "/sweep.jsonl"

        var ownSearch = Data(), theirSearch = Data(), ownSweep = Data(), theirSweep = Data()
        let ownSearchTime = try Timing.bestOf(5) {
            ownSearch = Data(try JSONText.encode(search).utf8)
            try ownSearch.write(to: URL(fileURLWithPath: searchPath))
        }
        let theirSearchTime = try Timing.bestOf(5) {
            var bytes = JSONText.prettyPrint(bytes: [UInt8](try encoder.encode(search)))
            bytes.append(UInt8(ascii: "\n"))
            theirSearch = Data(bytes)
            try theirSearch.write(to: URL(fileURLWithPath: searchPath))
        }
        let ownSweepTime = try Timing.bestOf(5) {
            var out = Data()
            for r in records { out.append(contentsOf: try JSONByteEncoder.encode(r)); out.append(UInt8(ascii: "\n")) }
            ownSweep = out
            try out.write(to: URL(fileURLWithPath: sweepPath))
        }
        let theirSweepTime = try Timing.bestOf(5) {
            var out = Data()
            for r in records { out.append(try encoder.encode(r)); out.append(UInt8(ascii: "\n")) }
            theirSweep = out
            try out.write(to: URL(fileURLWithPath: sweepPath))
        }
        let own = ownSearchTime + ownSweepTime, theirs = theirSearchTime + theirSweepTime
        print("8. JSON writers on whole exports (encode + write the file, best of 5)")
        print("   search of digits (32 starts, \(f.parameterCount) weights, \(fmt(Double(ownSearch.count) / 1e6, 3)) MB): byte-level \(fmt(ownSearchTime, 3)) s, JSONEncoder \(fmt(theirSearchTime, 3)) s, ratio \(fmt(theirSearchTime / ownSearchTime, 3)); same bytes: \(ownSearch == theirSearch ? "yes" : "no")")
        print("   sweep of theorem5 (\(records.count) JSON lines, \(fmt(Double(ownSweep.count) / 1e6, 3)) MB): byte-level \(fmt(ownSweepTime, 3)) s, JSONEncoder \(fmt(theirSweepTime, 3)) s, ratio \(fmt(theirSweepTime / ownSweepTime, 3)); same bytes: \(ownSweep == theirSweep ? "yes" : "no")")
        print("   both exports: JSONEncoder / byte-level = \(fmt(theirs / own, 3)); keep the byte-level writer only if ≥ 2: \(theirs / own >= 2 ? "KEEP byte-level" : "USE JSONEncoder")")
    }

    /// 9. Whole CSV reads: a digits-sized file (1797×64) and a file of 10⁶ numbers, both conversions.
    static func csvReads(_ dir: String) throws {
        let digits = try PresetLibrary.load("digits").dataset.x
        var random = SeededGenerator(seed: 19)
        let million = Matrix(rows: 1000, cols: 1000, data: (0..<1_000_000).map { _ in random.gaussian() })
        print("9. Decimal conversion on whole CSV reads (same byte scanner, best of 5)")
        var own = 0.0, theirs = 0.0
        for (label, m) in [("digits X (1797×64)", digits), ("10⁶ numbers (1000×1000)", million)] {
            let path = dir + "/m.csv"
            let text = (0..<m.rows).map { i in (0..<m.cols).map { j in "\(m[i, j])" }.joined(separator: ",") }.joined(separator: "\n") + "\n"
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            var a: Matrix?, b: Matrix?
            let fast = try Timing.bestOf(5) { a = try CSVMatrixReader.read(path) }
            let standard = try Timing.bestOf(5) { b = try CSVMatrixReader.readWithStandardLibraryConversion(path) }
            own += fast; theirs += standard
            let mb = Double(text.utf8.count) / 1e6
            print("   \(label), \(fmt(mb, 3)) MB: Eisel–Lemire \(fmt(fast, 3)) s (\(fmt(mb / fast, 4)) MB/s), Double(Substring) \(fmt(standard, 3)) s (\(fmt(mb / standard, 4)) MB/s), ratio \(fmt(standard / fast, 3)); same values: \(a?.data == b?.data && a?.data == m.data ? "yes" : "NO")")
        }
        print("   both reads: Double(Substring) / Eisel–Lemire = \(fmt(theirs / own, 3)); keep Eisel–Lemire only if ≥ 1.5: \(theirs / own >= 1.5 ? "KEEP Eisel–Lemire" : "USE Double(Substring)")")
    }
}
