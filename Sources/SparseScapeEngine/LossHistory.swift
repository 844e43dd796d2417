/// The downsampled loss history: at most `capacity` points, halved (every other point kept) and the stride doubled when full.
struct LossHistory {
    /// Largest number of points kept.
    static let capacity = 2000
    /// The recorded points, oldest first.
    private(set) var points: [HistoryPoint] = []
    /// Iterations between recorded points.
    private(set) var stride = 1
    /// The next iteration at which a point is due.
    private(set) var nextIteration = 0

    /// Forgets everything and restarts recording at `iteration` with stride 1.
    mutating func clear(at iteration: Int) {
        points.removeAll(keepingCapacity: true)
        stride = 1
        nextIteration = iteration
    }

    /// Records a point and schedules the next one.
    mutating func record(iteration: Int, loss: Double, gradientNorm: Double) {
        points.append(HistoryPoint(iteration: iteration, loss: loss, gradientNorm: gradientNorm))
        if points.count >= Self.capacity {
            var kept: [HistoryPoint] = []
            kept.reserveCapacity(Self.capacity)
            var i = 0
            while i < points.count { kept.append(points[i]); i += 2 }
            points = kept
            stride *= 2
        }
        nextIteration = (iteration / stride + 1) * stride
    }
}
