import Foundation

/// Iterative magnitude pruning with rewinding (Frankle & Carbin; Frankle et al.): train, prune a fraction of the
/// remaining weights by magnitude, rewind the survivors to their early values, repeat.
///
/// Level 0 trains the config's mask from the start θ₀, recording θ_k, the weights after `rewind` = k optimizer steps
/// (k = 0: θ₀ itself). Level l prunes `rate` of the weights still live at level l − 1, smallest |w| of its trained
/// point first (`MagnitudePruning`, global or layerwise), and trains the new mask from θ_k restricted to it; every
/// level is trained to convergence, polished and certified by `PruningLevelEvaluator`, which answers the
/// winning-ticket question: does training from the rewound weights reach the mask's best known (or proven global)
/// minimum, or a spurious one?
public enum IterativeMagnitudePruning {
    /// The rewound start of a mask: `rewound` (a point of `base`, the config's mask) restricted to `mask`.
    public static func rewoundStart(_ rewound: [Double], base: NetworkArchitecture, mask: NetworkArchitecture) -> [Double] {
        ParameterRemap.remap(rewound, from: base, to: mask)
    }

    /// Trains from `start` with `settings.optimizer`, stopping once after `rewind` steps to record that point; the
    /// optimizer's state carries over, so the run is the same as one without the stop.
    public static func trainRecording(_ f: LossFunction, start: [Double], settings: PruneSettings) throws
        -> (result: TrainingResult, rewound: [Double], rewindStep: Int) {
        let rules = try RunJudge(f, criticalTolerance: settings.tolerances.gradient).bounded(settings.rules)
        guard settings.rewind > 0 else {
            return (try Trainer.train(f, start: start, settings: settings.optimizer, rules: rules), start, 0)
        }
        guard start.count == f.parameterCount, start.allSatisfy({ $0.isFinite }) else {
            throw SparseScapeError("the start point does not fit the network or is not finite")
        }
        let optimizer = try settings.optimizer.makeOptimizer(for: f)
        var early = rules
        early.maxSteps = settings.rewind
        let a = Trainer.run(optimizer, f, start: start, rules: early)
        // A failure before the rewind step is level 0's result (reported as failed); nothing to rewind to beyond it.
        if a.stopReason.isFailure { return (a, a.params, a.steps) }
        var rest = rules
        rest.maxSteps = rules.maxSteps - a.steps
        let b = Trainer.run(optimizer, f, start: a.params, rules: rest)
        let whole = TrainingResult(params: b.params, initialLoss: a.initialLoss, loss: b.loss, gradientNorm: b.gradientNorm,
                                   steps: a.steps + b.steps, stopReason: b.stopReason, lossHistory: [], parameterNorm: b.parameterNorm,
                                   normDoublings: b.normDoublings)
        return (whole, a.params, a.steps)
    }

    /// Runs IMP for `settings.levels` rounds after the unpruned level 0.
    public static func run(_ f: LossFunction, name: String, start: [Double], settings: PruneSettings,
                           progress: PruneProgress? = nil) throws -> PruneReport {
        let began = Date()
        let base = f.architecture
        let dense = try Pruner.denseOptimum(f)
        let recorded = try trainRecording(f, start: start, settings: settings)
        func evaluate(_ l: Int, _ arch: NetworkArchitecture, _ s: [Double], _ trained: TrainingResult?, _ edges: [EdgePosition]) throws -> PruningLevel {
            try PruningLevelEvaluator.evaluate(level: l, architecture: arch, base: f, start: s, trained: trained, prunedEdges: edges,
                                               rewindStep: l == 0 ? nil : recorded.rewindStep, baseCount: base.parameterCount,
                                               denseOptimum: dense.value, settings: settings,
                                               progress: Pruner.stageProgress(progress, level: l, of: settings.levels, architecture: arch, base: base))
        }
        var levels = [try evaluate(0, base, start, recorded.result, [])]
        for l in 1...settings.levels {
            let previous = levels[l - 1]
            if previous.verdict == .failed { break }   // a diverged run has no weights to rank
            let edges = try MagnitudePruning.smallest(fraction: settings.rate, params: previous.params, architecture: previous.architecture,
                                                      scope: settings.scope)
            if edges.isEmpty { break }   // every layer is down to its last weight
            let mask = try MagnitudePruning.pruning(edges, from: previous.architecture)
            levels.append(try evaluate(l, mask, rewoundStart(recorded.rewound, base: base, mask: mask), nil, edges))
        }
        return PruneReport(network: name, method: .imp, scope: settings.scope, widths: base.widths, baseFreeWeights: base.parameterCount,
                           sparsity: nil, rate: settings.rate, rewind: settings.rewind, seed: settings.seed, optimizer: settings.optimizer,
                           searchRestarts: settings.searchRestarts, denseOptimum: dense, levels: levels, seconds: Date().timeIntervalSince(began))
    }
}
