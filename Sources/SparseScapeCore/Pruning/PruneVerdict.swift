/// Where training a pruned network ended, judged by its certificate against the best point known for its mask.
public enum PruneVerdict: String, Codable, Sendable {
    /// A proven global minimum (the closed form, or an attained lower bound).
    case global = "global-minimum"
    /// Not a critical point within the tolerance, but its loss attains the proven global value (the closed form or the
    /// lower bound, within the certification margin): a global minimiser in value, approached where the landscape is
    /// too flat for the gradient to reach the tolerance.
    case globalValue = "global-value"
    /// A local minimum at the lowest loss known for the mask (nothing lower found; globality not proven).
    case bestKnown = "best-known-minimum"
    /// A local minimum above a known point of the same mask: pruning plus this start found a spurious minimum.
    case spurious = "spurious-minimum"
    /// A saddle (the run stopped where a direction of decrease exists).
    case saddle
    /// A degenerate critical point the higher-order test could not decide.
    case degenerate
    /// The run stopped with ‖∇L‖ above the tolerance.
    case notCritical = "not-critical"
    /// The run followed a valley at infinity: ‖θ‖ → ∞ while the loss converged to a limit no point attains.
    case escaping
    /// The run diverged (non-finite or exploding loss): no result.
    case failed

    /// The verdict of a training run that ended as `outcome`, with the certificate of its end point (nil when it
    /// escaped or diverged); `margin` is the certification's loss margin at the proven value.
    public static func of(_ c: Certificate?, outcome: RunOutcome, margin: Double = 0) -> PruneVerdict {
        if outcome == .escaping { return .escaping }
        guard let c, outcome != .diverged else { return .failed }
        switch c.classification {
        case .globalMinimum: return .global
        case .localMinimum: return c.spurious == true ? .spurious : .bestKnown
        case .saddle: return .saddle
        case .degenerate: return .degenerate
        case .notCritical:
            if let proven = c.globalMinimum?.value ?? c.lowerBound?.value, c.loss <= proven + margin { return .globalValue }
            return .notCritical
        }
    }
}
