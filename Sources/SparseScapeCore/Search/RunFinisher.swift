/// Turns a first phase's end point into a search run's outcome: the Newton polish, then, for a run that has not
/// converged, the continuation that tells a critical point, a valley at infinity and an unconverged run apart.
public enum RunFinisher {
    /// Finishes one run: polishes its end point and decides whether it is critical, escaping, diverged or unconverged.
    public static func finish(_ f: LossFunction, restart: Int, result r: TrainingResult, judge: RunJudge,
                              shouldStop: (() -> Bool)? = nil) -> (run: SearchRun, params: [Double]) {
        var run = SearchRun(restart: restart, outcome: .unconverged, loss: r.loss, gradientNorm: r.gradientNorm,
                            relativeGradient: NumericalResolution.relativeGradient(f, at: r.params),
                            parameterNorm: r.parameterNorm, steps: r.steps, stopReason: r.stopReason, polishIterations: 0,
                            continuationSteps: 0, reason: "", point: nil, valley: nil, valleyLimit: nil)
        if r.stopReason == .diverged {
            run.outcome = .diverged
            run.reason = "the loss became non-finite or exploded after \(r.steps) steps"
            return (run, r.params)
        }
        // Rescalings drift freely under first-order methods: judge and polish the balanced representative.
        let balanced = judge.scale.balancing.balanced(r.params)
        var params = balanced
        run.parameterNorm = norm(balanced)
        let polished = NewtonPolish.run(f, start: balanced, maxIterations: judge.polishIterations,
                                        normLimit: 2 * max(1, norm(balanced)), shouldStop: shouldStop)
        run.polishIterations = polished.iterations
        if polished.gradientNorm.isFinite && polished.loss <= r.loss + 1e-12 * max(1, abs(r.loss)) {
            params = polished.params
            run.loss = polished.loss
            run.gradientNorm = polished.gradientNorm
            run.relativeGradient = polished.relativeGradient
            run.parameterNorm = norm(params)
        }
        // Newton converged to the rounding level: a critical point (a point creeping along a valley cannot be polished
        // there: Newton's steps run along the valley and the polish stops at its norm limit).
        if run.relativeGradient <= min(judge.criticalTolerance, NumericalResolution.roundingGradient) {
            run.outcome = .critical
            run.reason = "relative gradient \(NumberFormat.g(run.relativeGradient, 2)) (‖∇L‖ = \(NumberFormat.g(run.gradientNorm, 2))) after \(r.steps) \(r.stopReason.rawValue) steps and \(polished.iterations) Newton iterations"
            return (run, params)
        }
        // Otherwise follow the descent to tell a critical point (where it stops lowering the loss), a valley at infinity (where it
        // lowers it for ever while ‖θ‖ grows) and a slow run apart: a small gradient alone cannot, since a valley's falls
        // with ‖θ‖.
        let follow = ValleyFollower.run(f, start: params, history: r.normDoublings, lowerBound: judge.lowerBound,
                                        criticalTolerance: judge.criticalTolerance,
                                        maxSteps: judge.continuationSteps, shouldStop: shouldStop)
        run.continuationSteps = follow.steps
        switch follow.outcome {
        case .critical:
            run.outcome = .critical
            if follow.steps > 0 {
                // The continuation moved: polish where it stopped.
                let again = NewtonPolish.run(f, start: follow.params, maxIterations: judge.polishIterations, shouldStop: shouldStop)
                let better = again.loss <= follow.lowestLoss + 1e-12 * max(1, abs(follow.lowestLoss))
                params = better ? again.params : follow.params
                run.loss = better ? again.loss : follow.lowestLoss
                run.gradientNorm = better ? again.gradientNorm : follow.gradientNorm
                run.relativeGradient = better ? again.relativeGradient : follow.relativeGradient
                run.parameterNorm = norm(params)
                run.polishIterations += again.iterations
            }
            run.reason = "relative gradient \(NumberFormat.g(run.relativeGradient, 2)) (‖∇L‖ = \(NumberFormat.g(run.gradientNorm, 2))) after \(r.steps) \(r.stopReason.rawValue) steps, \(polished.iterations) Newton iterations and \(follow.steps) Levenberg–Marquardt steps that found no lower loss"
            return (run, params)
        case .valley:
            let limit = follow.limit ?? follow.lowestLoss
            run.outcome = .escaping
            run.valleyLimit = limit
            run.loss = follow.lowestLoss
            run.gradientNorm = follow.gradientNorm
            run.relativeGradient = follow.relativeGradient
            run.parameterNorm = follow.endNorm
            run.reason = "‖θ‖ doubled \(follow.doublings.count - 1) times (\(NumberFormat.g(follow.doublings[0].norm, 3)) to \(NumberFormat.g(follow.endNorm, 3))) while the loss fell by shrinking amounts to \(NumberFormat.g(follow.lowestLoss, 10)), each fall well above the loss's resolution; the limit is at most that, and not below the proven bound \(NumberFormat.g(judge.lowerBound, 10))"
            return (run, follow.params)
        case .unconverged:
            let better = follow.lowestLoss < run.loss
            if better {
                params = follow.params
                run.loss = follow.lowestLoss
                run.gradientNorm = follow.gradientNorm
                run.relativeGradient = follow.relativeGradient
                run.parameterNorm = follow.endNorm
            }
            let growth = follow.endNorm > 1.5 * follow.startNorm
                ? "‖θ‖ grew from \(NumberFormat.g(follow.startNorm, 3)) to \(NumberFormat.g(follow.endNorm, 3)) without the loss settling on a limit"
                : "‖θ‖ stayed near \(NumberFormat.g(follow.endNorm, 3))"
            run.reason = "relative gradient \(NumberFormat.g(run.relativeGradient, 2)) (‖∇L‖ = \(NumberFormat.g(run.gradientNorm, 3))) after \(r.steps) steps, \(polished.iterations) Newton iterations and \(follow.steps) Levenberg–Marquardt steps; \(growth)"
            return (run, params)
        }
    }

    /// One search run from `start`: Levenberg–Marquardt under the judge's rules for at most `steps` steps, then
    /// `finish`. The explorer's escape watch uses it, so that it calls a valley by the same evidence as `search`.
    public static func descend(_ f: LossFunction, from start: [Double], judge: RunJudge, steps: Int = 1000,
                               shouldStop: (() -> Bool)? = nil) throws -> (run: SearchRun, params: [Double]) {
        let rules = judge.bounded(try StoppingRules(maxSteps: steps, gradientTolerance: 0))
        let r = try Trainer.train(f, start: start, settings: try OptimizerSettings(kind: .lm), rules: rules, shouldStop: shouldStop)
        return finish(f, restart: 0, result: r, judge: judge, shouldStop: shouldStop)
    }

    static func norm(_ v: [Double]) -> Double { EuclideanNorm.of(v) }
}
