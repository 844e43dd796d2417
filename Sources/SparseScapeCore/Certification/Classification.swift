/// What a point is, judged from its gradient and Hessian spectrum.
public enum Classification: String, Codable, Sendable {
    /// Gradient ≈ 0 and every eigenvalue beyond the symmetry ones is positive.
    case localMinimum = "local-minimum"
    /// Gradient ≈ 0 and a clearly negative eigenvalue.
    case saddle
    /// Gradient ≈ 0 but the second-order test is inconclusive (extra zero eigenvalues).
    case degenerate
    /// The gradient is not small.
    case notCritical = "not-critical"
}
