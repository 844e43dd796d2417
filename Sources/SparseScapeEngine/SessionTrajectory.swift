import SparseScapeCore

/// Where the descent has been: the loss history, the recent path in parameter space and the iterations at which
/// the mask changed.
struct SessionTrajectory {
    /// Largest number of loss-history points kept.
    static let historyCapacity = 4000

    /// The loss history (log-spaced per segment, bounded).
    var history = LossTrace(capacity: Self.historyCapacity)
    /// The recent optimizer path (sampled when the point moved by 1% relative).
    var path = PathRing(capacity: 200)
    /// Iterations at which the mask changed.
    private(set) var maskChanges: [Int] = []

    /// Forgets everything and starts again at `iteration` (reset).
    mutating func clear(at iteration: Int) {
        history.clear(at: iteration)
        path.clear()
        maskChanges = []
    }

    /// Records the point at `iteration` (history and path); false when the loss or gradient norm is not finite.
    mutating func record(iteration: Int, loss: Double, gradientNorm: Double, point: UnsafePointer<Double>, count: Int) -> Bool {
        guard gradientNorm.isFinite, loss.isFinite else { return false }
        history.record(iteration: iteration, loss: loss, gradientNorm: gradientNorm)
        path.appendIfMoved(point, count: count, relative: 1e-2)
        return true
    }

    /// The path follows a mask change from `old` to `new` (the new parameter order).
    mutating func remapPath(from old: NetworkArchitecture, to new: NetworkArchitecture) {
        path.remap { ParameterRemap.remap($0, from: old, to: new) }
    }

    /// Marks a mask change at `iteration`.
    mutating func markMaskChange(at iteration: Int) { maskChanges.append(iteration) }

    /// Steps since the current history segment began.
    func segmentSteps(at iteration: Int) -> Int { iteration - (history.segmentStarts.last ?? 0) }
}
