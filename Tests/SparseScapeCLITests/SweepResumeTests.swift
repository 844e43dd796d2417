import Foundation
import Testing
import SparseScapeTestSupport

/// `sweep --resume` and `--only-missing`, and `sweep-merge` on incomplete parts: a killed or failed task is
/// finished without redoing written masks, and the result equals an uninterrupted run.
@Suite struct SweepResumeTests {
    static let common = ["sweep", "tiny.json", "--restarts", "3", "--steps", "400", "--seed", "2"]

    /// The uninterrupted sweep's lines (36 masks), in the fixture folder `d`.
    static func whole(in d: String) throws -> [String] {
        let r = try CLIRunner.run(common, in: d)
        #expect(r.status == 0)
        return r.stdout.split(separator: "\n").map(String.init)
    }

    static func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test func resumeKeepsWrittenMasksAndDropsAPartialLastLine() throws {
        let d = try SweepCommandTests.fixture()
        let whole = try Self.whole(in: d)
        #expect(whole.count == 36)
        // What a run killed while writing its 14th line leaves: 13 lines, then half a line without a newline.
        let head = whole.prefix(13).joined(separator: "\n") + "\n"
        let partial = String(whole[13].prefix(whole[13].count / 2))
        try (head + partial).write(toFile: d + "/out.jsonl", atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(Self.common + ["--resume", "out.jsonl"], in: d)
        #expect(r.status == 0)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == "sweep: resuming 'out.jsonl': 13 of 36 masks of shard 1/1 already there (dropped a partial last line)\n")
        let text = try String(contentsOfFile: d + "/out.jsonl", encoding: .utf8)
        #expect(text.hasPrefix(head))  // the 13 written masks are kept as they were, not redone
        let out = try Self.lines(d + "/out.jsonl")
        #expect(out.last == "")  // ends in a newline
        #expect(out.dropLast().count == 36)  // no mask twice
        #expect(out.dropLast().sorted() == whole.sorted())
        // Resuming a complete file runs nothing and changes nothing.
        let again = try CLIRunner.run(Self.common + ["--resume", "out.jsonl"], in: d)
        #expect(again.status == 0)
        #expect(try String(contentsOfFile: d + "/out.jsonl", encoding: .utf8) == text)
    }

    @Test func resumeAfterSIGKILLEqualsAnUninterruptedRun() throws {
        let d = try SweepCommandTests.fixture()
        let example = try String(contentsOfFile: DocsExamplesTests.repository + "/examples/slurm/network.json", encoding: .utf8)
        try example.write(toFile: d + "/network.json", atomically: true, encoding: .utf8)
        let args = ["sweep", "network.json", "--restarts", "4", "--seed", "1", "--shard", "2/2"]
        let reference = try CLIRunner.run(args, in: d)
        #expect(reference.status == 0)
        let expected = reference.stdout.split(separator: "\n").map(String.init)
        #expect(expected.count == 264)

        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLIRunner.binary)
        p.arguments = args + ["--resume", "killed.jsonl"]
        p.currentDirectoryURL = URL(fileURLWithPath: d)
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        var written = 0
        for _ in 0..<6000 where p.isRunning {  // poll (at most 60 s) until 10 masks are written, then kill it
            written = ((try? Self.lines(d + "/killed.jsonl")) ?? []).count - 1
            if written >= 10 { break }
            usleep(10_000)
        }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        #expect(p.terminationReason == .uncaughtSignal)
        let left = try Self.lines(d + "/killed.jsonl").filter { !$0.isEmpty }
        #expect(left.count >= 10 && left.count < 264)

        let r = try CLIRunner.run(args + ["--resume", "killed.jsonl"], in: d)
        #expect(r.status == 0)
        #expect(r.stderr.hasPrefix("sweep: resuming 'killed.jsonl': "))
        let out = try Self.lines(d + "/killed.jsonl").filter { !$0.isEmpty }
        #expect(out.count == 264)
        #expect(out.sorted() == expected.sorted())
    }

