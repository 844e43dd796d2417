import SparseScapeCore

/// Why the optimizer stopped by itself.
enum EngineFailure: Equatable {
    /// The loss became non-finite or exploded.
    case diverged
    /// ‖θ‖ passed the escape bound.
    case escaping
}

/// The explorer's state machine, synchronous and deterministic: apply a command, advance N steps, say which analysis
/// or background job it needs, merge their results, and describe itself as a snapshot.
///
/// It owns no thread and reads no clock; `ExplorerEngine` runs it on its optimizer thread and paces it. Tests drive it
/// step by step. It is deliberately not `Sendable`.
public final class ExplorerSession {
    /// The optimizers in cycling order.
    public static let optimizerCycle: [OptimizerKind] = [.gd, .armijo, .momentum, .adam, .bcd, .lbfgs, .newton, .lm]
    /// ‖θ‖ above which the weights are escaping.
    static let escapeNorm = 1e6
    /// The loss explodes above this factor times (L0 + 1).
    static let explosionFactor = 1e8
    /// Restarts of the background search (`S`).
    public static let searchRestarts = 16
    /// Above this many weights the regrow analysis is skipped (it certifies one network per pruned edge).
    static let regrowParameterLimit = 600

    /// The network as loaded.
    let config: NetworkConfig
    /// The seed of every random stream.
    let seed: UInt64
    /// The loss under the config's masks.
    let configLoss: LossFunction
    /// The point the session started from (the config's, a point file's or a reference point's).
    let startPoint: [Double]
    /// The loss under the current mask.
    var f: LossFunction
    /// The optimizer stepping the point, its kind and each kind's step size.
    var optimizer: any Optimizer
    var kind: OptimizerKind
    var learningRates: [OptimizerKind: Double]
    /// Number of free parameters.
    var count: Int
    /// The current point and its gradient (preallocated, `count` entries).
    var params: UnsafeMutablePointer<Double>
    var gradient: UnsafeMutablePointer<Double>
    var workspace: EvaluationWorkspace
    /// The last point checked finite (restored on divergence).
    var checkpoint: [Double]
    /// The loss at the current point, and at the start of the current run (for the explosion rule).
    var loss: Double
    var referenceLoss: Double
    /// Optimizer iterations (reset by `reset`) and steps taken in total.
    var iteration = 0
    var stepsTaken = 0
    /// The user's intent: run (true) or pause.
    var running: Bool
    /// Set when the run converged; cleared by any change.
    var converged = false
    /// Set when the engine stopped the run (divergence, escape).
    var failure: EngineFailure?
    /// The pace.
    var speed: DescentSpeed
    /// The loss history and the recent path.
    var history = LossHistory()
    var path = PathRing(capacity: 200)
    /// Iterations at which the mask changed.
    var maskChanges: [Int] = []
    /// The latest event.
    var event: EngineEvent?
    /// Stall detection, certificates, the best point, slices, undo.
    var stall = StallTracker()
    var certificates = CertificateSchedule()
    var best = BestKnownTracker()
    var slices: SliceSchedule
    var undo = UndoStack()
    /// The fractions the pruning key moves through, and the current one.
    public static let pruneFractions = [0.1, 0.2, 0.3, 0.5]
    var pruneFraction = 0.2
    /// The valley's limit when escaping, with the epoch.
    var escapeLimit: (epoch: Int, limit: Double?)?
    /// Steps into the current history segment after which the run is next tested for an escape (doubles each time).
    var escapeCheckAfter = 2048
    /// True while an escape test is in flight.
    var escapeCheckPending = false
    /// Above this many weights the periodic escape test is skipped (it runs a whole search run from the point).
    static let escapeTestParameterLimit = 600
    /// The latest slice and path.
    var slice: SliceSnapshot?
    var energyPath: EnergyPathSummary?
    /// Bumped by every command; analysis answers of older generations are dropped.
    var generation = 0
    /// Background work: running kinds, jobs not yet handed to the runner, searches started.
    var background = BackgroundWork()
    var pendingJobs: [BackgroundJob] = []
    var searchCounter = 0
    /// Analysis requests: the last id and the one in flight.
    var requestCounter = 0
    var inFlight: Int?
    /// Random streams.
    var restartStream = 0
    var noise: SeededGenerator
    /// The theory verdict and the edge states, and the architecture they were computed for (once per mask).
    private var theory: (architecture: NetworkArchitecture, assessment: TheoryAssessment?, edges: EdgeStateMap)?

