/// Progress of a pruning run: (level, levels, sparsity of the level, stage "train"/"search"/"certify", done, total).
public typealias PruneProgress = @Sendable (_ level: Int, _ levels: Int, _ sparsity: Double, _ stage: String, _ done: Int, _ total: Int) -> Void

/// Runs a pruning method on a network: the entry point of `sparsescape prune`.
public enum Pruner {
    /// Prunes `f` (its mask is level 0) from `start` as `settings` says.
    public static func run(_ f: LossFunction, name: String, start: [Double], settings: PruneSettings,
                           progress: PruneProgress? = nil) throws -> PruneReport {
        guard start.count == f.parameterCount else {
            throw SparseScapeError("the start point has \(start.count) values but the network has \(f.parameterCount) free weights")
        }
        guard start.allSatisfy({ $0.isFinite }) else { throw SparseScapeError("the start point contains a non-finite value") }
        // Every level is certified; pruned levels are sub-networks, so the full network bounds their certificates.
        try CertificationCost.require(f.architecture, closedForm: try GlobalMinimum.closedForm(f) != nil)
        if settings.method == .imp { return try IterativeMagnitudePruning.run(f, name: name, start: start, settings: settings, progress: progress) }
        return try OneShotPruning.run(f, name: name, start: start, settings: settings, progress: progress)
    }

    /// The global minimum of the dense network with `f`'s widths and data (closed form: Eckart–Young, or least
    /// squares for a scalar output): what every pruned level is compared with.
    public static func denseOptimum(_ f: LossFunction) throws -> GlobalMinimum {
        let dense = try f.with(architecture: try NetworkArchitecture.dense(widths: f.architecture.widths))
        guard let g = try GlobalMinimum.closedForm(dense) else { throw SparseScapeError("no closed form for the dense network") }
        return g
    }

    /// The evaluator's progress for one level, forwarded to a run's progress.
    static func stageProgress(_ progress: PruneProgress?, level: Int, of levels: Int, architecture: NetworkArchitecture,
                              base: NetworkArchitecture) -> PruningLevelEvaluator.Progress? {
        guard let progress else { return nil }
        let sparsity = 1 - Double(architecture.parameterCount) / Double(max(1, base.parameterCount))
        return { stage, done, total in progress(level, levels, sparsity, stage, done, total) }
    }
}
