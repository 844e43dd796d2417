import Foundation
import SparseScapeCore

/// The results folder of a grid: one file per finished task (`tasks/task-K.json`, a `GridRecord`) or failed task
/// (`tasks/task-K.failed.json`, a `GridFailure`), each written atomically, so that tasks run anywhere (a Slurm array,
/// GNU parallel, one loop) in any order, killed or repeated, leave either a whole file or none.
public struct GridResults: Sendable {
    /// Where a task stands.
    public enum Status: Sendable, Equatable {
        case done(GridRecord)
        case failed(GridFailure)
        case missing
    }

    /// The plan.
    public let plan: GridPlan
    /// `OUTPUT/tasks`.
    public var folder: String { plan.output + "/tasks" }

    /// The results of `plan` (nothing is read or created yet).
    public init(plan: GridPlan) { self.plan = plan }

    /// Creates the folders (`tasks`, `logs`) when missing.
    public func prepare() throws {
        for dir in [plan.output, folder, plan.output + "/logs"] {
            do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                throw SparseScapeError("cannot create the results folder \(SafeText.quoted(dir, limit: 200)) (\(SafeText.escaped(error.localizedDescription)))")
            }
        }
    }

    /// The file of task `k`'s record.
    public func recordPath(_ k: Int) -> String { folder + "/" + Self.stem(k, of: plan.tasks.count) + ".json" }

    /// The file of task `k`'s failure.
    public func failurePath(_ k: Int) -> String { folder + "/" + Self.stem(k, of: plan.tasks.count) + ".failed.json" }

    /// `task-007` for task 7 of a grid of 100 or more (names sort in task order).
    static func stem(_ k: Int, of n: Int) -> String {
        let digits = String(max(n, 1)).count
        let s = String(k)
        return "task-" + String(repeating: "0", count: max(0, digits - s.count)) + s
    }

    /// Every task's status. Throws when a file belongs to another grid (another plan, or this plan changed) or is
    /// not a record of the task its name says.
    public func statuses() throws -> [Status] {
        try plan.tasks.map { try status(of: $0.number) }
    }

    /// Task `k`'s status.
    public func status(of k: Int) throws -> Status {
        let path = recordPath(k)
        if FileManager.default.fileExists(atPath: path) {
            let record = try JSONValueDecoder.decode(GridRecord.self, from: try FileReading.read(path), name: SafeText.excerpt(path, limit: 200))
            try check(record.grid, record.task, k, path)
            return .done(record)
        }
        let failed = failurePath(k)
        if FileManager.default.fileExists(atPath: failed) {
            let failure = try JSONValueDecoder.decode(GridFailure.self, from: try FileReading.read(failed), name: SafeText.excerpt(failed, limit: 200))
            try check(failure.grid, failure.task, k, failed)
            return .failed(failure)
        }
        return .missing
    }

    private func check(_ grid: String, _ task: Int, _ k: Int, _ path: String) throws {
        guard grid == plan.gridId else {
            throw SparseScapeError("\(SafeText.quoted(path, limit: 200)) is a result of grid \(SafeText.quoted(grid)), not of this plan (\(plan.gridId)): "
                                   + "the plan, a network's data or the tool changed since; give another output folder (--out) or remove the old results")
        }
        guard task == k else { throw SparseScapeError("\(SafeText.quoted(path, limit: 200)) holds task \(task), not task \(k)") }
    }

    /// Writes a finished task's record (and removes an earlier failure of it).
    public func write(_ record: GridRecord) throws {
        try AtomicFile.write(try JSONText.encode(record), to: recordPath(record.task))
        try? FileManager.default.removeItem(atPath: failurePath(record.task))
    }

    /// Writes a task's failure.
    public func write(_ failure: GridFailure) throws {
        try AtomicFile.write(try JSONText.encode(failure), to: failurePath(failure.task))
    }
}
