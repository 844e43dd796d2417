/// One sample of a descent: the iteration, the loss and the gradient norm there.
public struct HistoryPoint: Equatable, Sendable {
    /// Optimizer iteration (0 = the start).
    public var iteration: Int
    /// Loss there.
    public var loss: Double
    /// Gradient norm there.
    public var gradientNorm: Double

    /// A sample.
    public init(iteration: Int, loss: Double, gradientNorm: Double) {
        self.iteration = iteration
        self.loss = loss
        self.gradientNorm = gradientNorm
    }
}

/// The loss history of a descent, the one sampling rule of `train --plot` and of the explorer's loss chart: every
/// segment (from the start, and from every mask change or new point) is sampled log-spaced in the iterations since
/// it began (every early step, then about 230 points per decade), and the last iterate is always kept, so a run of
/// any length stays small and draws well on a log axis. With a capacity, when full, the middle of old segments is
/// thinned, never their first points or the newest.
public struct LossTrace: Sendable, Equatable {
    /// Points per e-fold of iterations within a segment (about 230 per decade).
    public static let density = 100
    /// Points at the start of every segment that thinning never removes.
    public static let protectedHead = 64
    /// Newest points that thinning never removes.
    public static let protectedTail = 800

    /// Largest number of points kept (nil: unbounded).
    public let capacity: Int?
    /// The scheduled samples, oldest first.
    private var kept: [HistoryPoint] = []
    /// The latest iterate when it was not scheduled (kept so that the run's end is always drawn).
    private var latest: HistoryPoint?
    /// Iterations at which segments begin (the first at the run's start), ascending.
    public private(set) var segmentStarts: [Int] = [0]
    /// The next iteration at which a sample is due.
    public private(set) var nextIteration = 0

    /// An empty trace starting at iteration 0 (`capacity`: the most points kept, nil for unbounded; at least
    /// `protectedTail` plus room for the segments' heads).
    public init(capacity: Int? = nil) { self.capacity = capacity }

    /// The samples, oldest first, the last iterate included.
    public var points: [HistoryPoint] {
        if let latest { return kept + [latest] }
        return kept
    }

    /// Forgets everything and starts a segment at `iteration`.
    public mutating func clear(at iteration: Int) {
        kept.removeAll(keepingCapacity: true)
        latest = nil
        segmentStarts = [iteration]
        nextIteration = iteration
    }

    /// Starts a new segment at `iteration` (a mask change or a new point): the next samples are dense again.
    public mutating func startSegment(at iteration: Int) {
        if segmentStarts.last != iteration { segmentStarts.append(iteration) }
        nextIteration = iteration
    }

    /// Records an iterate (iterations in increasing order): kept when due, otherwise held as the latest.
    public mutating func record(iteration: Int, loss: Double, gradientNorm: Double) {
        let p = HistoryPoint(iteration: iteration, loss: loss, gradientNorm: gradientNorm)
        guard iteration >= nextIteration else { latest = p; return }
        latest = nil
        if let last = kept.last, last.iteration == iteration { kept.removeLast() }
        kept.append(p)
        let since = iteration - (segmentStarts.last ?? 0)
        nextIteration = iteration + max(1, since / Self.density)
        if let capacity, kept.count > capacity { thin(capacity: capacity) }
    }

    /// Removes every other point outside the protected ones (each segment's head, the newest tail).
    private mutating func thin(capacity: Int) {
        var out: [HistoryPoint] = []
        out.reserveCapacity(kept.count)
        let tailStart = kept.count - Self.protectedTail
        let head = min(Self.protectedHead, capacity / (4 * max(1, segmentStarts.count)))
        var segment = 0, inSegment = 0, dropNext = false
        for (k, p) in kept.enumerated() {
            while segment + 1 < segmentStarts.count && p.iteration >= segmentStarts[segment + 1] { segment += 1; inSegment = 0 }
            defer { inSegment += 1 }
            if k >= tailStart || inSegment < head { out.append(p); continue }
            if !dropNext { out.append(p) }
            dropNext.toggle()
        }
        kept = out
    }
}
