/// `GradientSystemSolver` above its dense limit: Newton's method on ∇L(θ) = 0 with Hessian-vector products only.
///
/// Each iteration solves H·s = −∇L by MINRES (`MinimumResidual`; H indefinite at a saddle, singular along the
/// symmetries), preconditioned by Marquardt's scaling diag(‖J_i‖²) (the Gauss–Newton diagonal, equal to diag(H),
/// floored as in the relative gradient), one product with the exact Hessian (`HessianOperator`) per iteration. Every
/// MINRES iterate lowers ‖H·s + ∇L‖, so s is a descent direction for ½‖∇L‖² (minimising ‖∇L‖², saddles attract as
/// well as minima, as in the dense solver); the step is halved until ‖∇L‖ falls. Starting from 0 with ∇L orthogonal
/// to the symmetry orbits, MINRES leaves the symmetry directions alone as the dense solver's pseudo-inverse does. Each
/// solve stops at a residual of min(10⁻², ‖∇L‖/‖∇L₀‖) (an inexact Newton step, superlinear near a non-degenerate
/// critical point) or after `maxInnerIterations`. The index at an end point that is critical (relative gradient ≤
/// `NumericalResolution.criticalGradient`) comes from Lanczos with deflation (`HessianIndex`); elsewhere it is not
/// computed and reported as 0. Below the rounding level (`NumericalResolution.roundingGradient`) it takes at most two
/// more steps, each only while it halves the relative gradient, as `NewtonPolish` does.
enum MatrixFreeGradientSystem {
    /// Largest number of MINRES iterations per Newton step.
    static let maxInnerIterations = 500

    /// Solves from `start`, stopping as `GradientSystemSolver.solve` does.
    static func solve(_ f: LossFunction, start: [Double], scale: EscapeScale, target: Double,
                      maxIterations: Int) throws -> GradientSystemSolver.Result {
        let p = f.parameterCount
        let floor = ProblemScale(f).eigenvalueFloor
        var x = scale.balancing.balanced(start)
        var (loss, g) = f.lossAndGradient(x)
        var gnorm = EuclideanNorm.of(g)
        let initial = max(gnorm, Double.leastNormalMagnitude)
        var iterations = 0
        var stalled = 0
        var best = Double.infinity, beyondRounding = 0
        while iterations < maxIterations && NumericalResolution(f, at: x).relativeGradient(g) > target {
            iterations += 1
            let resolution = NumericalResolution(f, at: x)
            let op = HessianOperator(f, at: x)
            let scaling = resolution.columnNorms.map { $0 * $0 }
            let forcing = min(1e-2, gnorm / initial)
            let step = MinimumResidual.solve(g.map { -$0 }, preconditioner: scaling, tolerance: forcing,
                                             maxIterations: Self.maxInnerIterations) { op.apply($0, into: $1) }
            var accepted = false
            var alpha = 1.0
            for _ in 0..<30 {
                var trial = x
                for i in 0..<p { trial[i] += alpha * step.x[i] }
                let (tl, tg) = f.lossAndGradient(trial)
                let tn = EuclideanNorm.of(tg)
                if tn.isFinite && tn < gnorm {
                    stalled = tn < 0.5 * gnorm ? 0 : stalled + 1
                    x = trial; loss = tl; g = tg; gnorm = tn
                    accepted = true
                    break
                }
                alpha /= 2
            }
            if !accepted || stalled >= 25 { break }
            // Below the rounding level of the relative gradient only steps that still halve it are worth taking (the
            // Hessian-vector products' rounding caps what inexact Newton reaches, ≈ 10⁻¹³ on real data).
            let relative = NumericalResolution(f, at: x).relativeGradient(g)
            let improved = relative < 0.5 * best
            if improved { best = relative }
            if relative <= NumericalResolution.roundingGradient {
                beyondRounding += 1
                if !improved || beyondRounding > 2 { break }
            }
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
