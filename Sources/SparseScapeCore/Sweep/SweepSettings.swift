/// What a sweep runs on each mask: the multi-start search's size, seed and budgets, and how masks are chosen.
public struct SweepSettings: Sendable, Equatable {
    /// Random starts per mask.
    public var restarts: Int
    /// The sweep's seed: per-mask search seeds (and sampled masks) derive from it and the mask's index.
    public var seed: UInt64
    /// nil: every mask up to hidden-node permutations; N: N random masks.
    public var sample: Int?
    /// Step budget per start (default: `SearchDefaults.steps(for:)`).
    public var steps: Int?
    /// Gradient-norm tolerance at which a run stops.
    public var tolerance: Double
    /// Standard deviation of the Gaussian starts.
    public var initScale: Double

    /// Validated settings.
    public init(restarts: Int = 16, seed: UInt64 = 0, sample: Int? = nil, steps: Int? = nil, tolerance: Double = 1e-10,
                initScale: Double = 1) throws {
        guard restarts >= 1, restarts <= 1_000_000 else { throw SparseScapeError(.restarts, "must be between 1 and 1000000, got \(restarts)") }
        if let sample, sample < 1 { throw SparseScapeError(.sample, "must be at least 1, got \(sample)") }
        if let steps, steps < 1 { throw SparseScapeError(.steps, "must be at least 1, got \(steps)") }
        guard tolerance.isFinite, tolerance >= 0 else { throw SparseScapeError(.tolerance, "must be a finite number ≥ 0, got \(tolerance)") }
        guard initScale.isFinite, initScale > 0 else { throw SparseScapeError(.initScale, "must be positive and finite, got \(initScale)") }
        self.restarts = restarts
        self.seed = seed
        self.sample = sample
        self.steps = steps
        self.tolerance = tolerance
        self.initScale = initScale
    }

    /// The step budget for an optimizer.
    public func budget(for kind: OptimizerKind) -> Int { steps ?? SearchDefaults.steps(for: kind) }

    /// The search seed of mask `index`: a function of the sweep's seed and the index only (not of the shard).
    public func searchSeed(forMask index: Int) -> UInt64 {
        var g = SeededGenerator(seed: seed ^ 0x7377_6565_705F_7364, stream: index)
        return g.next() >> 11  // below 2^53: exact in any JSON reader
    }
}
