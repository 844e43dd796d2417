import SparseScapeCore

/// What the optimizer is doing, as the status line says it.
public enum EngineVerdict: Equatable, Sendable {
    /// The loss is still going down.
    case descending
    /// Paused by the user.
    case paused
    /// Stalled at a certified local minimum that a known point beats: (loss, best known loss).
    case spuriousMinimum(loss: Double, bestKnown: Double)
    /// Stalled at a certified minimum proven global (its loss equals a closed form or attains a proven bound).
    case globalMinimum(loss: Double)
    /// Stalled at a certified local minimum with no lower point known and nothing proving it global.
    case localMinimum(loss: Double)
    /// Stalled at a saddle point: its Morse index (negative eigenvalues, when known) and the order of the decrease
    /// (2 for negative curvature, 3 or 4 from the higher-order test).
    case saddle(index: Int?, order: Int?)
    /// Stalled but the second-order test is inconclusive.
    case degenerate
    /// The gradient is tiny but certification has not finished yet.
    case stalled
    /// The loss stopped moving but the certificate says the point is not critical (‖∇L‖ above its tolerance): the
    /// optimizer is too slow here.
    case slow(gradientNorm: Double)
    /// The loss became non-finite or exploded; the optimizer was paused.
    case diverged
    /// The weights are running off to infinity; `limit` is the valley's estimated limit loss, when known.
    case escaping(limit: Double?)

    /// The verdict of a stall's certificate (the certificate's reading, never more: spurious when a lower point is
    /// known, global only when proven); `bestKnown` is the session's lowest known loss, compared with the certificate's.
    init(certificate c: Certificate, bestKnown: Double?) {
        switch c.classification {
        case .globalMinimum, .localMinimum:
            switch c.standing {
            case .spurious(let certified)?:
                let b = min(certified, bestKnown ?? .infinity)
                self = .spuriousMinimum(loss: c.loss, bestKnown: b.isFinite ? b : c.loss)
            case .global?: self = .globalMinimum(loss: c.loss)
            case .noLowerPointKnown?, nil: self = .localMinimum(loss: c.loss)
            }
        case .saddle: self = .saddle(index: c.index, order: c.saddleOrder)
        case .degenerate: self = .degenerate
        case .notCritical: self = .slow(gradientNorm: c.gradientNorm)
        }
    }
}
