/// The outcome of a training run.
public struct TrainingResult: Sendable, Codable, Equatable {
    /// Final parameters (canonical order).
    public var params: [Double]
    /// Loss at the start.
    public var initialLoss: Double
    /// Final loss.
    public var loss: Double
    /// Final gradient norm.
    public var gradientNorm: Double
    /// Steps taken (sweeps for BCD).
    public var steps: Int
    /// Why it stopped.
    public var stopReason: StopReason
    /// Loss every `historyStride` steps (starting with the initial loss), when asked for.
    public var lossHistory: [Double]
    /// ‖θ‖ at the end, and at a checkpoint in the first half of the run (step ≤ steps/2).
    public var parameterNorm: Double
    /// ‖θ‖ at the half-way checkpoint.
    public var halfwayParameterNorm: Double
    /// True when a run that did not converge (‖∇L‖ above the tolerance) grew ‖θ‖ by ≥ 5% over the second half of
    /// ≥ 1024 steps while the loss kept falling: a hint that the weights may be drifting off, as along the paper's
    /// Appendix A path. `EscapeTest` decides; a run stopped by the gradient tolerance is never flagged.
    public var escapeSuspected: Bool
}

/// Sees one iterate of a training run: the steps taken so far, the loss, the gradient norm and the parameters (valid
/// during the call only).
public typealias TrainingObserver = (_ step: Int, _ loss: Double, _ gradientNorm: Double, _ params: UnsafePointer<Double>) -> Void

/// Runs an optimizer under stopping rules, detecting divergence and escape to infinity.
public enum Trainer {
    /// Trains from `start`; `shouldStop` is polled every 64 steps to allow cancellation; `observer` (when given) sees
    /// every iterate: the step count, the loss and the parameters, before the stopping rules look at them.
    public static func train(_ f: LossFunction, start: [Double], settings: OptimizerSettings, rules: StoppingRules,
                             historyStride: Int = 0, shouldStop: (() -> Bool)? = nil,
                             observer: TrainingObserver? = nil) throws -> TrainingResult {
        guard start.count == f.parameterCount else {
            throw SparseScapeError("the start point has \(start.count) parameters but the network has \(f.parameterCount) free weights")
        }
        guard start.allSatisfy({ $0.isFinite }) else { throw SparseScapeError("the start point contains a non-finite value") }
        let optimizer = try settings.makeOptimizer(for: f)
        return run(optimizer, f, start: start, rules: rules, historyStride: historyStride, shouldStop: shouldStop, observer: observer)
    }

    /// Runs an existing optimizer (its state is kept between calls); `observer` as in `train`.
    public static func run(_ optimizer: any Optimizer, _ f: LossFunction, start: [Double], rules: StoppingRules,
                           historyStride: Int = 0, shouldStop: (() -> Bool)? = nil,
                           observer: TrainingObserver? = nil) -> TrainingResult {
        let n = f.parameterCount
        var params = start
        var gradient = [Double](repeating: 0, count: n)
        let ws = f.makeWorkspace()
        var history: [Double] = []
        var steps = 0
        var reason = StopReason.maxSteps
        var loss = 0.0, initial = 0.0, gnorm = 0.0, tnorm = 0.0
        // Checkpoints at power-of-two steps: (step, ‖θ‖, L) for the latest and the one before it.
        var latest = (step: 0, norm: 0.0, loss: 0.0), older = (step: 0, norm: 0.0, loss: 0.0)
        params.withUnsafeMutableBufferPointer { pb in
            gradient.withUnsafeMutableBufferPointer { gb in
                let p = pb.baseAddress!, g = gb.baseAddress!
                loss = f.evaluate(p, gradient: g, workspace: ws)
                initial = loss
                let explosion = rules.explosionFactor * (abs(initial) + 1)
                let maxNorm2 = rules.maximumParameterNorm * rules.maximumParameterNorm
                var previous = Double.nan
                while true {
                    var g2 = 0.0, t2 = 0.0
                    for i in 0..<n { g2 += g[i] * g[i]; t2 += p[i] * p[i] }
                    gnorm = g2.squareRoot()
                    tnorm = t2.squareRoot()
                    if steps & (steps - 1) == 0 { older = latest; latest = (steps, tnorm, loss) }
                    if historyStride > 0 && steps % historyStride == 0 { history.append(loss) }
                    observer?(steps, loss, gnorm, UnsafePointer(p))
                    if !loss.isFinite || !gnorm.isFinite || loss > explosion { reason = .diverged; break }
                    if t2 > maxNorm2 { reason = .escaping; break }
                    if rules.gradientTolerance > 0 && gnorm <= rules.gradientTolerance { reason = .converged; break }
                    if rules.relativeLossTolerance > 0 && previous.isFinite
                        && abs(previous - loss) <= rules.relativeLossTolerance * max(abs(loss), 1e-300) {
                        reason = .lossStalled; break
                    }
                    if steps >= rules.maxSteps { reason = .maxSteps; break }
                    if let shouldStop, steps & 63 == 63, shouldStop() { reason = .cancelled; break }
                    previous = loss
                    if !optimizer.step(p, loss: &loss, gradient: g) { reason = .noDecrease; gnorm = g2.squareRoot(); break }
                    steps += 1
                }
            }
        }
        if reason == .noDecrease || reason == .diverged {
            tnorm = params.reduce(0) { $0 + $1 * $1 }.squareRoot()
        }
        let half = latest.step <= steps / 2 ? latest : older
        let drifting = steps >= 1024 && !reason.isFailure && reason != .converged && tnorm >= 1.05 * half.norm && half.norm > 0 && loss < half.loss
        return TrainingResult(params: params, initialLoss: initial, loss: loss, gradientNorm: gnorm, steps: steps,
                              stopReason: reason, lossHistory: history, parameterNorm: tnorm,
                              halfwayParameterNorm: half.norm, escapeSuspected: drifting)
    }
}
