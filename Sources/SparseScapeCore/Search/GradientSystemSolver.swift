/// Finds a critical point of any index from a start: Levenberg–Marquardt on ∇L(θ) = 0 with the exact Hessian.
///
/// Minimising ½‖∇L‖² (not L) makes saddles attractive as well as minima. Each iteration decomposes H = QΛQᵀ
/// (LAPACK `dsyevd`) and takes s = −Q·diag(λ/(λ² + μ))·Qᵀg, accepted when ‖∇L‖ falls (μ shrinks) and retried with a
/// larger μ otherwise. As μ → 0 this is Newton's step on the gradient system with the pseudo-inverse, so convergence
/// is quadratic at a non-degenerate critical point and the symmetry zeros (where λ = 0 and gᵀq = 0) are ignored.
/// Runs that end where ‖∇L‖ has a non-zero local minimum, or that run off to infinity, are reported as such.
/// Above `denseLimit` free weights the same iteration runs on Hessian-vector products (`MatrixFreeGradientSystem`).
public enum GradientSystemSolver {
    /// Largest number of free weights for which each iteration forms and decomposes the Hessian.
    public static let denseLimit = 1500

    /// Where one start ended.
    public struct Result: Sendable {
        /// Final parameters.
        public var params: [Double]
        /// Final loss.
        public var loss: Double
        /// Final ‖∇L‖.
        public var gradientNorm: Double
        /// Final relative gradient (`NumericalResolution`).
        public var relativeGradient: Double
        /// Eigenvalues of H below −`indexTolerance` at the last decomposition.
        public var index: Int
        /// Iterations taken.
        public var iterations: Int
        /// True when the balanced ‖θ‖ ran beyond the escape scale.
        public var escaped: Bool
    }

    /// Solves from `start`; stops at a relative gradient (`NumericalResolution`) ≤ `target` (default 10⁻¹⁴),
    /// when no step lowers ‖∇L‖, or after `maxIterations`; matrix-free above `denseLimit` free weights.
    public static func solve(_ f: LossFunction, start: [Double], scale: EscapeScale, target: Double? = nil,
                             maxIterations: Int = 300, denseLimit: Int = GradientSystemSolver.denseLimit) throws -> Result {
        let p = f.parameterCount
        let target = target ?? 1e-14
        if p > denseLimit {
            return try MatrixFreeGradientSystem.solve(f, start: start, scale: scale, target: target, maxIterations: maxIterations)
        }
        let problem = ProblemScale(f)
        let floor = problem.eigenvalueFloor
        var x = scale.balancing.balanced(start)
        var (loss, g) = f.lossAndGradient(x)
        var gnorm = norm(g)
        var mu = -1.0
        var index = 0
        var iterations = 0
        var stalled = 0
        while iterations < maxIterations && NumericalResolution(f, at: x).relativeGradient(g) > target {
            iterations += 1
            let eig = try SymmetricEigen(try f.hessian(x), vectors: true)
            let q = eig.vectors!, lam = eig.values
            let top = max(lam.map(abs).max() ?? 0, 1e-300)
            index = lam.filter { $0 < -1e-8 * max(floor, top) }.count
            if mu < 0 { mu = 1e-4 * top * top }
            var gt = [Double](repeating: 0, count: p)
            for i in 0..<p where g[i] != 0 { for k in 0..<p { gt[k] += q[i, k] * g[i] } }
            var accepted = false
            for _ in 0..<40 {
                var c = [Double](repeating: 0, count: p)
                for k in 0..<p { let d = lam[k] * lam[k] + mu; if d > 0 { c[k] = -lam[k] * gt[k] / d } }
                var trial = x
                for i in 0..<p { var s = 0.0; for k in 0..<p { s += q[i, k] * c[k] }; trial[i] += s }
                let (tl, tg) = f.lossAndGradient(trial)
                let tn = norm(tg)
                if tn.isFinite && tn < gnorm {
                    stalled = tn < 0.5 * gnorm ? 0 : stalled + 1
                    x = trial; loss = tl; g = tg; gnorm = tn
                    mu = max(mu / 8, 1e-30 * top * top)
                    accepted = true
                    break
                }
                mu = mu * 4 + 1e-30
            }
            if !accepted || stalled >= 25 { break }
            if iterations % 10 == 0 {
                x = scale.balancing.balanced(x)
                (loss, g) = f.lossAndGradient(x); gnorm = norm(g)
                if scale.isFar(x) {
                    return Result(params: x, loss: loss, gradientNorm: gnorm, relativeGradient: NumericalResolution(f, at: x).relativeGradient(g),
                                  index: index, iterations: iterations, escaped: true)
                }
            }
        }
        // The index at the end point itself (the loop's last decomposition was one step earlier).
        if let h = try? f.hessian(x), let ev = try? SymmetricEigen(h, vectors: false).values {
            let top = max(ev.map(abs).max() ?? 0, 1e-300)
            index = ev.filter { $0 < -1e-8 * max(floor, top) }.count
        }
        return Result(params: x, loss: loss, gradientNorm: gnorm, relativeGradient: NumericalResolution(f, at: x).relativeGradient(g),
                      index: index, iterations: iterations, escaped: scale.isFar(x))
    }

    static func norm(_ v: [Double]) -> Double { EuclideanNorm.of(v) }
}
