/// What a point is, judged from its gradient, Hessian spectrum, higher-order terms and the proven global value.
public enum Classification: String, Codable, Sendable {
    /// Gradient ≈ 0 and the loss equals a proven global value (closed form, or an attained lower bound): a global
    /// minimum whatever its degeneracy.
    case globalMinimum = "global-minimum"
    /// Gradient ≈ 0 and every eigenvalue beyond the symmetry ones is positive.
    case localMinimum = "local-minimum"
    /// Gradient ≈ 0 and a direction of decrease: a negative eigenvalue (order 2, `index` of them), or a cubic or
    /// quartic decrease along the Hessian's kernel (order 3 or 4, found by `HigherOrderTest`).
    case saddle
    /// Gradient ≈ 0 but neither test is conclusive (extra zero eigenvalues and no higher-order decrease found).
    case degenerate
    /// The gradient is not small.
    case notCritical = "not-critical"

    /// True for local and global minima.
    public var isMinimum: Bool { self == .localMinimum || self == .globalMinimum }
}
