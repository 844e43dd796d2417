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
    /// ‖θ‖ at the end.
    public var parameterNorm: Double
    /// The loss each time ‖θ‖ passed a doubling of its starting value (the start first): the evidence from which
    /// `RunFinisher` proves a valley at infinity, or not.
    public var normDoublings: [NormDoubling]
}

/// Sees one iterate of a training run: the steps taken so far, the loss, the gradient norm and the parameters (valid
/// during the call only).
public typealias TrainingObserver = (_ step: Int, _ loss: Double, _ gradientNorm: Double, _ params: UnsafePointer<Double>) -> Void

/// Runs an optimizer under stopping rules, detecting divergence and escape to infinity.
public enum Trainer {
    /// Trains from `start`; `shouldStop` is polled at every step to allow cancellation (a second-order step on a
    /// 2,000-weight network takes a good fraction of a second); `observer` (when given) sees
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
        var doublings: NormDoublingRecorder? = nil
        params.withUnsafeMutableBufferPointer { pb in
            gradient.withUnsafeMutableBufferPointer { gb in
                let p = pb.baseAddress!, g = gb.baseAddress!
                loss = f.evaluate(p, gradient: g, workspace: ws)
                initial = loss
                let explosion = rules.explosionFactor * (abs(initial) + 1)
                var previous = Double.nan
                while true {
                    gnorm = EuclideanNorm.of(g, count: n)
                    tnorm = EuclideanNorm.of(p, count: n)
                    if doublings == nil { doublings = NormDoublingRecorder(startNorm: tnorm, loss: loss) } else { doublings?.record(norm: tnorm, loss: loss) }
                    if historyStride > 0 && steps % historyStride == 0 { history.append(loss) }
                    observer?(steps, loss, gnorm, UnsafePointer(p))
                    if !loss.isFinite || !gnorm.isFinite || loss > explosion { reason = .diverged; break }
                    if tnorm > rules.maximumParameterNorm { reason = .escaping; break }
                    if rules.gradientTolerance > 0 && gnorm <= rules.gradientTolerance { reason = .converged; break }
                    // The relative gradient needs the layer products: every step on small networks, every 16th on large.
                    if rules.relativeGradientTolerance > 0 && (n <= 5000 || steps & 15 == 0)
                        && NumericalResolution(f, at: Array(UnsafeBufferPointer(start: p, count: n))).relativeGradient(g) <= rules.relativeGradientTolerance {
                        reason = .converged; break
                    }
                    if rules.relativeLossTolerance > 0 && previous.isFinite
                        && abs(previous - loss) <= rules.relativeLossTolerance * max(abs(loss), 1e-300) {
                        reason = .lossStalled; break
                    }
                    if steps >= rules.maxSteps { reason = .maxSteps; break }
                    if let shouldStop, shouldStop() { reason = .cancelled; break }
                    previous = loss
                    if !optimizer.step(p, loss: &loss, gradient: g) { reason = .noDecrease; break }
                    steps += 1
                }
            }
        }
        if reason == .noDecrease || reason == .diverged {
            tnorm = EuclideanNorm.of(params)
        }
        return TrainingResult(params: params, initialLoss: initial, loss: loss, gradientNorm: gnorm, steps: steps,
                              stopReason: reason, lossHistory: history, parameterNorm: tnorm,
                              normDoublings: doublings?.doublings ?? [])
    }
}
