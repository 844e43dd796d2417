import Dispatch
import SparseScapeCore

/// Why the optimizer paused itself.
enum EngineFailure {
    /// The loss became non-finite or exploded.
    case diverged
    /// ‖θ‖ passed the escape bound.
    case escaping
}

/// The optimizer thread's state and loop: steps, applies commands, publishes snapshots, asks for analyses.
///
/// Created on the optimizer thread and used only there (it is deliberately not `Sendable`).
final class OptimizerLoop {
    /// Gradient norm at or below which the run counts as stalled.
    static let stallGradient = 1e-6
    /// Relative loss change over `stallWindow` steps below which the run counts as stalled.
    static let stallRelativeChange = 1e-12
    /// Steps over which the loss change is measured.
    static let stallWindow = 1000
    /// ‖θ‖ above which the weights are escaping.
    static let escapeNorm = 1e6
    /// The loss explodes above this factor times (L0 + 1).
    static let explosionFactor = 1e8
    /// Seconds between snapshots.
    static let publishInterval = 1.0 / 60
    /// Seconds between checks whether to ask for a new slice or certificate.
    static let analysisInterval = 0.2
    /// Largest number of steps between clock readings.
    static let maximumBurst = 1024
    /// The optimizers in cycling order.
    static let optimizerCycle: [OptimizerKind] = [.gd, .armijo, .momentum, .adam, .bcd, .lbfgs, .newton]

    /// State shared with the engine and the other threads.
    let shared: EngineShared
    /// The loss function under the config's masks.
    let configLoss: LossFunction
    /// The loss function under the current mask.
    var f: LossFunction
    /// The theory verdict's short text, and the architecture it was computed for.
    var theory: String?
    var theoryArchitecture: NetworkArchitecture?
    /// Reachability of the current mask.
    var reachability: Reachability
    /// The optimizer stepping `params`.
    var optimizer: any Optimizer
    /// Its kind.
    var kind: OptimizerKind
    /// The step size of each optimizer kind (each keeps its own when cycling).
    var learningRates: [OptimizerKind: Double]
    /// Number of free parameters.
    var count: Int
    /// The current point (preallocated, `count` entries).
    var params: UnsafeMutablePointer<Double>
    /// The gradient at the current point.
    var gradient: UnsafeMutablePointer<Double>
    /// Scratch buffers for evaluations on this thread.
    var workspace: EvaluationWorkspace
    /// The last point checked finite (restored on divergence).
    var checkpoint: [Double]
    /// The loss at the current point.
    var loss: Double
    /// L0 of the explosion rule (the loss where the current run started).
    var referenceLoss: Double
    /// The optimizer iteration count (reset by `reset`).
    var iteration = 0
    /// Steps taken in total (never reset; for the rate).
    var stepsTaken = 0
    /// False while paused.
    var running: Bool
    /// Set when the engine paused itself (divergence, escape).
    var failure: EngineFailure?
    /// The downsampled loss history.
    var history = LossHistory()
    /// The recent path for the slice.
    var path = PathRing(capacity: 200)
    /// Iterations at which the mask changed.
    var maskChanges: [Int] = []
    /// The status-line message.
    var message: String?
    /// The lowest known point (parameters, when present, are in the current mask's order).
    var bestKnown: KnownPoint?

    // Stalls and certificates.
    var stalled = false
    var lossFlat = false
    var noProgress = false
    var stallEpoch = 0
    var stallReferenceIteration = 0
    var stallReferenceLoss = Double.nan
    var certificate: Certificate?
    var certificateEpoch = -1
    var certificateFailedEpoch = -1
    var certifyRequestedEpoch = -1
    var certifyRequestTime = 0.0
    var certifyRequestGeneration = -1

    // Slices and analysis requests.
    var slice: SliceSnapshot?
    var directionMode = SliceDirectionMode.random
    var frozen: FrozenPlane?
    var lastSliceAttempt: (generation: Int, params: [Double])?
    var requestCounter = 0
    var inFlight: (id: Int, generation: Int)?
    var lastAnalysisCheck = -1.0

    // Random streams and searches.
    var restartStream = 0
    var noise: SeededGenerator
    var searchCounter = 0
    var searchRunning = false

    // Timing.
    var burst = 1
    var stepsPerSecond = 0.0
    var rateStart = 0.0
    var rateSteps = 0
    var lastPublish = -1.0

