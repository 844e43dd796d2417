/// A grid task that stopped with an error (`tasks/task-K.failed.json`): what to show when naming it, and what a
/// re-run replaces.
public struct GridFailure: Codable, Sendable, Equatable {
    /// The grid's identity.
    public var grid: String
    /// The task's number.
    public var task: Int
    /// The error, one line.
    public var error: String
    /// The tool version that ran it.
    public var tool: String

    /// A failure record.
    public init(grid: String, task: Int, error: String, tool: String) {
        self.grid = grid
        self.task = task
        self.error = error
        self.tool = tool
    }
}
