import SparseScapeEngine

/// What a key press means to the explorer.
public enum KeyAction: Equatable, Sendable {
    /// Send a command to the engine.
    case command(EngineCommand)
    /// Prune / revive the selected edge.
    case toggleSelectedEdge
    /// Move the selection by (rows, cols).
    case move(rows: Int, cols: Int)
    /// Select in the next layer.
    case nextLayer
    /// Export the slice.
    case exportSlice
    /// Export the history.
    case exportHistory
    /// Save the current point.
    case savePoint
    /// Toggle the slice's log scale.
    case toggleLogScale
    /// Next loss-chart iteration axis (log, linear, recent).
    case cycleLossAxis
    /// Show / hide the help.
    case toggleHelp
    /// Show / hide the message log.
    case toggleLog
    /// Close the help or the log, or clear the message.
    case dismiss
    /// Quit.
    case quit
}