    /// The loop at the config's start point (validated by `ExplorerEngine.init`).
    init(shared: EngineShared, running: Bool) throws {
        self.shared = shared
        let config = shared.config
        configLoss = try config.lossFunction()
        f = configLoss
        reachability = Reachability(f.architecture)
        let settings = shared.initialSettings
        optimizer = try settings.makeOptimizer(for: f)
        kind = settings.kind
        var rates: [OptimizerKind: Double] = [:]
        for k in OptimizerKind.allCases { rates[k] = k.defaultLearningRate }
        rates[settings.kind] = settings.learningRate
        learningRates = rates
        count = f.parameterCount
        params = .allocate(capacity: max(1, count))
        params.initialize(repeating: 0, count: max(1, count))
        gradient = .allocate(capacity: max(1, count))
        gradient.initialize(repeating: 0, count: max(1, count))
        workspace = f.makeWorkspace()
        let start = config.startPoint(seed: shared.seed)
        params.update(from: start, count: count)
        checkpoint = start
        loss = 0
        referenceLoss = 0
        self.running = running
        noise = SeededGenerator(seed: shared.seed, stream: 0x0B5E_55ED)
        bestKnown = nil
        pointChanged()
        offerConfigPoints()
        recordHistory(iteration: 0, loss: loss)
    }

    deinit {
        params.deallocate()
        gradient.deallocate()
    }

