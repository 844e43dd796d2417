/// How the loss chart spaces iterations.
public enum LossAxis: Equatable, Sendable {
    /// log10(1 + iteration): the early descent gets as much room as the long tail.
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
