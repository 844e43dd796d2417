import Foundation
import Testing
import SparseScapeTestSupport

/// `grid` and `grid-merge` through the binary: a failed task named with its error and the command that re-runs it
/// (exit 1, then 3 from the merge), a missing task re-run alone, the task list, bad options.
@Suite struct GridCommandTests {
    /// A plan of two networks from their configs' starts: theorem5, and a one-layer network whose start overflows the
    /// loss, so that its task fails (as a task fails on a cluster: an error, recorded, the others unaffected).
    static func folder() throws -> String {
        let dir = try CLIRunner.tempDir()
        try #"{"name": "overflow", "widths": [2, 1], "masks": [[[1], [1]]], "X": [[1, 1]], "Y": [[1]], "start": [1e200, 1e200]}"#
            .write(toFile: dir + "/overflow.json", atomically: true, encoding: .utf8)
        try """
            networks = ["theorem5", "overflow.json"]
            methods = ["magnitude"]
            sparsities = [0.5]
            seeds = [1]
            start = "config"
            [prune]
            restarts = 2
            """.write(toFile: dir + "/plan.toml", atomically: true, encoding: .utf8)
        return dir
    }

    @Test func aFailedTaskIsNamedAndReRunnable() throws {
        let dir = try Self.folder()
        let run = try CLIRunner.run(["grid", "plan.toml"], in: dir)
        #expect(run.status == 1, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("grid plan (grid-") == true && lines.first?.hasSuffix("): ran 2 tasks in 0 s, 1 failed") == true, "\(run.stdout)")
        #expect(lines.contains { $0.hasPrefix("  task 2 (overflow · magnitude · 50% · seed 1): ") && $0.contains("the config's start") })
        #expect(lines.contains("all 2 tasks: 1 done, 1 failed, 0 missing (\(dir)/plan/tasks)"))
        #expect(lines.contains("re-run the failed tasks: sparsescape grid plan.toml --tasks 2"))
        #expect(run.stderr.hasSuffix("sparsescape: error: 1 grid task failed: task 2 (named above; their errors are in \(dir)/plan/tasks)\n"), "\(run.stderr)")
        let failure = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/plan/tasks/task-2.failed.json"))) as? [String: Any])
        #expect(failure["task"] as? Int == 2 && (failure["error"] as? String) == "the config's start: the loss at this point is not finite (inf); its weights are too large for the data")
        // The merge names it and prints the commands that re-run it; the status is 3.
        let merge = try CLIRunner.run(["grid-merge", "plan.toml", "--csv", "t.csv"], in: dir)
        #expect(merge.status == 3)
        #expect(merge.stdout.contains("\nfailed tasks: 2\n  task 2: overflow · magnitude · 50% · seed 1: "))
        #expect(merge.stdout.contains("\nre-run only them, here: sparsescape grid plan.toml --tasks 2\nor on Slurm: sbatch --array=2 \(dir)/plan/grid.sbatch\n"))
        #expect(merge.stderr == "sparsescape: error: incomplete grid: 1 of 2 tasks not done; failed: 2; the commands that re-run them are printed above\n")
        // The table of what is there is still written: theorem5's cells only.
        let csv = try String(contentsOfFile: dir + "/t.csv", encoding: .utf8).split(separator: "\n")
        #expect(csv.count == 3 && csv[1].hasPrefix("theorem5,magnitude,0,0,0,1,") && csv[2].hasPrefix("theorem5,magnitude,1,0.5,0.5,1,"))
        let list = try CLIRunner.run(["grid", "plan.toml", "--list"], in: dir)
        #expect(list.status == 0)
        #expect(list.stdout.contains("\n1  theorem5 · magnitude · 50% · seed 1  done (") && list.stdout.contains("\n2  overflow · magnitude · 50% · seed 1  FAILED: "))
        // A task whose record is gone (cancelled, killed) runs again alone; the done one is not run twice.
        let record = dir + "/plan/tasks/task-1.json"
        let before = try String(contentsOfFile: record, encoding: .utf8)
        try FileManager.default.removeItem(atPath: record)
        let again = try CLIRunner.run(["grid", "plan.toml", "--tasks", "1"], in: dir)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("): ran 1 task in ") && again.stdout.contains("all 2 tasks: 1 done, 1 failed, 0 missing"))
        let after = try String(contentsOfFile: record, encoding: .utf8)
        func withoutSeconds(_ s: String) -> String { s.split(separator: "\n").filter { !$0.contains("\"seconds\"") }.joined(separator: "\n") }
        #expect(withoutSeconds(after) == withoutSeconds(before))
        let skip = try CLIRunner.run(["grid", "plan.toml", "--task", "1"], in: dir)
        #expect(skip.status == 0 && skip.stdout.contains("ran 0 tasks") && skip.stderr.contains("grid: task 1 is done already"))
    }

    @Test func badOptionsAreOneLine() throws {
        let dir = try Self.folder()
        for (args, message) in [
            (["grid", "plan.toml", "--task", "3"], "--task 3 is out of range: the grid has tasks 1-2"),
            (["grid", "plan.toml", "--tasks", "1,x"], "a task list is numbers and ranges such as 3,7,10-12, got '1,x'"),
            (["grid", "plan.toml", "--task", "1", "--tasks", "2"], "give --task or --tasks, not both"),
            (["grid-merge", "plan.toml", "--y", "accuracy"], "--y must be loss or gap, got 'accuracy'"),
            (["grid-merge", "plan.toml"], "'\(dir)/plan/tasks' does not exist: no task of this grid has run (sparsescape grid plan.toml)"),
            (["grid", "missing.toml"], "missing.toml: no such file"),
        ] {
            let r = try CLIRunner.run(args, in: dir)
            #expect(r.status == 2 && r.stderr == "sparsescape: error: \(message)\n", "\(args): \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/plan"), "a refused command created the results folder")
    }
}
