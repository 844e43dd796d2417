import SparseScapeCore

/// Something that just happened in the engine, as typed data (the status line shows its `text`).
public enum EngineEvent: Equatable, Sendable {
    /// A weight was pruned; `was` is its value before.
    case pruned(EdgePosition, was: Double)
    /// A weight was revived at `value`; `opensWayDown` when the regrow analysis said so.
    case revived(EdgePosition, value: Double, opensWayDown: Bool)
    /// The last mask change was undone.
    case undone([EdgePosition])
    /// The smallest-magnitude live weights were pruned (`fraction` of the live ones) and training continues.
    case prunedSmallest([EdgePosition], fraction: Double)
    /// The loss became non-finite or exploded at `iteration`; the last finite point was restored.
    case diverged(iteration: Int, optimizer: OptimizerKind, step: Double)
    /// ‖θ‖ passed the escape bound at `iteration`.
    case escaping(iteration: Int, norm: Double)
    /// The run converged and the optimizer paused itself.
    case converged(iteration: Int)
    /// A minimum-energy path was found.
    case pathFound(barrier: Double, saddleLoss: Double?, lineBarrier: Double)
    /// A background search finished.
    case searchFinished(restarts: Int, minima: Int, lowest: Double?, improved: Bool)
    /// Anything else that informs (a setting changed, a restart, …).
    case info(String)
    /// A request that could not be carried out (nothing changed).
    case refused(String)
    /// A computation that failed.
    case failed(String)

    /// How the status line colours it.
    public var severity: EventSeverity {
        switch self {
        case .pruned, .revived, .undone, .prunedSmallest, .converged, .pathFound, .searchFinished, .info: return .info
        case .refused, .escaping: return .warning
        case .diverged, .failed: return .error
        }
    }

    /// The status-line text.
    public var text: String {
        switch self {
        case .pruned(let e, let was): return "pruned \(e.label) (was \(NumberFormat.human(was, 4)))"
        case .revived(let e, let v, let down):
            return "revived \(e.label) at \(NumberFormat.human(v, 4))" + (down ? ": it opens a way down" : "")
        case .undone(let edges):
            return edges.count == 1 ? "undid the toggle of \(edges[0].label)" : "undid the pruning of \(edges.count) weights"
        case .prunedSmallest(let edges, let fraction):
            let names = edges.prefix(3).map(\.label).joined(separator: ", ") + (edges.count > 3 ? ", …" : "")
            return "magnitude pruning: the \(edges.count) smallest live weights (\(Int((fraction * 100).rounded()))%) pruned: \(names); training continues"
        case .diverged(let it, let kind, let step):
            return "diverged at iteration \(it) (\(kind.rawValue), step \(NumberFormat.g(step, 4))): restored the last finite point and paused"
        case .escaping(let it, let norm):
            return "escaping to infinity at iteration \(it): ‖θ‖ reached \(NumberFormat.g(norm, 4)) while the loss still falls; stopped"
        case .converged(let it): return "converged at iteration \(it): the optimizer paused itself (any change resumes it)"
        case .pathFound(let barrier, let saddle, let line):
            return "path: barrier \(NumberFormat.g(barrier, 4))" + (saddle.map { " (saddle L = \(NumberFormat.g($0, 6)))" } ?? " (no saddle: monotone)")
                + "; straight line \(NumberFormat.g(line, 4))"
        case .searchFinished(let restarts, let minima, let lowest, let improved):
            guard let lowest else { return "search: no run of \(restarts) reached a critical point" }
            return "search: \(restarts) restarts, \(minima) distinct minima, lowest L = \(NumberFormat.g(lowest, 6))"
                + (improved ? " (new best known)" : "")
        case .info(let s), .refused(let s), .failed(let s): return s
        }
    }
}

/// How serious an event is.
public enum EventSeverity: Equatable, Sendable {
    /// Normal feedback.
    case info
    /// Nothing changed, or something to watch.
    case warning
    /// Something failed.
    case error
}