    /// A session on `config` from `start` (default: the config's start point, or a Gaussian one from `seed`).
    ///
    /// - Throws: `SparseScapeError` when the network, optimizer, slice settings or start point cannot be used.
    public init(config: NetworkConfig, optimizer settings: OptimizerSettings, seed: UInt64, start: [Double]? = nil,
                sliceGrid: Int = 61, sliceSpan: Double = 1, running: Bool = true, speed: DescentSpeed = .standard) throws {
        guard (2...1001).contains(sliceGrid) else { throw SparseScapeError("the slice grid must be between 2 and 1001 points, got \(sliceGrid)") }
        guard sliceSpan.isFinite, sliceSpan > 0 else { throw SparseScapeError("the slice span must be positive and finite, got \(sliceSpan)") }
        self.config = config
        self.seed = seed
        configLoss = try config.lossFunction()
        f = configLoss
        count = f.parameterCount
        guard count > 0 else { throw SparseScapeError("\(config.name): the network has no free weights") }
        let point = start ?? config.startPoint(seed: seed)
        guard point.count == count else {
            throw SparseScapeError("the start point has \(point.count) values but the network has \(count) free weights")
        }
        guard point.allSatisfy({ $0.isFinite }) else { throw SparseScapeError("the start point contains a non-finite value") }
        startPoint = point
        optimizer = try settings.makeOptimizer(for: f)
        kind = settings.kind
        var rates: [OptimizerKind: Double] = [:]
        for k in OptimizerKind.allCases { rates[k] = k.defaultLearningRate }
        rates[settings.kind] = settings.learningRate
        learningRates = rates
        params = .allocate(capacity: count)
        params.initialize(from: point, count: count)
        gradient = .allocate(capacity: count)
        gradient.initialize(repeating: 0, count: count)
        workspace = f.makeWorkspace()
        checkpoint = point
        loss = 0
        referenceLoss = 0
        self.running = running
        self.speed = speed
        slices = SliceSchedule(grid: sliceGrid, span: sliceSpan)
        noise = SeededGenerator(seed: seed, stream: 0x0B5E_55ED)
        pointChanged()
        guard loss.isFinite, gradientNorm.isFinite else {
            params.deallocate()
            gradient.deallocate()
            throw SparseScapeError("the loss at the start point is not finite")
        }
        history.clear(at: 0)
        recordHistory()
        offerConfigPoints()
    }

    deinit {
        params.deallocate()
        gradient.deallocate()
    }

    /// The current network architecture (widths and masks).
    public var architecture: NetworkArchitecture { f.architecture }
    /// The current point.
    public var currentParams: [Double] { Array(UnsafeBufferPointer(start: params, count: count)) }
    /// The current loss.
    public var currentLoss: Double { loss }
    /// The current iteration.
    public var currentIteration: Int { iteration }
    /// The step size of the current optimizer.
    public var learningRate: Double { learningRates[kind] ?? kind.defaultLearningRate }
    /// ‖∇L‖ at the current point.
    public var gradientNorm: Double {
        var g2 = 0.0
        for i in 0..<count { g2 += gradient[i] * gradient[i] }
        return g2.squareRoot()
    }
    /// The explosion threshold 1e8·(|L0| + 1).
    var explosionLimit: Double { Self.explosionFactor * (abs(referenceLoss) + 1) }

    /// True when the optimizer should be stepping: running, not converged, not failed, still making progress.
    public var wantsSteps: Bool { running && !converged && failure == nil && !stall.noProgress }

    /// Takes up to `maxSteps` optimizer steps (stopping early when `interrupt()` says so, checked every step, or when
    /// a step fails or the loss explodes), then checks health and stalls; returns the steps taken.
    @discardableResult
    public func advance(maxSteps: Int, interrupt: () -> Bool = { false }) -> Int {
        guard wantsSteps, maxSteps > 0 else { return 0 }
        let opt = optimizer
        let p = params, g = gradient
        let limit = explosionLimit
        var l = loss
        var it = iteration
        var k = 0
        var exploded = false, stuck = false
        while k < maxSteps {
            if interrupt() { break }
            if !opt.step(p, loss: &l, gradient: g) { stuck = true; break }
            it += 1
            k += 1
            if !(l <= limit) { exploded = true; break }
            if it >= history.nextIteration {
                loss = l; iteration = it
                if !recordHistory() { exploded = true; break }
            }
        }
        loss = l
        iteration = it
        stepsTaken += k
        if exploded { diverge(); return k }
        if stuck { stall.markNoProgress() }
        checkHealth()
        return k
    }

    /// Records the current point in the history (and samples the path); false when the gradient is not finite.
    @discardableResult
    func recordHistory() -> Bool {
        let g = gradientNorm
        guard g.isFinite, loss.isFinite else { return false }
        history.record(iteration: iteration, loss: loss, gradientNorm: g)
        path.appendIfMoved(params, count: count, relative: 1e-2)
        return true
    }

