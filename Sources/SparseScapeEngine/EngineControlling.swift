/// What the UI needs from an engine: the latest snapshot without blocking, commands, and exports.
///
/// `ExplorerEngine` is the real one; UI tests use fakes.
public protocol EngineControlling: AnyObject, Sendable {
    /// The most recently published snapshot (never blocks on the solver).
    func latestSnapshot() -> EngineSnapshot
    /// Queues a command; the optimizer thread applies it between steps.
    func send(_ command: EngineCommand)
    /// Writes the current slice as CSV + JSON sidecar in `directory` under a new timestamped name; returns the CSV path.
    func exportSlice(directory: String) throws -> String
    /// Writes the loss history as CSV (iteration,loss,gradient_norm) under a new timestamped name; returns the path.
    func exportHistory(directory: String) throws -> String
    /// Writes the current point as a point file under a new timestamped name; returns the path.
    func savePoint(directory: String) throws -> String
    /// Stops the worker threads and waits for them (no BLAS call is in flight afterwards).
    func stop()
}
