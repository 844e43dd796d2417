import SparseScapeCore

/// The minimum-energy path from the explorer's point to the best known minimum, in numbers.
public struct EnergyPathSummary: Equatable, Sendable {
    /// Loss at the start (the point when the path was asked for).
    public var startLoss: Double
    /// Loss at the end (the best known minimum).
    public var endLoss: Double
    /// Highest loss along the path minus the start's loss (0 when the path only descends).
    public var barrier: Double
    /// The path's highest point refined to a saddle: its loss and Morse index, when there is one.
    public var saddleLoss: Double?
    /// The saddle's index (1 for a mountain pass), when certified.
    public var saddleIndex: Int?
    /// The straight line's barrier between the same two points.
    public var lineBarrier: Double
    /// Loss along the path, start to end.
    public var losses: [Double]
    /// True when the band converged.
    public var converged: Bool

    /// All fields.
    public init(startLoss: Double, endLoss: Double, barrier: Double, saddleLoss: Double?, saddleIndex: Int?, lineBarrier: Double,
                losses: [Double], converged: Bool) {
        self.startLoss = startLoss; self.endLoss = endLoss; self.barrier = barrier; self.saddleLoss = saddleLoss
        self.saddleIndex = saddleIndex; self.lineBarrier = lineBarrier; self.losses = losses; self.converged = converged
    }
}
