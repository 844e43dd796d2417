/// ‖θ‖ and the loss at the first iterate past a doubling of the starting ‖θ‖: the record from which a valley at
/// infinity is proven (`ValleyFollower`).
public struct NormDoubling: Codable, Equatable, Sendable {
    /// ‖θ‖ there (at or past the doubling mark).
    public var norm: Double
    /// The loss there.
    public var loss: Double

    /// A record.
    public init(norm: Double, loss: Double) {
        self.norm = norm
        self.loss = loss
    }
}

/// Records `NormDoubling`s along a run: the start, then the loss each time ‖θ‖ passes 2, 4, 8, … times the start.
public struct NormDoublingRecorder: Sendable {
    /// The records so far (the start first).
    public private(set) var doublings: [NormDoubling]
    /// The next mark.
    private var nextMark: Double

    /// Starts at norm `startNorm` with loss `loss`.
    public init(startNorm: Double, loss: Double) {
        let norm = max(startNorm, Double.leastNormalMagnitude)
        self.init(doublings: [NormDoubling(norm: norm, loss: loss)], nextMark: 2 * norm)
    }

    private init(doublings: [NormDoubling], nextMark: Double) {
        self.doublings = doublings
        self.nextMark = nextMark
    }

    /// Continues an earlier record: the next record is due at twice the larger of its last norm and `startNorm` (a
    /// continuation from a balanced point starts below the norm an unbalanced run had reached).
    public init(continuing earlier: [NormDoubling], startNorm: Double, loss: Double) {
        guard let last = earlier.last else {
            self.init(startNorm: startNorm, loss: loss)
            return
        }
        var mark = 2 * max(last.norm, startNorm)
        while mark <= startNorm { mark *= 2 }
        self.init(doublings: earlier, nextMark: mark)
    }

    /// Notes the loss at norm `norm` (one record however many marks a long step passes).
    public mutating func record(norm: Double, loss: Double) {
        guard norm.isFinite, loss.isFinite, norm >= nextMark else { return }
        doublings.append(NormDoubling(norm: norm, loss: loss))
        while nextMark <= norm { nextMark *= 2 }
    }
}