    /// Checks divergence and escape, saves the checkpoint, updates the stall state and convergence.
    func checkHealth() {
        var t2 = 0.0
        for i in 0..<count { t2 += params[i] * params[i] }
        let g = gradientNorm
        if !(loss <= explosionLimit) || !g.isFinite || !t2.isFinite { diverge(); return }
        if t2 > Self.escapeNorm * Self.escapeNorm {
            failure = .escaping
            event = .escaping(iteration: iteration, norm: t2.squareRoot())
            stall.leave()
            return
        }
        checkpoint.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: params, count: count) }
        let wasStalled = stall.stalled
        stall.update(iteration: iteration, loss: loss, relativeGradient: NumericalResolution.relativeGradient(f, at: currentParams))
        if wasStalled && !stall.stalled { certificates.clear() }
        updateConvergence()
    }

    /// Converged: stalled with a certified critical point, a failed certification, or no step making progress
    /// once the certificate is in.
    func updateConvergence() {
        guard stall.stalled, !converged, failure == nil else { return }
        let epoch = stall.epoch
        guard certificates.answered(epoch) else { return }
        let critical = certificates.certificate(for: epoch).map { $0.classification != .notCritical } ?? true
        if critical || stall.noProgress || stall.lossFlat {
            converged = true
            event = .converged(iteration: iteration)
        }
    }

    /// Restores the last finite point and stops with verdict diverged.
    func diverge() {
        params.update(from: checkpoint, count: count)
        loss = f.evaluate(params, gradient: gradient, workspace: workspace)
        optimizer.reset()
        failure = .diverged
        stall.leave()
        event = .diverged(iteration: iteration, optimizer: kind, step: learningRate)
    }

    /// After the point changed by a command: loss, gradient, optimizer state, checkpoint, stall, certificate and
    /// path start afresh (nothing about the old point is shown any more).
    func pointChanged() {
        loss = f.evaluate(params, gradient: gradient, workspace: workspace)
        referenceLoss = loss
        optimizer.reset()
        failure = nil
        converged = false
        escapeLimit = nil
        escapeCheckAfter = 2048
        stall.reset(at: iteration)
        certificates.clear()
        energyPath = nil
        if slices.energyPath != nil { slices.follow() }
        checkpoint = currentParams
    }

    /// The status-line verdict.
    var verdict: EngineVerdict {
        if let failure {
            if failure == .diverged { return .diverged }
            return .escaping(limit: escapeLimit.flatMap { $0.limit })
        }
        if !running { return .paused }
        guard stall.stalled else { return .descending }
        let epoch = stall.epoch
        if let c = certificates.certificate(for: epoch) {
            switch c.classification {
            case .localMinimum:
                // The certificate's verdict, never more: spurious when a lower point is known, global only when proven.
                switch c.spurious {
                case true?:
                    let b = min(c.bestKnown?.loss ?? .infinity, best.best?.loss ?? .infinity)
                    return .spuriousMinimum(loss: c.loss, bestKnown: b.isFinite ? b : c.loss)
                case false?: return .globalMinimum(loss: c.loss)
                case nil: return .localMinimum(loss: c.loss)
                }
            case .globalMinimum: return .globalMinimum(loss: c.loss)
            case .saddle: return .saddle(index: c.index, order: c.saddleOrder)
            case .degenerate: return .degenerate
            case .notCritical: return .slow(gradientNorm: c.gradientNorm)
            }
        }
        if certificates.failure?.epoch == epoch { return .degenerate }
        return .stalled
    }

    /// Why the optimizer is not stepping, when it is not.
    var pauseReason: PauseReason? {
        if failure != nil { return .failure }
        if !running { return .user }
        if converged || stall.noProgress { return .converged }
        return nil
    }

    /// The snapshot of the session now.
    public func snapshot(version: Int = 0, stepsPerSecond: Double = 0) -> EngineSnapshot {
        if theory?.architecture != f.architecture {
            theory = (f.architecture, try? TheoryAssessment.assess(f), EdgeStateMap(f.architecture))
        }
        var s = EngineSnapshot(name: config.name, architecture: f.architecture, params: currentParams, iteration: iteration,
                               loss: loss, gradientNorm: gradientNorm, optimizer: kind, learningRate: learningRate,
                               running: wantsSteps, verdict: verdict, speed: speed, history: history.points,
                               edgeStates: theory?.edges)
        s.version = version
        s.pauseReason = pauseReason
        let epoch = stall.epoch
        if stall.stalled {
            s.certificate = certificates.certificate(for: epoch)
            s.regrowHints = certificates.regrowHints(for: epoch).filter(\.opensWayDown)
            s.certifying = !certificates.answered(epoch) && failure == nil
        }
        s.bestKnown = best.best
        s.maskChanges = maskChanges
        s.slice = slice
        s.energyPath = energyPath
        s.background = background
        s.event = event
        s.stepsPerSecond = stepsPerSecond
        s.theory = theory?.assessment
        s.canUndo = undo.canUndo
        s.pruneFraction = pruneFraction
        return s
    }
}
