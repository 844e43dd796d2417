import SparseScapeCore

/// The explorer's state machine, synchronous and deterministic: apply a command, advance N steps, say which analysis
/// or background job it needs, merge their results, and describe itself as a snapshot.
///
/// It composes small parts that each own and reset their own state: the optimizer's state (`descent`), where the run
/// stands (`status`: stall, certificate, convergence, failure), the escape watch, the analysis ledger, the background
/// queue, the trajectory, the slice view, the random streams, the best known point and the undo stack.
/// It owns no thread and reads no clock; `ExplorerEngine` runs it on its optimizer thread and paces it. Tests drive it
/// step by step. It is deliberately not `Sendable`.
public final class ExplorerSession {
    /// The optimizers in cycling order.
    public static let optimizerCycle: [OptimizerKind] = [.gd, .armijo, .momentum, .adam, .bcd, .lbfgs, .newton, .lm]
    /// ‖θ‖ above which the weights are escaping.
    static let escapeNorm = 1e6
    /// Restarts of the background search (`S`).
    public static let searchRestarts = 16
    /// Above this many weights the regrow analysis is skipped (it certifies one network per pruned edge).
    static let regrowParameterLimit = 600
    /// The fractions the pruning key moves through.
    public static let pruneFractions = [0.1, 0.2, 0.3, 0.5]

    /// The network as loaded, its loss under the config's masks and the start point.
    let origin: SessionOrigin
    /// The random streams and seeds.
    var randomness: SessionRandomness
    /// The loss under the current mask, the optimizer, the point and its gradient.
    let descent: DescentState
    /// Run or pause, stall, certificate, convergence, failure.
    var status: RunStatus
    /// The escape-to-infinity watch.
    var escapeWatch = EscapeWatch()
    /// The command generation and the analysis request in flight.
    var analyses = AnalysisLedger()
    /// Background jobs queued and running.
    var jobs = BackgroundQueue()
    /// The loss history, the recent path and the mask changes.
    var trajectory = SessionTrajectory()
    /// The slice schedule, the latest slice and path.
    var landscape: LandscapeView
    /// The lowest point known under the current mask.
    var best = BestKnownTracker()
    /// The mask changes that can be undone.
    var undo = UndoStack()
    /// The fraction of live weights the pruning key removes.
    var pruneFraction = 0.2
    /// The pace.
    var speed: DescentSpeed
    /// The latest event.
    var event: EngineEvent?
    /// The theory verdict and the edge states, and the architecture they were computed for (once per mask).
    private var theory: (architecture: NetworkArchitecture, assessment: TheoryAssessment?, edges: EdgeStateMap)?

    /// A session on `config` from `start` (default: the config's start point, or a Gaussian one from `seed`).
    ///
    /// - Throws: `SparseScapeError` when the network, optimizer, slice settings or start point cannot be used.
    public init(config: NetworkConfig, optimizer settings: OptimizerSettings, seed: UInt64, start: [Double]? = nil,
                sliceGrid: Int = 61, sliceSpan: Double = 1, running: Bool = true, speed: DescentSpeed = .standard) throws {
        guard (2...1001).contains(sliceGrid) else { throw SparseScapeError("the slice grid must be between 2 and 1001 points, got \(sliceGrid)") }
        guard sliceSpan.isFinite, sliceSpan > 0 else { throw SparseScapeError("the slice span must be positive and finite, got \(sliceSpan)") }
        let configLoss = try config.lossFunction()
        let count = configLoss.parameterCount
        guard count > 0 else { throw SparseScapeError("\(config.name): the network has no free weights") }
        let point = start ?? config.startPoint(seed: seed)
        guard point.count == count else {
            throw SparseScapeError("the start point has \(point.count) values but the network has \(count) free weights")
        }
        guard point.allSatisfy({ $0.isFinite }) else { throw SparseScapeError("the start point contains a non-finite value") }
        origin = SessionOrigin(config: config, lossFunction: configLoss, startPoint: point)
        randomness = SessionRandomness(seed: seed)
        descent = try DescentState(lossFunction: configLoss, settings: settings, start: point)
        status = RunStatus(running: running)
        self.speed = speed
        landscape = LandscapeView(grid: sliceGrid, span: sliceSpan)
        pointChanged()
        guard descent.loss.isFinite, descent.gradientNorm.isFinite else {
            throw SparseScapeError("the loss at the start point is not finite")
        }
        trajectory.clear(at: 0)
        recordHistory()
        offerConfigPoints()
    }

