import SparseScapeCore

/// Tells when descent has stalled: a gradient zero to the critical tolerance (relative, `NumericalResolution`: the
/// same notion as `certify`'s), a loss that stopped changing, or a step that made no progress.
///
/// Each entry into a stall starts a new epoch; certificates are tied to the epoch they were computed for.
struct StallTracker {
    /// Relative gradient at or below which the run counts as stalled (critical, as a certificate says).
    static let gradientThreshold = NumericalResolution.criticalGradient
    /// Relative loss change over `window` steps below which the run counts as stalled.
    static let relativeChange = 1e-12
    /// Steps over which the loss change is measured.
    static let window = 1000

    /// True while stalled.
    private(set) var stalled = false
    /// The current stall epoch (bumped on entering a stall and on every reset).
    private(set) var epoch = 0
    /// True when an optimizer step found no decrease.
    private(set) var noProgress = false
    /// True when the loss changed by less than `relativeChange` over the last window.
    private(set) var lossFlat = false
    private var referenceIteration = 0
    private var referenceLoss = Double.nan

    /// Starts afresh at `iteration` (the point changed): not stalled, new epoch.
    mutating func reset(at iteration: Int) {
        stalled = false
        noProgress = false
        lossFlat = false
        epoch += 1
        referenceIteration = iteration
        referenceLoss = .nan
    }

    /// Records that a step could not lower the loss.
    mutating func markNoProgress() { noProgress = true }

    /// Clears the no-progress mark (the optimizer or its step size changed).
    mutating func clearNoProgress() { noProgress = false }

    /// Updates the state after steps up to `iteration`, at `loss` with relative gradient `relativeGradient`.
    mutating func update(iteration: Int, loss: Double, relativeGradient: Double) {
        if iteration - referenceIteration >= Self.window {
            lossFlat = referenceLoss.isFinite && abs(loss - referenceLoss) <= Self.relativeChange * max(abs(loss), 1e-300)
            referenceIteration = iteration
            referenceLoss = loss
        }
        let now = noProgress || lossFlat || relativeGradient <= Self.gradientThreshold
        if now && !stalled { epoch += 1 }
        stalled = now
    }

    /// Leaves the stall without a new point (e.g. the run was resumed by hand).
    mutating func leave() {
        if stalled { epoch += 1 }
        stalled = false
        noProgress = false
        lossFlat = false
    }
}
