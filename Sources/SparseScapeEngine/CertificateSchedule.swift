import SparseScapeCore

/// The certificate of the current stall, and what is known about the stall besides it (regrow hints, the valley's
/// limit when escaping); it asks for one certification per stall epoch and never shows another epoch's answer.
struct CertificateSchedule {
    /// The certificate, with the epoch it belongs to.
    private(set) var certificate: (value: Certificate, epoch: Int)?
    /// Pruned edges that open a way down at the certified point, with the epoch.
    private(set) var regrow: (edges: [RegrowEdge], epoch: Int)?
    /// The epoch whose certification failed, with why.
    private(set) var failure: (reason: String, epoch: Int)?
    /// The iteration at which the latest certificate arrived.
    private(set) var certifiedIteration = 0
    /// The epoch for which a certification was last requested, and at which generation.
    private var requested: (epoch: Int, generation: Int)?

    /// The certificate of `epoch`, if it arrived.
    func certificate(for epoch: Int) -> Certificate? {
        guard let c = certificate, c.epoch == epoch else { return nil }
        return c.value
    }

    /// The regrow hints of `epoch` (empty when none arrived).
    func regrowHints(for epoch: Int) -> [RegrowEdge] {
        guard let r = regrow, r.epoch == epoch else { return [] }
        return r.edges
    }

    /// True when `epoch` has an answer (a certificate or a failure).
    func answered(_ epoch: Int) -> Bool {
        certificate?.epoch == epoch || failure?.epoch == epoch
    }

    /// True when a certification of `epoch` should be requested now (`generation`: the session's command count).
    func needsRequest(epoch: Int, generation: Int) -> Bool {
        if answered(epoch) { return false }
        guard let r = requested, r.epoch == epoch else { return true }
        return r.generation != generation   // the answer was dropped as stale: ask again
    }

    /// Notes that a certification of `epoch` was requested at `generation`.
    mutating func noteRequest(epoch: Int, generation: Int) { requested = (epoch, generation) }

    /// Stores an arriving certificate (and its regrow hints).
    mutating func accept(_ c: Certificate, regrow edges: [RegrowEdge], epoch: Int, iteration: Int) {
        certifiedIteration = iteration
        certificate = (c, epoch)
        regrow = (edges, epoch)
    }

    /// Stores a failed certification.
    mutating func fail(_ reason: String, epoch: Int) { failure = (reason, epoch) }

    /// Forgets everything (the point or the mask changed).
    mutating func clear() {
        certificate = nil
        regrow = nil
        failure = nil
        requested = nil
    }
}
