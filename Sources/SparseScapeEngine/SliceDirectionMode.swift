import SparseScapeCore

/// How the engine chooses its slice directions (cycled by `EngineCommand.cycleDirections`).
public enum SliceDirectionMode: Equatable, Sendable, CaseIterable {
    /// Seeded Gaussian unit directions.
    case random
    /// Gaussian directions rescaled per neuron to the current weights.
    case normalized
    /// The lowest and highest Hessian eigenvectors beyond the symmetry zeros.
    case hessian
    /// From the center toward the best-known point, and a random second direction.
    case towardBest

    /// The name shown in the slice ("random", "normalized", "hessian", "toward:best").
    public var name: String {
        switch self {
        case .random: return "random"
        case .normalized: return "normalized"
        case .hessian: return "hessian"
        case .towardBest: return "toward:best"
        }
    }

    /// The next mode in the cycle random → normalized → hessian → toward:best → random.
    var next: SliceDirectionMode {
        switch self {
        case .random: return .normalized
        case .normalized: return .hessian
        case .hessian: return .towardBest
        case .towardBest: return .random
        }
    }

    /// Hessian directions need a dense Hessian; above this many parameters the mode is skipped.
    static let hessianParameterLimit = 3000
}

/// A frozen slice plane: center and directions kept while the point moves on.
struct FrozenPlane: Equatable, Sendable {
    /// The plane's center.
    var center: [Double]
    /// First direction.
    var d1: [Double]
    /// Second direction.
    var d2: [Double]
    /// How the directions were chosen.
    var directions: String
    /// Half-width of the plane.
    var span: Double
}
