import SparseScapeCore
import SparseScapeEngine

/// The screen's words for the engine's verdict (the status line and the title).
public enum VerdictWording {
    /// A short form for narrow terminals, e.g. "spurious min L 8 (best 0.1656)".
    public static func compactText(_ verdict: EngineVerdict) -> String {
        switch verdict {
        case .spuriousMinimum(let l, let b): return "spurious min L \(NumberFormat.g(l, 4)) (best \(NumberFormat.g(b, 4)))"
        case .globalMinimum(let l): return "global min L \(NumberFormat.g(l, 6))"
        case .localMinimum(let l): return "local min L \(NumberFormat.g(l, 6))"
        case .saddle(let index, let order):
            if let order, order > 2 { return "saddle, order \(order)" }
            return "saddle" + (index.map { ", index \($0)" } ?? "")
        case .degenerate: return "degenerate"
        case .stalled: return "certifying…"
        case .slow(let g): return "slow: |∇L| \(NumberFormat.g(g, 2))"
        case .escaping(let limit): return "escaping" + (limit.map { " (limit ≤ \(NumberFormat.g($0, 6)))" } ?? "")
        default: return text(verdict)
        }
    }

    /// The status-line text, e.g. "stalled: spurious local minimum (L = 8.000; best known 0.1656)".
    public static func text(_ verdict: EngineVerdict) -> String {
        switch verdict {
        case .descending: return "descending"
        case .paused: return "paused"
        case .spuriousMinimum(let l, let b):
            return "stalled: spurious local minimum (L = \(NumberFormat.g(l, 4)); best known \(NumberFormat.g(b, 4)))"
        case .globalMinimum(let l): return "global minimum (proven) L = \(NumberFormat.g(l, 6))"
        case .localMinimum(let l): return "local minimum L = \(NumberFormat.g(l, 6)); no lower point known"
        case .saddle(let index, let order):
            if let order, order > 2 { return "stalled: saddle of order \(order) (flat Hessian, the loss falls at order \(order))" }
            return "stalled: saddle" + (index.map { " of index \($0)" } ?? "")
        case .degenerate: return "stalled: degenerate critical point"
        case .stalled: return "stalled: certifying…"
        case .slow(let g):
            return "stalled, not critical (|∇L| = \(NumberFormat.g(g, 3))): descent is too slow here; try \(KeyTable.key(for: .cycleOptimizer)) (another optimizer: lm converges fastest)"
        case .diverged: return "diverged (paused)"
        case .escaping(let limit):
            return "escaping to infinity" + (limit.map { ": along a valley the loss tends to ≈\(NumberFormat.g($0, 6))" } ?? "")
        }
    }
}
