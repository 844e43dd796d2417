import SparseScapeCore

/// The lowest point known under the current mask: the config's reference points, certified minima, searches.
struct BestKnownTracker {
    /// The best point (its parameters, when present, are in the current mask's order).
    private(set) var best: KnownPoint?

    /// Adopts `candidate` when it is lower by more than rounding; `count` is the current parameter count.
    mutating func offer(_ candidate: KnownPoint, count: Int) {
        guard candidate.loss.isFinite else { return }
        if let p = candidate.params, p.count != count { return }
        if let b = best, candidate.loss >= b.loss - 1e-12 * max(1, abs(b.loss)) { return }
        best = candidate
    }

    /// After a mask change from `old` to `f`'s: keeps the best point when it exists under the new mask (re-evaluated).
    mutating func remap(from old: NetworkArchitecture, to f: LossFunction) {
        let previous = best
        best = nil
        if let b = previous, let p = b.params, let q = ParameterRemap.realize(p, from: old, to: f.architecture) {
            offer(KnownPoint(loss: f.loss(q), source: b.source, params: q), count: f.parameterCount)
        }
    }

    /// The best point's parameters when it has some for `count` parameters.
    func params(count: Int) -> [Double]? {
        guard let p = best?.params, p.count == count else { return nil }
        return p
    }
}
