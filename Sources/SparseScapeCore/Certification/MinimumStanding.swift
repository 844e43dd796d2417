/// What a certificate proves about a minimum against every other point: the one reading of `Certificate.spurious`
/// that the commands, the engine and the explorer share (never more than is proved).
public enum MinimumStanding: Equatable, Sendable {
    /// A known point is lower by more than the tolerance: a spurious local minimum (`bestKnown`: the lowest known loss).
    case spurious(bestKnown: Double)
    /// Proven global: the loss equals a closed form or attains a proven lower bound.
    case global
    /// A local minimum with no lower point known and nothing proving it global.
    case noLowerPointKnown
}

extension Certificate {
    /// The minimum's standing (nil for points that are not minima: saddles, degenerate or not critical points).
    public var standing: MinimumStanding? {
        switch classification {
        case .globalMinimum: return .global
        case .localMinimum:
            switch spurious {
            case true?: return .spurious(bestKnown: bestKnown?.loss ?? loss)
            case false?: return .global
            case nil: return .noLowerPointKnown
            }
        case .saddle, .degenerate, .notCritical: return nil
        }
    }
}
