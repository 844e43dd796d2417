/// The optimizers SparseScape offers.
public enum OptimizerKind: String, CaseIterable, Codable, Sendable {
    /// Gradient descent with a fixed step.
    case gd
    /// Gradient descent with Armijo backtracking line search.
    case armijo
    /// Heavy-ball momentum.
    case momentum
    /// Adam.
    case adam
    /// Exact block-coordinate descent (the paper's Algorithms 1 and 2) for two-layer networks with a dense second layer.
    case bcd
    /// Trust-region Newton on the exact Hessian (second order; reaches critical points to machine precision).
    case newton
    /// Limited-memory BFGS with a strong-Wolfe line search.
    case lbfgs
    /// Levenberg–Marquardt with Marquardt's scaling and geodesic acceleration (second order, scale-free steps).
    case lm

    /// The step size used when none is given.
    public var defaultLearningRate: Double {
        switch self {
        case .gd, .momentum: return 0.01
        case .armijo: return 1.0
        case .adam: return 0.01
        case .bcd: return 1.0
        case .newton: return 1.0
        case .lbfgs: return 1.0
        case .lm: return 1e-3
        }
    }

    /// False for the optimizers that choose their own steps (bcd, lm): the step-size keys do not change them.
    public var takesStepSize: Bool { self != .bcd && self != .lm }

    /// Parses a name, with a clear error for unknown names.
    public static func parse(_ name: String) throws -> OptimizerKind {
        guard let k = OptimizerKind(rawValue: name.lowercased()) else {
            throw SparseScapeError("unknown optimizer \(SafeText.quoted(name)) (choose one of: \(allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return k
    }
}
