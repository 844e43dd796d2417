import Foundation
import SparseScapeCore

/// Runs grid tasks: each one a pruning run (`Pruner`) from the task's start, recorded in the results folder.
public enum GridRunner {
    /// Progress within a task: (stage "train"/"search"/"certify", level, levels, done, total).
    public typealias Progress = @Sendable (_ stage: String, _ level: Int, _ levels: Int, _ done: Int, _ total: Int) -> Void

    /// Runs `task` and returns its record (not written).
    public static func run(_ task: GridTask, of plan: GridPlan, progress: Progress? = nil) throws -> GridRecord {
        let network = plan.networks[task.network]
        let f = try network.config.lossFunction()
        let start = plan.startPoint(for: task)
        try GivenPointCheck.check(f, start, role: plan.start == .seed ? "the random start (seed \(task.seed))" : "the config's start")
        let settings = try plan.settings(for: task)
        var forward: PruneProgress? = nil
        if let progress {
            forward = { level, levels, _, stage, done, total in progress(stage, level, levels, done, total) }
        }
        let report = try Pruner.run(f, name: network.name, start: start, settings: settings, progress: forward)
        return GridRecord(plan: plan, task: task, report: report)
    }

    /// Runs `task` and writes its record, or its failure when it throws; returns the status written.
    @discardableResult
    public static func runAndRecord(_ task: GridTask, in results: GridResults, progress: Progress? = nil) throws -> GridResults.Status {
        let plan = results.plan
        do {
            let record = try run(task, of: plan, progress: progress)
            try results.write(record)
            return .done(record)
        } catch let e as SparseScapeError {
            let failure = GridFailure(grid: plan.gridId, task: task.number, error: SafeText.oneLine(e.message, limit: 500), tool: ToolVersion.string)
            try results.write(failure)
            return .failed(failure)
        }
    }
}
