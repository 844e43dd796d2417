/// `GradientSystemSolver` above its dense limit: Levenberg–Marquardt on ∇L(θ) = 0 with Hessian-vector products only.
///
/// Each iteration solves (H² + μI)·s = −H·∇L by preconditioned conjugate gradients, two products with the exact
/// Hessian (`HessianOperator`) per CG iteration and the preconditioner diag(H)² + μ (diag(H) is the Gauss–Newton
/// diagonal, floored at the relative gradient's column norms); a step is accepted when ‖∇L‖ falls (μ shrinks) and
/// retried with a larger μ otherwise, as in the dense solver, whose step this is in the Hessian's eigenbasis. CG starts
/// from 0 with the right-hand side in the range of H, so the symmetry directions (H's null space at a critical point)
/// are left alone as the pseudo-inverse leaves them. Each solve stops at a residual of min(10⁻², ‖∇L‖/‖∇L₀‖)·‖H∇L‖
/// (an inexact Newton step: convergence stays superlinear) or after `maxCGIterations`. The index at an end point that
/// is critical (relative gradient ≤ `NumericalResolution.criticalGradient`) comes from Lanczos with deflation
/// (`HessianIndex`); elsewhere it is not computed and reported as 0.
enum MatrixFreeGradientSystem {
    /// Largest number of CG iterations per linear solve.
    static let maxCGIterations = 250

    /// Solves from `start`, stopping as `GradientSystemSolver.solve` does.
    static func solve(_ f: LossFunction, start: [Double], scale: EscapeScale, target: Double,
                      maxIterations: Int) throws -> GradientSystemSolver.Result {
        let p = f.parameterCount
        let floor = ProblemScale(f).eigenvalueFloor
        var x = scale.balancing.balanced(start)
        var (loss, g) = f.lossAndGradient(x)
        var gnorm = EuclideanNorm.of(g)
        let initial = max(gnorm, Double.leastNormalMagnitude)
        var mu = -1.0
        var iterations = 0
        var stalled = 0
        var hv = [Double](repeating: 0, count: p)
        while iterations < maxIterations && NumericalResolution(f, at: x).relativeGradient(g) > target {
            iterations += 1
            let products = LayerProducts(f, x)
            let resolution = NumericalResolution(f, products: products)
            let op = HessianOperator(f, at: x)
            // diag(H) equals the Gauss–Newton diagonal ‖J_i‖² (the residual terms couple different layers only).
            let diagonal = resolution.columnNorms.map { $0 * $0 }
            let top = max(diagonal.max() ?? 0, 1e-300)
            if mu < 0 { mu = 1e-4 * top * top }
            let hg = op.apply(g)
            let rhs = hg.map { -$0 }
            let forcing = min(1e-2, gnorm / initial)
            var accepted = false
            for _ in 0..<40 {
                let damping = mu
                let pre = diagonal.map { $0 * $0 + damping }
                let cg = ConjugateGradient.solve(rhs, diagonal: pre, tolerance: forcing, maxIterations: Self.maxCGIterations) { v, out in
                    hv.withUnsafeMutableBufferPointer { h in
                        op.apply(v, into: h.baseAddress!)
                        op.apply(UnsafePointer(h.baseAddress!), into: out)
                    }
                    for i in 0..<p { out[i] += damping * v[i] }
                }
                var trial = x
                for i in 0..<p { trial[i] += cg.x[i] }
                let (tl, tg) = f.lossAndGradient(trial)
                let tn = EuclideanNorm.of(tg)
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
                (loss, g) = f.lossAndGradient(x); gnorm = EuclideanNorm.of(g)
                if scale.isFar(x) {
                    return GradientSystemSolver.Result(params: x, loss: loss, gradientNorm: gnorm,
                                                       relativeGradient: NumericalResolution(f, at: x).relativeGradient(g),
                                                       index: 0, iterations: iterations, escaped: true)
                }
            }
        }
        // The index is only worth its Lanczos runs at a point that is critical (elsewhere no caller uses it).
        let relative = NumericalResolution(f, at: x).relativeGradient(g)
        let index = relative <= NumericalResolution.criticalGradient ? try HessianIndex(f, at: x, eigenvalueFloor: floor).index : 0
        return GradientSystemSolver.Result(params: x, loss: loss, gradientNorm: gnorm, relativeGradient: relative,
                                           index: index, iterations: iterations, escaped: scale.isFar(x))
    }
}