    /// The network as loaded.
    var config: NetworkConfig { origin.config }
    /// The seed of the slices' random directions.
    var directionSeed: UInt64 { randomness.directionSeed }
    /// The current network architecture (widths and masks).
    public var architecture: NetworkArchitecture { descent.architecture }
    /// The current point.
    public var currentParams: [Double] { descent.currentPoint }
    /// The current loss.
    public var currentLoss: Double { descent.loss }
    /// The current iteration.
    public var currentIteration: Int { descent.iteration }
    /// The step size of the current optimizer.
    public var learningRate: Double { descent.stepSize }
    /// ‖∇L‖ at the current point.
    public var gradientNorm: Double { descent.gradientNorm }
    /// The background jobs' results merge by generation: the current one.
    var generation: Int { analyses.generation }

    /// True when the optimizer should be stepping: running, not converged, not failed, still making progress.
    public var wantsSteps: Bool { status.wantsSteps }

    /// Takes up to `maxSteps` optimizer steps (stopping early when `interrupt()` says so, checked every step, or when
    /// a step fails or the loss explodes), then checks health and stalls; returns the steps taken.
    @discardableResult
    public func advance(maxSteps: Int, interrupt: () -> Bool = { false }) -> Int {
        guard wantsSteps, maxSteps > 0 else { return 0 }
        let limit = descent.explosionLimit
        var k = 0
        var exploded = false, stuck = false
        while k < maxSteps {
            if interrupt() { break }
            if !descent.step() { stuck = true; break }
            descent.iteration += 1
            k += 1
            if !(descent.loss <= limit) { exploded = true; break }
            if descent.iteration >= trajectory.history.nextIteration, !recordHistory() { exploded = true; break }
        }
        descent.stepsTaken += k
        if exploded { diverge(); return k }
        if stuck { status.markNoProgress() }
        checkHealth()
        return k
    }

    /// Records the current point in the history (and samples the path); false when the gradient is not finite.
    @discardableResult
    func recordHistory() -> Bool {
        trajectory.record(iteration: descent.iteration, loss: descent.loss, gradientNorm: descent.gradientNorm,
                          point: descent.point, count: descent.parameterCount)
    }

    /// Checks divergence and escape, saves the checkpoint, updates the stall state and convergence.
    func checkHealth() {
        let t2 = descent.squaredNorm
        if !(descent.loss <= descent.explosionLimit) || !descent.gradientNorm.isFinite || !t2.isFinite { diverge(); return }
        if t2 > Self.escapeNorm * Self.escapeNorm {
            status.fail(.escaping)
            event = .escaping(iteration: descent.iteration, norm: t2.squareRoot())
            return
        }
        descent.saveCheckpoint()
        status.update(iteration: descent.iteration, loss: descent.loss,
                      relativeGradient: NumericalResolution.relativeGradient(descent.lossFunction, at: currentParams))
        updateConvergence()
    }

    /// Marks convergence when the stall's certificate says so (with the event).
    func updateConvergence() {
        if status.updateConvergence() { event = .converged(iteration: descent.iteration) }
    }

    /// Restores the last finite point and stops with verdict diverged.
    func diverge() {
        descent.restoreCheckpoint()
        status.fail(.diverged)
        event = .diverged(iteration: descent.iteration, optimizer: descent.optimizerKind, step: learningRate)
    }

    /// After the point changed by a command: every part that describes the old point starts afresh (nothing about the
    /// old point is shown any more).
    func pointChanged() {
        descent.restart()
        status.restart(at: descent.iteration)
        escapeWatch.reset()
        landscape.pointMoved()
    }

    /// The status-line verdict.
    var verdict: EngineVerdict { status.verdict(escapeLimit: escapeWatch.limitValue, bestKnown: best.best?.loss) }

    /// The snapshot of the session now.
    public func snapshot(version: Int = 0, stepsPerSecond: Double = 0) -> EngineSnapshot {
        let arch = descent.architecture
        if theory?.architecture != arch {
            theory = (arch, try? TheoryAssessment.assess(descent.lossFunction), EdgeStateMap(arch))
        }
        var s = EngineSnapshot(name: config.name, architecture: arch, params: currentParams, iteration: descent.iteration,
                               loss: descent.loss, gradientNorm: gradientNorm, optimizer: descent.optimizerKind,
                               learningRate: learningRate, running: wantsSteps, verdict: verdict, speed: speed,
                               history: trajectory.history.points, edgeStates: theory?.edges)
        s.version = version
        s.pauseReason = status.pauseReason
        if status.stall.stalled {
            let epoch = status.epoch
            s.certificate = status.certificates.certificate(for: epoch)
            s.regrowHints = status.certificates.regrowHints(for: epoch).filter(\.opensWayDown)
            s.certifying = !status.certificates.answered(epoch) && status.failure == nil
        }
        s.bestKnown = best.best
        s.maskChanges = trajectory.maskChanges
        s.slice = landscape.slice
        s.energyPath = landscape.energyPath
        s.background = jobs.running
        s.event = event
        s.stepsPerSecond = stepsPerSecond
        s.theory = theory?.assessment
        s.canUndo = undo.canUndo
        s.pruneFraction = pruneFraction
        return s
    }
}
