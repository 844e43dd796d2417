import Foundation

/// One-shot pruning to a schedule of sparsities: magnitude, random or SNIP scores ranked once, each level pruned from
/// the config's mask and trained to convergence.
///
/// Level 0 trains the config's mask from the start θ₀ to θ*. Level k removes the fraction s_k (`PruneSettings.
/// oneShotSchedule`) of the config's free weights with the lowest scores: |θ*| for `magnitude` (then training goes on
/// from θ* restricted to the mask: fine-tuning, as Han et al.), seeded uniform scores for `random` and SNIP's |∂L/∂w·w|
/// at θ₀ for `snip` (both trained from θ₀ restricted to the mask: pruning at initialisation). Scores are ranked once, so
/// with the global scope every level's mask contains the next one's.
public enum OneShotPruning {
    /// The scores ranked by every level (lowest pruned first), in the config's canonical order.
    public static func scores(method: PruningMethod, _ f: LossFunction, start: [Double], trained: [Double], seed: UInt64) throws -> [Double] {
        switch method {
        case .magnitude: return trained.map(abs)
        case .random: return RandomPruning.scores(architecture: f.architecture, seed: seed)
        case .snip: return try SNIPScores.scores(f, at: start)
        case .imp: throw SparseScapeError("imp is iterative, not one-shot")
        }
    }

    /// Runs level 0 and the one-shot levels of `settings.oneShotSchedule`.
    public static func run(_ f: LossFunction, name: String, start: [Double], settings: PruneSettings,
                           progress: PruneProgress? = nil) throws -> PruneReport {
        guard settings.method.isOneShot else { throw SparseScapeError("imp is iterative, not one-shot") }
        let began = Date()
        let base = f.architecture
        let dense = try Pruner.denseOptimum(f)
        func evaluate(_ l: Int, _ arch: NetworkArchitecture, _ s: [Double], _ edges: [EdgePosition]) throws -> PruningLevel {
            try PruningLevelEvaluator.evaluate(level: l, architecture: arch, base: f, start: s, prunedEdges: edges, rewindStep: nil,
                                               baseCount: base.parameterCount, denseOptimum: dense.value, settings: settings,
                                               progress: Pruner.stageProgress(progress, level: l, of: settings.levels, architecture: arch, base: base))
        }
        let unpruned = try evaluate(0, base, start, [])
        var levels = [unpruned]
        let ranked = try scores(method: settings.method, f, start: start, trained: unpruned.params, seed: settings.seed)
        let from = settings.method == .magnitude ? unpruned.params : start
        for (k, s) in settings.oneShotSchedule.enumerated() {
            let edges = try MagnitudePruning.smallest(fraction: s, params: ranked, architecture: base, scope: settings.scope)
            let mask = try MagnitudePruning.pruning(edges, from: base)
            levels.append(try evaluate(k + 1, mask, ParameterRemap.remap(from, from: base, to: mask), edges))
        }
        return PruneReport(network: name, method: settings.method, scope: settings.scope, widths: base.widths,
                           baseFreeWeights: base.parameterCount, sparsity: settings.sparsity, rate: nil, rewind: nil,
                           seed: settings.seed, optimizer: settings.optimizer, searchRestarts: settings.searchRestarts,
                           denseOptimum: dense, levels: levels, seconds: Date().timeIntervalSince(began))
    }
}
