/// The loss history, bounded however long the run, that keeps the descent's shape: every segment (from the start,
/// and from every mask change or new point) is sampled log-spaced in the iterations since it began, so its first
/// steps are all kept; when full, the middle of old segments is thinned, never their first points or the newest.
struct LossHistory {
    /// Largest number of points kept.
    static let capacity = 4000
    /// Points per e-fold of iterations within a segment (about 230 per decade).
    static let density = 100
    /// Points at the start of every segment that thinning never removes.
    static let protectedHead = 64
    /// Newest points that thinning never removes.
    static let protectedTail = 800

    /// The recorded points, oldest first.
    private(set) var points: [HistoryPoint] = []
    /// Iterations at which segments begin (the first at the run's start), ascending.
    private(set) var segmentStarts: [Int] = []
    /// The next iteration at which a point is due.
    private(set) var nextIteration = 0

    /// Forgets everything and starts a segment at `iteration`.
    mutating func clear(at iteration: Int) {
        points.removeAll(keepingCapacity: true)
        segmentStarts = [iteration]
        nextIteration = iteration
    }

    /// Starts a new segment at `iteration` (a mask change or a new point): the next points are dense again.
    mutating func startSegment(at iteration: Int) {
        if segmentStarts.last != iteration { segmentStarts.append(iteration) }
        nextIteration = iteration
    }

    /// Records a point and schedules the next one.
    mutating func record(iteration: Int, loss: Double, gradientNorm: Double) {
        if let last = points.last, last.iteration == iteration { points.removeLast() }
        points.append(HistoryPoint(iteration: iteration, loss: loss, gradientNorm: gradientNorm))
        let since = iteration - (segmentStarts.last ?? 0)
        nextIteration = iteration + max(1, since / Self.density)
        if points.count > Self.capacity { thin() }
    }

    /// Removes every other point outside the protected ones (each segment's head, the newest tail).
    private mutating func thin() {
        var kept: [HistoryPoint] = []
        kept.reserveCapacity(points.count)
        let tailStart = points.count - Self.protectedTail
        let head = min(Self.protectedHead, Self.capacity / (4 * max(1, segmentStarts.count)))
        var segment = 0, inSegment = 0, dropNext = false
        for (k, p) in points.enumerated() {
            while segment + 1 < segmentStarts.count && p.iteration >= segmentStarts[segment + 1] { segment += 1; inSegment = 0 }
            defer { inSegment += 1 }
            if k >= tailStart || inSegment < head { kept.append(p); continue }
            if !dropNext { kept.append(p) }
            dropNext.toggle()
        }
        points = kept
    }
}
