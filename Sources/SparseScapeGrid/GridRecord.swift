import SparseScapeCore

/// What one finished grid task found: every level of its pruning run, certified (`tasks/task-K.json`).
public struct GridRecord: Codable, Sendable, Equatable {
    /// One level of the run.
    public struct Level: Codable, Sendable, Equatable {
        /// 0 for the unpruned network, then 1, 2, ….
        public var level: Int
        /// The fraction of the config's free weights pruned.
        public var sparsity: Double
        /// Free weights left.
        public var freeWeights: Int
        /// The loss where training ended (nil when training diverged).
        public var loss: Double?
        /// loss − the dense optimum (nil when training diverged).
        public var denseGap: Double?
        /// ‖∇L‖ there (nil when training diverged).
        public var gradientNorm: Double?
        /// The certified verdict (`PruneVerdict`'s names: global-minimum, spurious-minimum, saddle, …).
        public var verdict: PruneVerdict
        /// Training reached the mask's global or best known minimum (the winning-ticket answer).
        public var reachesBest: Bool
        /// Wall-clock seconds of the level.
        public var seconds: Double
    }

    /// The grid's identity (`GridPlan.gridId`).
    public var grid: String
    /// The task's number.
    public var task: Int
    /// The network's name.
    public var network: String
    /// The method.
    public var method: PruningMethod
    /// One-shot methods: the target sparsity; nil for imp.
    public var targetSparsity: Double?
    /// The seed.
    public var seed: UInt64
    /// The dense network's global minimum (the reference of every gap).
    public var denseOptimum: Double
    /// The levels, 0 first.
    public var levels: [Level]
    /// Wall-clock seconds of the task.
    public var seconds: Double
    /// The tool version that ran it.
    public var tool: String

    /// The record of `task` of `plan` from its pruning report.
    public init(plan: GridPlan, task: GridTask, report: PruneReport) {
        func finite(_ v: Double) -> Double? { v.isFinite ? v : nil }
        grid = plan.gridId
        self.task = task.number
        network = plan.networks[task.network].name
        method = task.method
        targetSparsity = task.sparsity
        seed = task.seed
        denseOptimum = report.denseOptimum.value
        levels = report.levels.map { l in
            let failed = l.verdict == .failed
            return Level(level: l.level, sparsity: l.sparsity, freeWeights: l.freeWeights, loss: failed ? nil : finite(l.loss),
                         denseGap: failed ? nil : finite(l.denseGap), gradientNorm: failed ? nil : finite(l.gradientNorm),
                         verdict: l.verdict, reachesBest: l.reachesBest, seconds: l.seconds)
        }
        seconds = report.seconds
        tool = ToolVersion.string
    }

    /// Encodes every field, with explicit nulls (so a record reads the same in any JSON tool).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(grid, forKey: .grid)
        try c.encode(task, forKey: .task)
        try c.encode(network, forKey: .network)
        try c.encode(method, forKey: .method)
        try c.encode(targetSparsity, forKey: .targetSparsity)
        try c.encode(seed, forKey: .seed)
        try c.encode(denseOptimum, forKey: .denseOptimum)
        try c.encode(levels, forKey: .levels)
        try c.encode(seconds, forKey: .seconds)
        try c.encode(tool, forKey: .tool)
    }

    enum CodingKeys: String, CodingKey { case grid, task, network, method, targetSparsity, seed, denseOptimum, levels, seconds, tool }
}

extension GridRecord.Level {
    /// Encodes every field, with explicit nulls.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(level, forKey: .level)
        try c.encode(sparsity, forKey: .sparsity)
        try c.encode(freeWeights, forKey: .freeWeights)
        try c.encode(loss, forKey: .loss)
        try c.encode(denseGap, forKey: .denseGap)
        try c.encode(gradientNorm, forKey: .gradientNorm)
        try c.encode(verdict, forKey: .verdict)
        try c.encode(reachesBest, forKey: .reachesBest)
        try c.encode(seconds, forKey: .seconds)
    }

    enum CodingKeys: String, CodingKey { case level, sparsity, freeWeights, loss, denseGap, gradientNorm, verdict, reachesBest, seconds }
}
