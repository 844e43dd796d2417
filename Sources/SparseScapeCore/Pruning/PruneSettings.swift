/// What `sparsescape prune` does: the method, its schedule, how every level is trained and how it is certified.
public struct PruneSettings: Sendable {
    /// The method.
    public var method: PruningMethod
    /// Global or layerwise counting (every method).
    public var scope: MagnitudePruning.Scope
    /// One-shot methods: the sparsity of the last level, a fraction of the config's free weights in [0, 1).
    public var sparsity: Double
    /// One-shot methods: levels evenly spaced up to `sparsity`; `imp`: pruning rounds. Level 0 (unpruned) comes first.
    public var levels: Int
    /// `imp`: the fraction of the remaining weights pruned at every round, in (0, 1).
    public var rate: Double
    /// `imp`: every level restarts from the weights after this many optimizer steps of the unpruned run (0: the start).
    public var rewind: Int
    /// Seed of the random scores (`random`) and of the short searches.
    public var seed: UInt64
    /// The optimizer that trains every level (then the Newton polish, as in a search run).
    public var optimizer: OptimizerSettings
    /// Its stopping rules.
    public var rules: StoppingRules
    /// Random starts of the short multi-start search on every level's mask (0: none).
    public var searchRestarts: Int
    /// Certification tolerances.
    public var tolerances: CertificationTolerances

    /// The defaults: 8 search restarts, lbfgs (`SearchDefaults`) with its step budget and ‖∇L‖ ≤ 1e-10.
    public static let defaultSearchRestarts = 8

    /// Validated settings.
    public init(method: PruningMethod, scope: MagnitudePruning.Scope = .global, sparsity: Double = 0.5, levels: Int? = nil,
                rate: Double = 0.2, rewind: Int = 0, seed: UInt64 = 0, optimizer: OptimizerSettings? = nil,
                rules: StoppingRules? = nil, searchRestarts: Int = PruneSettings.defaultSearchRestarts,
                tolerances: CertificationTolerances = .init()) throws {
        let levels = levels ?? (method == .imp ? 5 : 1)
        guard sparsity.isFinite, sparsity >= 0, sparsity < 1 else { throw SparseScapeError(.sparsity, "must be in [0, 1), got \(sparsity)") }
        guard levels >= 1, levels <= 100 else { throw SparseScapeError(.levels, "must be between 1 and 100, got \(levels)") }
        guard rate.isFinite, rate > 0, rate < 1 else { throw SparseScapeError(.rate, "must be in (0, 1), got \(rate)") }
        guard rewind >= 0 else { throw SparseScapeError(.rewind, "must be zero or a positive step count, got \(rewind)") }
        guard searchRestarts >= 0, searchRestarts <= 10_000 else {
            throw SparseScapeError(.restarts, "must be between 0 and 10000, got \(searchRestarts)")
        }
        let optimizer = try optimizer ?? OptimizerSettings(kind: SearchDefaults.optimizer)
        let rules = try rules ?? StoppingRules(maxSteps: SearchDefaults.steps(for: optimizer.kind), gradientTolerance: 1e-10)
        guard rewind <= rules.maxSteps else {
            throw SparseScapeError(.rewind, "\(rewind) is beyond the step budget (\(rules.maxSteps) steps)")
        }
        self.method = method
        self.scope = scope
        self.sparsity = sparsity
        self.levels = levels
        self.rate = rate
        self.rewind = rewind
        self.seed = seed
        self.optimizer = optimizer
        self.rules = rules
        self.searchRestarts = searchRestarts
        self.tolerances = tolerances
    }

    /// One-shot methods: the target sparsity of levels 1…`levels`, evenly spaced up to `sparsity`.
    public var oneShotSchedule: [Double] {
        (1...levels).map { sparsity * Double($0) / Double(levels) }
    }
}
