/// How the loss chart spaces iterations.
public enum LossAxis: Equatable, Sendable {
    /// Log-spaced iterations, restarting at every mask change (each stretch as wide as the log of its length): the
    /// early descent, and the descent after every toggle, get as much room as the long tails.
    case log
    /// Linear in the iteration.
    case linear
    /// Linear over the recent window only (since the last mask change, or the last quarter of the run).
    case recent

    /// The next axis in log → linear → recent → log.
    public var next: LossAxis {
        switch self {
        case .log: return .linear
        case .linear: return .recent
        case .recent: return .log
        }
    }

    /// The name shown in the chart's title.
    public var name: String {
        switch self {
        case .log: return "log iterations"
        case .linear: return "iterations"
        case .recent: return "recent iterations"
        }
    }
}
