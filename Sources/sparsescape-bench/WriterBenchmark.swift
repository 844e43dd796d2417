import Foundation
import SparseScapeCore

/// Whole exports and whole reads: the JSON writer (`JSONText`, Foundation's `JSONEncoder` underneath) on a search and
/// a sweep export, and the CSV reader's decimal conversion (`DecimalToDouble`, Eisel–Lemire) against
/// `Double(Substring)` on the same byte scanner, both figures and their ratio with the rule that keeps the parser.
enum WriterBenchmark {
    static func run() throws {
        let dir = NSTemporaryDirectory() + "sparsescape-writer-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try jsonExports(dir)
        try csvReads(dir)
    }

    /// 8. A whole search export of the digits network and a whole sweep's JSON lines, written to a file.
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
        let searchPath = dir + "/search.json", sweepPath = dir + "/sweep.jsonl"
        var searchBytes = 0, sweepBytes = 0
        let searchTime = try Timing.bestOf(5) {
            let data = Data(try JSONText.encode(search).utf8)
            searchBytes = data.count
            try data.write(to: URL(fileURLWithPath: searchPath))
        }
        let sweepTime = try Timing.bestOf(5) {
            var out = Data()
            for r in records { out.append(contentsOf: Array(try r.jsonLine().utf8)); out.append(UInt8(ascii: "\n")) }
            sweepBytes = out.count
            try out.write(to: URL(fileURLWithPath: sweepPath))
        }
        print("8. JSON exports with the one writer (JSONEncoder underneath; encode + write the file, best of 5)")
        print("   search of digits (32 starts, \(f.parameterCount) weights, \(fmt(Double(searchBytes) / 1e6, 3)) MB): \(fmt(searchTime, 3)) s")
        print("   sweep of theorem5 (\(records.count) JSON lines, \(fmt(Double(sweepBytes) / 1e6, 3)) MB): \(fmt(sweepTime, 3)) s")
        print("   (the byte-level writer measured 1.24× JSONEncoder on these two exports, under the 2× that would have kept it:")
        print("    it was removed; docs/dependencies.md)")
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
