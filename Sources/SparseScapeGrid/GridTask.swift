import SparseScapeCore

/// One task of an experiment grid: one pruning run (`sparsescape prune`) of one network, method, sparsity and seed.
///
/// A one-shot method's task prunes to one sparsity in one level (level 0, the unpruned network, comes first); an
/// `imp` task runs all the plan's IMP levels.
public struct GridTask: Sendable, Equatable {
    /// Its number, 1…N (the Slurm array index).
    public var number: Int
    /// The network: an index into the plan's networks.
    public var network: Int
    /// The pruning method.
    public var method: PruningMethod
    /// One-shot methods: the target sparsity; nil for `imp`.
    public var sparsity: Double?
    /// The seed: the start (with `start = "seed"`), random scores and searches.
    public var seed: UInt64

    /// A short description: `digits · magnitude · 80% · seed 2`.
    public func label(_ plan: GridPlan) -> String {
        let what = sparsity.map { GridFormat.percent($0) } ?? "\(plan.imp.levels) levels"
        return "\(plan.networks[network].name) · \(method.rawValue) · \(what) · seed \(seed)"
    }
}
