import ArgumentParser
import Foundation
import SparseScapeCore
import SparseScapeGrid

/// `sparsescape grid-merge`.
struct GridMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grid-merge",
        abstract: "Join a grid's task results into one table (mean, spread, certified verdicts per cell) and a figure of loss against sparsity.",
        discussion: """
            Reads OUT/tasks (OUT: the plan's output, or --out) and checks that every result is of this plan (the \
            grid id: the plan, its networks' data and the tool version). One row per cell (network, method, sparsity; \
            level 0, the unpruned network trained from the same start, included): the seeds, the loss's mean, \
            standard deviation, min and max, the mean gap to the dense optimum (the dense network's global minimum), \
            how many runs reached a certified minimum (global, or the best known for the mask), and the count of each \
            verdict (global-minimum, global-value, best-known-minimum, spurious-minimum, saddle, degenerate, \
            not-critical, escaping, failed).

            --csv FILE writes the table (loss and gap: mean, sd, min, max; one column per verdict); --json prints it \
            with every task's failure; --plot FILE.svg draws loss (--y gap: loss minus the dense optimum) against \
            sparsity, one band (min–max over the seeds) and mean line per method, one panel per network, a filled \
            marker where every seed reached a certified minimum.

            When tasks are missing or failed, the table of what is there is still printed (and the figure drawn, \
            marked incomplete), then the tasks, the commands that re-run only them (here and as sbatch --array), \
            and the exit status is 3.

            Examples:
              sparsescape grid-merge plan.toml
              sparsescape grid-merge plan.toml --csv table.csv --plot figure.svg
              sparsescape grid-merge plan.toml --plot gap.svg --y gap
              sparsescape grid-merge plan.toml --json > table.json
            """
    )

    @Argument(help: ArgumentHelp("The plan file.", valueName: "plan.toml")) var plan: String
    @Option(help: ArgumentHelp("The results folder (default: the plan's output).", valueName: "dir")) var out: String?
    @Option(help: ArgumentHelp("Write the table as CSV (atomically).", valueName: "file.csv")) var csv: String?
    @Option(help: ArgumentHelp("Draw the figure (SVG, atomically).", valueName: "file.svg")) var plot: String?
    @Option(help: "The figure's vertical axis: loss, or gap (loss minus the dense optimum).") var y: String = GridFigure.Quantity.loss.rawValue
    @OptionGroup var output: OutputOptions

    func run() throws {
        guard let quantity = GridFigure.Quantity(rawValue: y) else { throw SparseScapeError("--y must be loss or gap, got \(SafeText.quoted(y))") }
        if let csv { try OutputPath.check(csv, option: "--csv") }
        if let plot { try OutputPath.check(plot, option: "--plot") }
        let plan = try GridPlan(file: self.plan, output: out)
        let results = GridResults(plan: plan)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: results.folder, isDirectory: &isDir), isDir.boolValue else {
            throw SparseScapeError("\(SafeText.quoted(results.folder, limit: 200)) does not exist: no task of this grid has run (sparsescape grid \(SafeText.escaped(self.plan)))")
        }
        let summary = GridSummary(plan: plan, statuses: try results.statuses())
        if let csv { try AtomicFile.write(summary.csv(), to: csv) }
        if let plot { try GridFigure.make(summary, plan: plan, quantity: quantity).document().write(to: plot) }
        if output.json {
            print(try JSONText.encode(summary), terminator: "")
        } else {
            print(summary.text())
            if let csv { print("wrote \(SafeText.escaped(csv))") }
            if let plot { print("wrote \(SafeText.escaped(plot))") }
        }
        guard summary.isComplete else {
            let outArgument = out.map { " --out \(SafeText.escaped($0))" } ?? ""
            let numbers = (summary.missing + summary.failed.map(\.task)).sorted()
            if !output.json {
                if !summary.missing.isEmpty {
                    print("missing tasks (never ran, cancelled, or killed): \(GridFormat.ranges(summary.missing))")
                    for k in summary.missing.prefix(20) { print("  task \(k): \(plan.tasks[k - 1].label(plan))") }
                }
                if !summary.failed.isEmpty {
                    print("failed tasks: \(GridFormat.ranges(summary.failed.map(\.task)))")
                    for f in summary.failed.prefix(20) { print("  task \(f.task): \(plan.tasks[f.task - 1].label(plan)): \(f.error)") }
                }
                print("re-run only them, here: sparsescape grid \(SafeText.escaped(self.plan))\(outArgument) --tasks \(GridFormat.ranges(numbers))")
                print("or on Slurm: sbatch --array=\(GridFormat.ranges(numbers)) \(SafeText.escaped(GridSlurmScripts(plan: plan).arrayPath))")
            }
            throw IncompleteSweep(message: "incomplete grid: \(numbers.count) of \(summary.tasks) tasks not done"
                                  + (summary.missing.isEmpty ? "" : "; missing: \(GridFormat.ranges(summary.missing))")
                                  + (summary.failed.isEmpty ? "" : "; failed: \(GridFormat.ranges(summary.failed.map(\.task)))")
                                  + "; the commands that re-run them are printed above")
        }
    }
}
