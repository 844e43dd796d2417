import SparseScapeCore

/// Why the optimizer stopped by itself.
enum EngineFailure: Equatable {
    /// The loss became non-finite or exploded.
    case diverged
    /// ‖θ‖ passed the escape bound.
    case escaping
}

/// Where the run stands: the user's intent (run or pause), convergence, a failure, the stall and the certificate of
/// the stall; it says whether the optimizer should step, why not, and the verdict.
struct RunStatus {
    /// The user's intent: run (true) or pause.
    var running: Bool
    /// Set when the run converged; cleared by any change.
    private(set) var converged = false
    /// Set when the engine stopped the run (divergence, escape).
    private(set) var failure: EngineFailure?
    /// Stall detection (epochs).
    private(set) var stall = StallTracker()
    /// The certificate of the current stall epoch.
    var certificates = CertificateSchedule()

    /// A status with the user's intent `running`.
    init(running: Bool) { self.running = running }

    /// True when the optimizer should be stepping: running, not converged, not failed, still making progress.
    var wantsSteps: Bool { running && !converged && failure == nil && !stall.noProgress }

    /// The current stall epoch.
    var epoch: Int { stall.epoch }

    /// A new point: not converged, not failed, a new stall epoch from `iteration`, no certificate.
    mutating func restart(at iteration: Int) {
        failure = nil
        converged = false
        stall.reset(at: iteration)
        certificates.clear()
    }

    /// Leaves convergence and the no-progress mark so that the optimizer steps again (a setting changed).
    mutating func resume() {
        converged = false
        stall.clearNoProgress()
    }

    /// Clears a failure and leaves the stall (the user resumed a stopped run, or asked for one step).
    mutating func clearFailure(leavingStall: Bool) {
        failure = nil
        if leavingStall { stall.leave() }
    }

    /// The run stopped: diverged or escaping (the stall is left).
    mutating func fail(_ why: EngineFailure) {
        failure = why
        stall.leave()
    }

    /// Records that a step could not lower the loss.
    mutating func markNoProgress() { stall.markNoProgress() }

    /// Updates the stall after a healthy step at `iteration` (a certificate of a stall that ended is dropped).
    mutating func update(iteration: Int, loss: Double, relativeGradient: Double) {
        let wasStalled = stall.stalled
        stall.update(iteration: iteration, loss: loss, relativeGradient: relativeGradient)
        if wasStalled && !stall.stalled { certificates.clear() }
    }

    /// Converged now: stalled with a certified critical point, a failed certification, or no step making progress
    /// once the certificate is in; true when it just converged.
    mutating func updateConvergence() -> Bool {
        guard stall.stalled, !converged, failure == nil else { return false }
        let epoch = stall.epoch
        guard certificates.answered(epoch) else { return false }
        let critical = certificates.certificate(for: epoch).map { $0.classification != .notCritical } ?? true
        guard critical || stall.noProgress || stall.lossFlat else { return false }
        converged = true
        return true
    }

    /// The certificate of the current stall, when stalled and it arrived.
    var stallCertificate: Certificate? { stall.stalled ? certificates.certificate(for: stall.epoch) : nil }

    /// The status-line verdict; `escapeLimit` is the valley's limit, `bestKnown` the session's lowest known loss.
    func verdict(escapeLimit: Double?, bestKnown: Double?) -> EngineVerdict {
        if let failure { return failure == .diverged ? .diverged : .escaping(limit: escapeLimit) }
        if !running { return .paused }
        guard stall.stalled else { return .descending }
        if let c = certificates.certificate(for: stall.epoch) { return EngineVerdict(certificate: c, bestKnown: bestKnown) }
        if certificates.failure?.epoch == stall.epoch { return .degenerate }
        return .stalled
    }

    /// Why the optimizer is not stepping, when it is not.
    var pauseReason: PauseReason? {
        if failure != nil { return .failure }
        if !running { return .user }
        if converged || stall.noProgress { return .converged }
        return nil
    }
}