    @Test func mergeOfIncompletePartsPrintsTheCommandThatRunsOnlyTheMissingMasks() throws {
        let d = try SweepCommandTests.fixture()
        let whole = try Self.whole(in: d)
        for k in 1...2 {  // shard 3 of 3 failed
            let r = try CLIRunner.run(Self.common + ["--shard", "\(k)/3", "--resume", "part-\(k).jsonl"], in: d)
            #expect(r.status == 0)
        }
        let merge = try CLIRunner.run(["sweep-merge", "--shards", "3", "part-1.jsonl", "part-2.jsonl"], in: d)
        #expect(merge.status == 3)
        #expect(merge.stderr == "sparsescape: error: incomplete sweep: 12 of 36 masks missing; missing shards (of 3): 3; the command that runs only them is printed above\n")
        #expect(merge.stdout.contains("records: 24 of 36 — INCOMPLETE, 12 missing (first: 2, 5, 8, 11, 14, 17, 20, 23, 26, 29, 32, 35)"))
        #expect(merge.stdout.contains("missing shards (of 3): 3\n"))
        let command = "sparsescape sweep tiny.json --restarts 3 --seed 2 --steps 400 --only-missing part-1.jsonl part-2.jsonl --resume part-missing.jsonl"
        #expect(merge.stdout.contains("\n  " + command + "\n"))

        let rerun = try CLIRunner.run(command.split(separator: " ").dropFirst().map(String.init), in: d)
        #expect(rerun.status == 0)
        let added = try Self.lines(d + "/part-missing.jsonl").filter { !$0.isEmpty }
        #expect(added.count == 12)
        #expect(Set(added.compactMap { Self.index(of: $0) }) == Set(stride(from: 2, to: 36, by: 3)))

        let done = try CLIRunner.run(["sweep-merge", "part-1.jsonl", "part-2.jsonl", "part-missing.jsonl", "--json"], in: d)
        try whole.joined(separator: "\n").write(toFile: d + "/whole.jsonl", atomically: true, encoding: .utf8)
        let reference = try CLIRunner.run(["sweep-merge", "whole.jsonl", "--json"], in: d)
        #expect(done.status == 0 && reference.status == 0)
        #expect(done.stdout == reference.stdout)
        #expect(!done.stdout.contains("rerunCommand"))
    }

    @Test func mergeIgnoresAPartialLastLineAndCountsItsMaskMissing() throws {
        let d = try SweepCommandTests.fixture()
        let whole = try Self.whole(in: d)
        try (whole.prefix(35).joined(separator: "\n") + "\n" + whole[35].prefix(20)).write(toFile: d + "/cut.jsonl", atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["sweep-merge", "cut.jsonl", "--json"], in: d)
        #expect(r.status == 3)
        let summary = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(summary?["received"] as? Int == 35)
        #expect(summary?["missing"] as? [Int] == [35])
        #expect((summary?["rerunCommand"] as? String)?.hasSuffix("--only-missing cut.jsonl --resume part-missing.jsonl") == true)
    }

    @Test(arguments: [
        (["--seed", "3", "--resume", "part.jsonl"], "another sweep"),
        (["--seed", "2", "--shard", "2/3", "--resume", "part.jsonl"], "not in shard 2/3"),
        (["--seed", "2", "--resume", "tiny.json"], "not a sweep record"),
        (["--seed", "2", "--only-missing", "nothing.jsonl"], "no such file"),
        (["--seed", "3", "--only-missing", "part.jsonl"], "another sweep"),
        (["--seed", "2", "--resume", "no-folder/part.jsonl"], "directory 'no-folder' does not exist"),
    ])
    func badResumeInputIsRefusedAndLeavesTheFileAlone(extra: [String], mention: String) throws {
        let d = try SweepCommandTests.fixture()
        let part = try CLIRunner.run(["sweep", "tiny.json", "--restarts", "3", "--steps", "400", "--seed", "2", "--shard", "1/3"], in: d)
        try part.stdout.write(toFile: d + "/part.jsonl", atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["sweep", "tiny.json", "--restarts", "3", "--steps", "400"] + extra, in: d)
        #expect(r.status == 2)
        #expect(r.stderr.contains(mention))
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(r.stdout.isEmpty)
        #expect(try String(contentsOfFile: d + "/part.jsonl", encoding: .utf8) == part.stdout)
        #expect(try String(contentsOfFile: d + "/tiny.json", encoding: .utf8) == SweepCommandTests.tiny)
    }

    @Test func mergeRefusesANonPositiveShardCount() throws {
        let r = try CLIRunner.run(["sweep-merge", "--shards", "0", "x.jsonl"])
        #expect(r.status == 2)
        #expect(r.stderr == "sparsescape: error: --shards must be at least 1, got 0\n")
    }

    /// The "index" of a sweep line.
    static func index(of line: String) -> Int? {
        (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["index"] as? Int
    }
}
