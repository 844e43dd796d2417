/// Turns a first-order (or L-BFGS) end point into a search run's outcome: Newton polish, then the escape test.
public enum RunFinisher {
    /// Finishes one run: polishes its end point and decides whether it is critical, escaping, diverged or unconverged.
    public static func finish(_ f: LossFunction, restart: Int, result r: TrainingResult, tolerance: Double,
                              scale: EscapeScale) -> (run: SearchRun, params: [Double]) {
        func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        var run = SearchRun(restart: restart, outcome: .unconverged, loss: r.loss, gradientNorm: r.gradientNorm,
                            parameterNorm: r.parameterNorm, steps: r.steps, stopReason: r.stopReason, polishIterations: 0,
                            reason: "", point: nil, valley: nil, valleyLimit: nil)
        if r.stopReason == .diverged {
            run.outcome = .diverged
            run.reason = "the loss became non-finite or exploded after \(r.steps) steps"
            return (run, r.params)
        }
        // Rescalings drift freely under first-order methods: judge and polish the balanced representative.
        let balanced = scale.balancing.balanced(r.params)
        if scale.isFar(balanced) {
            return (escaped(f, run, params: r.params, loss: r.loss, gradientNorm: r.gradientNorm, scale: scale), r.params)
        }
        let startNorm = max(1, norm(balanced))
        let polished = NewtonPolish.run(f, start: balanced, maxIterations: f.parameterCount <= TrustRegionNewton.denseLimit ? 200 : 50, normLimit: max(1e3 * startNorm, 2 * scale.farNorm))
        run.polishIterations = polished.iterations
        var params = balanced
        run.parameterNorm = norm(balanced)
        if polished.gradientNorm.isFinite && polished.loss <= r.loss + 1e-12 * max(1, abs(r.loss)) {
            params = polished.params
            run.loss = polished.loss
            run.gradientNorm = polished.gradientNorm
            run.parameterNorm = norm(params)
        }
        if scale.isFar(params) {
            return (escaped(f, run, params: params, loss: run.loss, gradientNorm: run.gradientNorm, scale: scale), params)
        }
        if run.gradientNorm <= tolerance {
            // Newton reaches machine precision at a critical point; a gradient that stays above it may belong to a
            // point creeping along a valley at infinity, where ‖∇L‖ → 0 too: follow the descent to tell.
            let floor = ProblemScale(f).gradientTolerance(1e-9 * max(1, f.statistics.cross.frobeniusNormSquared.squareRoot()))
            if run.gradientNorm > floor {
                let probe = EscapeTest.run(f, start: params, gradientTolerance: floor, stopWhenFar: scale)
                if (probe.escaping || scale.isFar(probe.params)) && probe.lowestLoss < run.loss {
                    return (escaped(f, run, params: probe.params, loss: probe.lowestLoss, gradientNorm: probe.gradientNorm, scale: scale), probe.params)
                }
            }
            run.outcome = .critical
            run.reason = "‖∇L‖ = \(NumberFormat.g(run.gradientNorm, 2)) after \(r.steps) \(r.stopReason.rawValue) steps and \(polished.iterations) Newton iterations"
            return (run, params)
        }
        let escape = EscapeTest.run(f, start: params, stopWhenFar: scale)
        if scale.isFar(escape.params) && escape.lowestLoss <= run.loss {
            return (escaped(f, run, params: escape.params, loss: escape.lowestLoss, gradientNorm: escape.gradientNorm, scale: scale), escape.params)
        }
        if escape.escaping, let limit = escape.limit {
            run.outcome = .escaping
            run.valleyLimit = limit
            run.loss = escape.lowestLoss
            run.gradientNorm = escape.gradientNorm
            run.parameterNorm = escape.endNorm
            run.reason = "‖θ‖ grew from \(NumberFormat.g(escape.startNorm, 3)) to \(NumberFormat.g(escape.endNorm, 3)) while the loss fell to \(NumberFormat.g(escape.lowestLoss, 8)) (limit ≈ \(NumberFormat.g(limit, 8)))"
            return (run, escape.params)
        }
        // The continuation may have found a critical point after all.
        if escape.gradientNorm <= tolerance * 1e3 {
            let again = NewtonPolish.run(f, start: escape.params, maxIterations: 60)
            if again.gradientNorm <= tolerance {
                run.outcome = .critical
                run.loss = again.loss
                run.gradientNorm = again.gradientNorm
                run.parameterNorm = norm(again.params)
                run.polishIterations += again.iterations
                run.reason = "‖∇L‖ = \(NumberFormat.g(again.gradientNorm, 2)) after a continued descent and a second Newton polish"
                return (run, again.params)
            }
        }
        run.reason = "‖∇L‖ = \(NumberFormat.g(run.gradientNorm, 3)) after \(r.steps) steps (\(r.stopReason.rawValue)), \(polished.iterations) Newton iterations and \(escape.steps) L-BFGS steps; ‖θ‖ went from \(NumberFormat.g(escape.startNorm, 3)) to \(NumberFormat.g(escape.endNorm, 3)) without a convergent escape"
        return (run, params)
    }

    /// An escaping run ended at `params` (balanced norm beyond the scale). The valley is followed further (‖θ‖ × 32 at
    /// most, 5,000 L-BFGS steps) and its limit estimated: the Aitken extrapolation of the loss per doubling of ‖θ‖ when
    /// the decrements converge, never below the lowest loss minus the decrease actually seen; else the lowest loss.
    static func escaped(_ f: LossFunction, _ base: SearchRun, params: [Double], loss: Double, gradientNorm: Double,
                        scale: EscapeScale) -> SearchRun {
        var run = base
        let v = ValleyProbe.follow(f, from: params, loss: loss, gradientNorm: gradientNorm)
        let params = v.params, loss = v.lowestLoss, gradientNorm = v.gradientNorm, limit = v.limit ?? v.lowestLoss
        let norm = params.reduce(0) { $0 + $1 * $1 }.squareRoot()
        run.outcome = .escaping
        run.loss = loss
        run.gradientNorm = gradientNorm
        run.parameterNorm = norm
        run.valleyLimit = limit
        run.reason = "balanced ‖θ‖ = \(NumberFormat.g(scale.balancedNorm(params), 3)), beyond any finite critical point's scale \(NumberFormat.g(scale.farNorm, 3)), with the loss down to \(NumberFormat.g(loss, 10)) and ‖∇L‖ = \(NumberFormat.g(gradientNorm, 2)); limit ≈ \(NumberFormat.g(limit, 10))"
        return run
    }
}
