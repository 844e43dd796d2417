import ArgumentParser
import Foundation
import SparseScapeCore
import SparseScapeGrid
import Synchronization

/// `sparsescape grid`.
struct GridCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grid",
        abstract: "Run an experiment grid (methods × sparsities or IMP levels × seeds × networks) of certified pruning runs, here or as a Slurm array job.",
        discussion: """
            PLAN.toml lists the networks (presets or config files, e.g. from 'sparsescape import'), the pruning methods \
            (magnitude, random, snip, imp), the one-shot methods' sparsities, the seeds and how each run prunes, trains \
            and certifies (as 'sparsescape prune'). Every (network, method, sparsity, seed) is one task, numbered 1…N in \
            that order (an imp task runs all its levels): a pruning run from the seed's Gaussian start (start = "seed", \
            as in lottery-ticket experiments) or the config's start (start = "config"), each level trained, certified \
            and compared with the dense optimum. 'sparsescape grid-merge PLAN.toml' then gives one table (mean, spread \
            and certified verdicts per cell) and the figure of loss against sparsity.

            Each task writes OUT/tasks/task-K.json when done, or task-K.failed.json with the error (OUT: the plan's \
            output, or --out), atomically. So the grid is resumable: run again, it skips the tasks done and runs the \
            missing and failed ones; --tasks 3,7,10-12 runs only those. Here, a progress bar is shown on stderr when it \
            is a terminal (else one line per task); the exit status is 1 when a task failed, each one named.

            --slurm writes OUT/grid.sbatch (an array job: array task K runs 'sparsescape grid PLAN --task K') and \
            OUT/merge.sbatch (grid-merge into OUT/summary.txt, summary.csv and figure.svg), and prints how to submit \
            them. A cancelled or failed array task leaves its task missing or failed: grid-merge names it and prints \
            the sbatch --array=… command that re-runs only those; #SBATCH --requeue lets a preempted task run again.

            Plan (every key optional but networks, methods, seeds, and sparsities for the one-shot methods):
              name = "digits-prune"        # default: the file's name
              output = "digits-prune"      # results folder (default: the name)
              networks = ["digits"]        # presets or configs (relative paths)
              methods = ["magnitude", "random"]
              sparsities = [0.2, 0.4, 0.6, 0.8, 0.9]
              seeds = [1, 2, 3]
              start = "seed"               # or "config"
              [prune]                      # scope, restarts, steps, tol, optimizer, lr
              restarts = 0
              [imp]                        # levels, rate, rewind (methods has "imp")
              [slurm]                      # cpus-per-task, time, partition, sbatch
              time = "00:30:00"

            Examples:
              sparsescape grid plan.toml              # every task, with a progress bar
              sparsescape grid plan.toml --list       # the tasks and their status
              sparsescape grid plan.toml --slurm      # the Slurm array and merge jobs
              sparsescape grid plan.toml --tasks 7,12 # re-run two tasks
              parallel sparsescape grid plan.toml --task {} ::: $(seq 1 30)
              sparsescape grid-merge plan.toml --csv table.csv --plot figure.svg
            """
    )

    @Argument(help: ArgumentHelp("The plan file.", valueName: "plan.toml")) var plan: String
    @Option(help: ArgumentHelp("The results folder (default: the plan's output).", valueName: "dir")) var out: String?
    @Option(parsing: .unconditional, help: "Run task K only (1…N; what a Slurm array task runs).") var task: Int?
    @Option(help: ArgumentHelp("Run these tasks only: numbers and ranges (3,7,10-12).", valueName: "list")) var tasks: String?
    @Flag(help: "List the tasks and their status (done, failed, missing) and stop.") var list = false
    @Flag(help: "Write the Slurm array job and merge job scripts into the results folder and stop.") var slurm = false

    func run() throws {
        let plan = try GridPlan(file: self.plan, output: out)
        let results = GridResults(plan: plan)
        let n = plan.tasks.count
        if task != nil && tasks != nil { throw SparseScapeError("give --task or --tasks, not both") }
        if let task, !(1...n).contains(task) { throw SparseScapeError("--task \(task) is out of range: the grid has tasks 1-\(n)") }
        let chosen: [Int]? = try task.map { [$0] } ?? tasks.map { try GridFormat.parseRanges($0, count: n) }
        let statuses = try results.statuses()
        if list {
            printList(plan, statuses)
            return
        }
        try results.prepare()
        if slurm {
            let scripts = GridSlurmScripts(plan: plan)
            try scripts.write()
            print("grid \(plan.name) (\(plan.gridId)): \(n) tasks; wrote \(SafeText.escaped(scripts.arrayPath)) and \(SafeText.escaped(scripts.mergePath))")
            print("submit the array, then the merge after it:")
            print("  jid=$(sbatch --parsable \(SafeText.escaped(scripts.arrayPath))) && sbatch --dependency=afterany:$jid \(SafeText.escaped(scripts.mergePath))")
            print("re-run some tasks only (failed, cancelled): sbatch --array=3,7 \(SafeText.escaped(scripts.arrayPath))")
            return
        }
        let todo = plan.tasks.filter { t in
            if let chosen { return chosen.contains(t.number) }
            if case .done = statuses[t.number - 1] { return false }
            return true
        }.filter { t in
            // A chosen task that is done already is not run again (a re-submitted or requeued array task).
            if case .done = statuses[t.number - 1] { Console.note("grid: task \(t.number) is done already (\(SafeText.escaped(results.recordPath(t.number))))"); return false }
            return true
        }
        let began = Date()
        var failures: [(GridTask, GridFailure)] = []
        let bar = Console.stderrIsTerminal
        for (k, t) in todo.enumerated() {
            let label = t.label(plan)
            let elapsed = Date().timeIntervalSince(began)
            let left = k > 0 ? " · about \(Self.duration(elapsed / Double(k) * Double(todo.count - k))) left" : ""
            let head = "grid \(plan.name) \(Self.bar(k, todo.count)) \(k)/\(todo.count)\(failures.isEmpty ? "" : " · \(failures.count) failed") · task \(t.number): \(label)"
            var progress: GridRunner.Progress? = nil
            if bar {
                progress = { stage, level, levels, done, total in
                    let count = total > 1 ? " \(done)/\(total)" : ""
                    Console.progress(SafeText.oneLine("\(head) · level \(level)/\(levels) \(stage)\(count)\(left)", limit: 200))
                }
            }
            if bar { Console.progress(SafeText.oneLine(head + left, limit: 200)) }
            let started = Date()
            let status = try GridRunner.runAndRecord(t, in: results, progress: progress)
            let seconds = NumberFormat.g(Date().timeIntervalSince(started), 3)
            switch status {
            case .done(let r):
                if !bar, let last = r.levels.last {
                    Console.note("grid: task \(t.number) done in \(seconds) s (\(k + 1)/\(todo.count)): \(label): loss \(last.loss.map { NumberFormat.g($0, 9) } ?? "—") (\(last.verdict.rawValue))")
                }
            case .failed(let f):
                failures.append((t, f))
                if bar { Console.endProgress() }
                Console.note("grid: task \(t.number) FAILED (\(label)): \(f.error)")
            case .missing: break
            }
        }
        if bar { Console.endProgress() }
        let after = try results.statuses()
        let done = after.filter { if case .done = $0 { return true }; return false }.count
        let failed = after.filter { if case .failed = $0 { return true }; return false }.count
        print("grid \(plan.name) (\(plan.gridId)): ran \(todo.count) task\(todo.count == 1 ? "" : "s") in \(Self.duration(Date().timeIntervalSince(began)))"
              + (failures.isEmpty ? "" : ", \(failures.count) failed"))
        for (t, f) in failures { print("  task \(t.number) (\(t.label(plan))): \(f.error)") }
        print("all \(n) tasks: \(done) done, \(failed) failed, \(n - done - failed) missing (\(SafeText.escaped(results.folder)))")
        if failed > 0 {
            let numbers = plan.tasks.indices.filter { if case .failed = after[$0] { return true }; return false }.map { $0 + 1 }
            print("re-run the failed tasks: sparsescape grid \(SafeText.escaped(self.plan))\(outArgument) --tasks \(GridFormat.ranges(numbers))")
        }
        if done == n { print("merge: sparsescape grid-merge \(SafeText.escaped(self.plan))\(outArgument)") }
        if !failures.isEmpty {
            throw NumericalFailure(message: "\(failures.count) grid task\(failures.count == 1 ? "" : "s") failed: " + failures.map { "task \($0.0.number)" }.joined(separator: ", ")
                                   + " (named above; their errors are in \(SafeText.escaped(results.folder)))")
        }
    }

    /// " --out DIR" when it was given.
    private var outArgument: String { out.map { " --out \(SafeText.escaped($0))" } ?? "" }

    /// The task table of --list.
    private func printList(_ plan: GridPlan, _ statuses: [GridResults.Status]) {
        print("grid \(plan.name) (\(plan.gridId)): \(plan.tasks.count) tasks, results in \(SafeText.escaped(plan.output))")
        for (t, s) in zip(plan.tasks, statuses) {
            let state: String
            switch s {
            case .done(let r): state = "done (\(NumberFormat.g(r.seconds, 3)) s)"
            case .failed(let f): state = "FAILED: \(f.error)"
            case .missing: state = "missing"
            }
            print("\(String(t.number).padding(toLength: String(plan.tasks.count).count, withPad: " ", startingAt: 0))  \(t.label(plan))  \(state)")
        }
    }

    /// A 20-cell progress bar.
    static func bar(_ done: Int, _ total: Int) -> String {
        let filled = total > 0 ? 20 * done / total : 20
        return "[" + String(repeating: "█", count: filled) + String(repeating: "░", count: 20 - filled) + "]"
    }

    /// "12 s", "3 min", "1 h 05 min".
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s < 120 { return "\(s) s" }
        if s < 3600 { return "\(s / 60) min" }
        return "\(s / 3600) h \(String(format: "%02d", (s % 3600) / 60)) min"
    }
}
