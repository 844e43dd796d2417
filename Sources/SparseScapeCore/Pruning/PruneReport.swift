/// A whole pruning run: the settings, the dense optimum it is compared with, and every level from the unpruned one on.
public struct PruneReport: Encodable, Sendable {
    /// The network's name.
    public var network: String
    /// The method.
    public var method: PruningMethod
    /// Global or layerwise.
    public var scope: MagnitudePruning.Scope
    /// Widths.
    public var widths: [Int]
    /// The config's free weights (level 0).
    public var baseFreeWeights: Int
    /// One-shot methods: the last level's target sparsity (nil for `imp`).
    public var sparsity: Double?
    /// `imp`: the fraction of the remaining weights pruned per round (nil otherwise).
    public var rate: Double?
    /// `imp`: the rewind step (nil otherwise).
    public var rewind: Int?
    /// Seed of random scores and searches.
    public var seed: UInt64
    /// The optimizer that trained every level (then the Newton polish).
    public var optimizer: OptimizerSettings
    /// Random starts of each level's short search.
    public var searchRestarts: Int
    /// The global minimum of the dense network with the same widths (closed form), the reference of every gap.
    public var denseOptimum: GlobalMinimum
    /// Level 0 (the config's mask) first.
    public var levels: [PruningLevel]
    /// Wall-clock seconds of the whole run.
    public var seconds: Double
}