    /// Monotonic seconds.
    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) * 1e-9 }

    /// The learning rate of the current optimizer.
    var learningRate: Double { learningRates[kind] ?? kind.defaultLearningRate }

    /// The current point as an array.
    var currentParams: [Double] { Array(UnsafeBufferPointer(start: params, count: count)) }

    /// The explosion threshold 1e8·(|L0| + 1).
    var explosionLimit: Double { Self.explosionFactor * (abs(referenceLoss) + 1) }

    /// Runs until `stop()`.
    func run() {
        BLASThreads.pinSingle()
        let t = Self.now()
        rateStart = t
        publish(now: t)
        while !shared.stopping {
            if shared.commandsPending.load(ordering: .acquiring) { applyCommands() }
            if shared.resultsPending.load(ordering: .acquiring) { mergeResults() }
            if running && !noProgress && failure == nil {
                runBurst()
            } else {
                maintain(now: Self.now())
                _ = shared.optimizerWake.wait(timeout: .now() + .milliseconds(15))
            }
        }
    }

    /// Up to `burst` steps in a tight loop (stops early for a command, a failed step, or an explosion), then bookkeeping.
    func runBurst() {
        let start = Self.now()
        let budget = burst
        let opt = optimizer
        let p = params, g = gradient
        let limit = explosionLimit
        var l = loss
        var it = iteration
        var due = history.nextIteration
        var k = 0
        var exploded = false, stuck = false
        while k < budget {
            if shared.commandsPending.load(ordering: .relaxed) { break }
            if !opt.step(p, loss: &l, gradient: g) { stuck = true; break }
            it += 1
            k += 1
            if !(l <= limit) { exploded = true; break }
            if it >= due {
                if !recordHistory(iteration: it, loss: l) { exploded = true; break }
                due = history.nextIteration
            }
        }
        loss = l
        iteration = it
        stepsTaken += k
        if exploded { diverge(); return }
        if stuck { noProgress = true }
        guard checkHealth() else { return }
        let now = Self.now()
        let elapsed = now - start
        if elapsed < 0.0005 && burst < Self.maximumBurst { burst *= 2 } else if elapsed > 0.004 && burst > 1 { burst /= 2 }
        maintain(now: now)
    }

    /// Records a history point (and samples the path); false when the gradient is not finite.
    @discardableResult
    func recordHistory(iteration it: Int, loss l: Double) -> Bool {
        var g2 = 0.0
        for i in 0..<count { g2 += gradient[i] * gradient[i] }
        guard g2.isFinite, l.isFinite else { return false }
        history.record(iteration: it, loss: l, gradientNorm: g2.squareRoot())
        path.appendIfMoved(params, count: count, relative: 1e-2)
        return true
    }

    /// Checks divergence and escape, saves the checkpoint, updates the stall state; false when the run was paused.
    @discardableResult
    func checkHealth() -> Bool {
        var g2 = 0.0, t2 = 0.0
        for i in 0..<count { g2 += gradient[i] * gradient[i]; t2 += params[i] * params[i] }
        if !(loss <= explosionLimit) || !g2.isFinite || !t2.isFinite { diverge(); return false }
        if t2 > Self.escapeNorm * Self.escapeNorm {
            running = false
            failure = .escaping
            message = "escaping to infinity at iteration \(iteration): ‖θ‖ = \(NumberFormat.g(t2.squareRoot(), 4)) > 1e6; paused"
            stalled = false
            publish(now: Self.now())
            return false
        }
        checkpoint.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: params, count: count) }
        if iteration - stallReferenceIteration >= Self.stallWindow {
            lossFlat = stallReferenceLoss.isFinite
                && abs(loss - stallReferenceLoss) <= Self.stallRelativeChange * max(abs(loss), 1e-300)
            stallReferenceIteration = iteration
            stallReferenceLoss = loss
        }
        let now = noProgress || lossFlat || g2.squareRoot() <= Self.stallGradient
        if now && !stalled { stallEpoch += 1 }
        stalled = now
        return true
    }

    /// Restores the last finite point and pauses with verdict diverged.
    func diverge() {
        params.update(from: checkpoint, count: count)
        loss = f.evaluate(params, gradient: gradient, workspace: workspace)
        optimizer.reset()
        running = false
        failure = .diverged
        stalled = false
        message = "diverged at iteration \(iteration) (\(kind.rawValue), step \(NumberFormat.g(learningRate, 4))): restored the last finite point and paused"
        publish(now: Self.now())
    }

    /// Rate, analysis requests and publishing, each when due.
    func maintain(now: Double) {
        if now - rateStart >= 1 {
            stepsPerSecond = Double(stepsTaken - rateSteps) / (now - rateStart)
            rateStart = now
            rateSteps = stepsTaken
        }
        if now - lastAnalysisCheck >= Self.analysisInterval {
            lastAnalysisCheck = now
            requestAnalysisIfNeeded(now: now)
        }
        if now - lastPublish >= Self.publishInterval { publish(now: now) }
    }

    /// The status-line verdict.
    var verdict: EngineVerdict {
        if let failure { return failure == .diverged ? .diverged : .escaping }
        if !running { return .paused }
        guard stalled else { return .descending }
        if certificateEpoch == stallEpoch, let c = certificate {
            switch c.classification {
            case .localMinimum:
                if c.spurious == true {
                    let best = min(c.bestKnown?.loss ?? .infinity, bestKnown?.loss ?? .infinity)
                    return .spuriousMinimum(loss: c.loss, bestKnown: best.isFinite ? best : c.loss)
                }
                return .globalMinimum(loss: c.loss)
            case .globalMinimum: return .globalMinimum(loss: c.loss)
            case .saddle: return .saddle(index: c.index, order: c.saddleOrder)
            case .degenerate: return .degenerate
            case .notCritical: return .stalled
            }
        }
        if certificateFailedEpoch == stallEpoch { return .degenerate }
        return .stalled
    }

    /// Builds the snapshot and swaps it into the mailbox.
    func publish(now: Double) {
        lastPublish = now
        if theoryArchitecture != f.architecture {
            // Recomputed only when the mask changed (a small eigenproblem on XᵀX).
            theoryArchitecture = f.architecture
            theory = (try? TheoryAssessment.assess(f))?.shortText
        }
        var g2 = 0.0
        for i in 0..<count { g2 += gradient[i] * gradient[i] }
        var snap = EngineSnapshot(
            name: shared.config.name, architecture: f.architecture, reachability: reachability, params: currentParams,
            iteration: iteration, loss: loss, gradientNorm: g2.squareRoot(), optimizer: kind, learningRate: learningRate,
            running: running, verdict: verdict, certificate: certificate, bestKnown: bestKnown, history: history.points,
            maskChanges: maskChanges, slice: slice, message: message, stepsPerSecond: stepsPerSecond, theory: theory)
        shared.snapshot.withLock { swap(&$0, &snap) }
    }

    /// After the point changed by a command: loss, gradient, optimizer state, checkpoint and stall state start afresh.
    func pointChanged() {
        loss = f.evaluate(params, gradient: gradient, workspace: workspace)
        referenceLoss = loss
        optimizer.reset()
        failure = nil
        noProgress = false
        stalled = false
        lossFlat = false
        stallEpoch += 1
        stallReferenceIteration = iteration
        stallReferenceLoss = .nan
        checkpoint = currentParams
    }
}
