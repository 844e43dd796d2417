/// The exact solution of the trust-region subproblem min gᵀs + ½sᵀHs subject to ‖s‖ ≤ Δ (Moré–Sorensen).
///
/// Works in the eigenbasis of H (LAPACK `dsyevd`): s(μ) = −Q(Λ + μI)⁻¹Qᵀg with the smallest μ ≥ max(0, −λ₁) for
/// which ‖s(μ)‖ ≤ Δ, found on the secular equation 1/‖s(μ)‖ = 1/Δ by safeguarded Newton. Eigen-directions whose
/// eigenvalue and gradient component both vanish (the rescaling symmetries: ∇L is orthogonal to them) are left out,
/// so a singular positive semi-definite H gives the minimum-norm (pseudo-inverse) Newton step instead of stalling.
/// In the hard case (g orthogonal to the most negative eigenvector) the step is completed along that eigenvector to
/// the boundary, which is what lets Newton leave a saddle.
public struct TrustRegionSubproblem: Sendable {
    /// Eigenvalues of H, ascending.
    public let eigenvalues: [Double]
    /// Eigenvectors (columns of a p × p matrix, row-major).
    let vectors: Matrix
    /// Qᵀg.
    let rotatedGradient: [Double]

    /// Decomposes H and rotates g.
    public init(hessian: Matrix, gradient: [Double]) throws {
        let eig = try SymmetricEigen(hessian, vectors: true)
        eigenvalues = eig.values
        vectors = eig.vectors!
        let p = gradient.count
        var gt = [Double](repeating: 0, count: p)
        vectors.data.withUnsafeBufferPointer { q in
            for i in 0..<p {
                let gi = gradient[i]
                if gi == 0 { continue }
                let row = i * p
                for k in 0..<p { gt[k] += q[row + k] * gi }
            }
        }
        rotatedGradient = gt
    }

    /// The step for radius Δ and the model's predicted reduction −(gᵀs + ½sᵀHs) ≥ 0.
    public func solve(radius: Double) -> (step: [Double], predictedReduction: Double, onBoundary: Bool) {
        let lam = eigenvalues, gt = rotatedGradient
        let p = lam.count
        if p == 0 { return ([], 0, false) }
        let scale = max(lam.map(abs).max() ?? 0, 1e-300)
        let zero = 1e-13 * scale
        let gnorm = EuclideanNorm.of(gt)
        let gzero = 1e-14 * max(gnorm, 1e-300)
        let lowest = lam[0]
        let floor = max(0, -lowest)
        // Coefficients c_k(μ) = −gt_k/(λ_k + μ); directions with λ_k + μ ≈ 0 and gt_k ≈ 0 are dropped.
        func coefficients(_ mu: Double) -> [Double] {
            (0..<p).map { k in
                let d = lam[k] + mu
                if abs(d) <= zero { return abs(gt[k]) <= gzero ? 0 : -gt[k] / zero }
                return -gt[k] / d
            }
        }
        func norm(_ c: [Double]) -> Double { EuclideanNorm.of(c) }
        var c: [Double]
        var boundary = false
        // Is μ = floor admissible (interior solution, or the hard case)?
        var singularGradient = false
        for k in 0..<p where abs(lam[k] + floor) <= zero && abs(gt[k]) > gzero { singularGradient = true }
        let atFloor = coefficients(floor)
        if !singularGradient && norm(atFloor) <= radius {
            c = atFloor
            if lowest < -zero {
                // Hard case: complete along the lowest eigenvector to the boundary.
                let rest = radius * radius - c.reduce(0) { $0 + $1 * $1 }
                c[0] += max(0, rest).squareRoot()
                boundary = true
            }
        } else {
            // Secular equation on (floor, hi]: ‖s(hi)‖ ≤ ‖g‖/(λ₁ + hi) ≤ Δ.
            var lo = floor, hi = floor + gnorm / radius + zero
            var mu = hi
            for _ in 0..<200 {
                let cm = coefficients(mu)
                let n = norm(cm)
                if abs(n - radius) <= 1e-12 * radius { break }
                if n > radius { lo = mu } else { hi = mu }
                // Newton on ψ(μ) = 1/‖s‖ − 1/Δ: ψ' = Σ gt²/(λ+μ)³ / ‖s‖³.
                var deriv = 0.0
                for k in 0..<p { let d = lam[k] + mu; if abs(d) > zero { deriv += gt[k] * gt[k] / (d * d * d) } }
                var next = mu - (1 / n - 1 / radius) * n * n * n / max(deriv, 1e-300)
                if !(next > lo && next < hi) { next = 0.5 * (lo + hi) }
                if hi - lo <= 1e-15 * max(1, hi) { mu = hi; break }
                mu = next
            }
            c = coefficients(mu)
            boundary = true
        }
        // Back to the canonical basis; predicted reduction in the eigenbasis.
        var pred = 0.0
        for k in 0..<p { pred -= gt[k] * c[k] + 0.5 * lam[k] * c[k] * c[k] }
        var s = [Double](repeating: 0, count: p)
        vectors.data.withUnsafeBufferPointer { q in
            for i in 0..<p {
                let row = i * p
                var v = 0.0
                for k in 0..<p { v += q[row + k] * c[k] }
                s[i] = v
            }
        }
        return (s, max(pred, 0), boundary)
    }
}
