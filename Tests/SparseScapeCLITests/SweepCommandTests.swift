import Foundation
import Testing
import SparseScapeTestSupport

/// `sweep`, `sweep-merge` and `verify-theorems` through the binary: sharding, merging, bad input.
@Suite struct SweepCommandTests {
    static let tiny = #"{"name": "tiny", "widths": [2, 2, 1], "masks": [[[1, 0], [1, 1]], [[1], [1]]], "X": [[1, 0.5], [0, 1], [1, 1], [2, -1]], "Y": [[1], [2], [3], [-1]]}"#

    static func fixture() throws -> String {
        let d = try CLIRunner.tempDir()
        try tiny.write(toFile: d + "/tiny.json", atomically: true, encoding: .utf8)
        return d
    }

    @Test func shardedSweepMergesToTheWholeSummary() throws {
        let d = try Self.fixture()
        let common = ["sweep", "tiny.json", "--restarts", "3", "--steps", "400", "--seed", "2"]
        let whole = try CLIRunner.run(common, in: d)
        #expect(whole.status == 0)
        #expect(whole.stderr.isEmpty)  // no progress when stderr is not a terminal
        let lines = whole.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 36)
        var parts: [String] = []
        for k in 1...3 {
            let r = try CLIRunner.run(common + ["--shard", "\(k)/3"], in: d)
            #expect(r.status == 0)
            try r.stdout.write(toFile: d + "/part-\(k).jsonl", atomically: true, encoding: .utf8)
            parts += r.stdout.split(separator: "\n").map(String.init)
        }
        #expect(parts.sorted() == lines.sorted())
        try whole.stdout.write(toFile: d + "/whole.jsonl", atomically: true, encoding: .utf8)
        let a = try CLIRunner.run(["sweep-merge", "part-1.jsonl", "part-2.jsonl", "part-3.jsonl", "--json"], in: d)
        let b = try CLIRunner.run(["sweep-merge", "whole.jsonl", "--json"], in: d)
        #expect(a.status == 0 && b.status == 0)
        #expect(a.stdout == b.stdout)
        let text = try CLIRunner.run(["sweep-merge", "part-1.jsonl", "part-2.jsonl", "part-3.jsonl"], in: d)
        #expect(text.stdout.contains("36 of 36 (complete)"))
        #expect(text.stdout.contains("scalar-output"))

        let other = try CLIRunner.run(["sweep", "tiny.json", "--restarts", "3", "--steps", "400", "--seed", "3", "--shard", "2/40"], in: d)
        try other.stdout.write(toFile: d + "/other.jsonl", atomically: true, encoding: .utf8)
        let mixed = try CLIRunner.run(["sweep-merge", "whole.jsonl", "other.jsonl"], in: d)
        #expect(mixed.status == 2)
        #expect(mixed.stderr.contains("different sweep"))
        #expect(mixed.stderr.split(separator: "\n").count == 1)
    }

    /// An exact fit's loss can round to just below zero: the records sweep writes must merge all the same.
    @Test func recordsWithAnExactFitMerge() throws {
        let dir = try CLIRunner.tempDir()
        let sweep = try CLIRunner.run(["sweep", "table1-row1", "--sample", "40", "--restarts", "8"], in: dir, timeout: 600)
        #expect(sweep.status == 0, "\(sweep.stderr.suffix(300))")
        try sweep.stdout.write(toFile: dir + "/s.jsonl", atomically: true, encoding: .utf8)
        let losses = sweep.stdout.split(separator: "\n").compactMap { line -> [Double]? in
            guard let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let minima = o["minima"] as? [[String: Any]] else { return nil }
            return minima.compactMap { $0["loss"] as? Double }
        }.flatMap { $0 }
        #expect(losses.contains { $0 < 0 }, "no loss rounded below zero in this sample: the test no longer covers the case")
        let merge = try CLIRunner.run(["sweep-merge", "s.jsonl"], in: dir)
        #expect(merge.status == 0, "\(merge.stderr)")
    }

    @Test func countAndVerifyTheorems() throws {
        let c = try CLIRunner.run(["sweep", "theorem5", "--count", "--shard", "2/8"])
        #expect(c.status == 0)
        #expect(c.stdout.contains("2080 masks up to hidden-node permutations (of 4096)"))
        #expect(c.stdout.contains("shard 2/8: 260 masks"))
        let v = try CLIRunner.run(["verify-theorems", "--trials", "1", "--restarts", "6", "--seed", "4"])
        #expect(v.status == 0)
        #expect(v.stdout.contains("PASS"))
        #expect(v.stdout.contains("disjoint orthogonal"))
    }

    @Test(arguments: [
        (["sweep", "tiny.json", "--shard", "0/3"], "--shard"),
        (["sweep", "tiny.json", "--shard", "4/3"], "--shard"),
        (["sweep", "tiny.json", "--shard", "x/y"], "--shard"),
        (["sweep", "tiny.json", "--sample", "0"], "--sample"),
        (["sweep", "tiny.json", "--restarts", "0"], "--restarts"),
        (["sweep", "theorem2-disjoint"], "--sample"),
        (["sweep-merge", "nothing.jsonl"], "no such file"),
        (["sweep-merge", "tiny.json"], "not a sweep record"),
        (["verify-theorems", "--trials", "0"], "--trials"),
    ])
    func badInputIsOneLineAndStatus2(args: [String], mention: String) throws {
        let d = try Self.fixture()
        let r = try CLIRunner.run(args, in: d)
        #expect(r.status == 2)
        #expect(r.stderr.contains(mention))
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(r.stdout.isEmpty)
    }
}
