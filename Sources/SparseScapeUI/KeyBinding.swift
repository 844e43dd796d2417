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
    /// Show / hide the help.
    case toggleHelp
    /// Close the help and clear the message.
    case dismiss
    /// Quit.
    case quit
}

/// The key map (the help overlay lists the same keys).
///
/// Selection moves with the arrows or h j k l (htop/vi habits); `L` toggles the slice's log scale.
public enum KeyBinding {
    /// The action of a key, or nil when the key does nothing.
    public static func action(for key: KeyInput) -> KeyAction? {
        switch key {
        case .up: return .move(rows: -1, cols: 0)
        case .down: return .move(rows: 1, cols: 0)
        case .left: return .move(rows: 0, cols: -1)
        case .right: return .move(rows: 0, cols: 1)
        case .tab: return .nextLayer
        case .enter: return .toggleSelectedEdge
        case .escape: return .dismiss
        case .ctrlC: return .quit
        case .character(let c):
            switch c {
            case " ": return .command(.toggleRunning)
            case "n": return .command(.step)
            case "t": return .toggleSelectedEdge
            case "k": return .move(rows: -1, cols: 0)
            case "j": return .move(rows: 1, cols: 0)
            case "h": return .move(rows: 0, cols: -1)
            case "l": return .move(rows: 0, cols: 1)
            case "r": return .command(.reset)
            case "R": return .command(.randomRestart)
            case "p": return .command(.perturb)
            case "+", "=": return .command(.scaleStepSize(2))
            case "-", "_": return .command(.scaleStepSize(0.5))
            case "o": return .command(.cycleOptimizer)
            case "d": return .command(.cycleDirections)
            case "f": return .command(.toggleFollow)
            case "g": return .command(.jumpToBest)
            case "S": return .command(.runSearch)
            case "e": return .exportSlice
            case "E": return .exportHistory
            case "s": return .savePoint
            case "L": return .toggleLogScale
            case "?": return .toggleHelp
            case "q": return .quit
            case "\t": return .nextLayer
            case "\r", "\n": return .toggleSelectedEdge
            case "\u{3}": return .quit
            default: return nil
            }
        }
    }
}
