import Foundation

/// Trains one pruned mask to convergence and certifies where it ended: the step every pruning method repeats.
///
/// Training is a search run: the chosen optimizer (default L-BFGS) under the stopping rules, then `RunFinisher`'s
/// Newton polish and escape test. The short multi-start search on the same mask (`PruneSettings.searchRestarts`,
/// the search's default policy) supplies the best known point, against which `Certifier` calls a minimum spurious;
/// the closed form or the attained lower bound of `GlobalMinimum` proves a minimum global.
public enum PruningLevelEvaluator {
    /// What the evaluator is doing, for progress lines: (stage, done, total), e.g. ("search", 3, 8).
    public typealias Progress = @Sendable (_ stage: String, _ done: Int, _ total: Int) -> Void

    /// The level with mask `architecture` (same widths as `base`), trained from `start` unless `trained` (a finished
    /// first phase from `start`) is given; `baseCount` is the config's free-weight count, `denseOptimum` the dense
    /// network's global minimum.
    public static func evaluate(level: Int, architecture: NetworkArchitecture, base: LossFunction, start: [Double],
                                trained: TrainingResult? = nil, prunedEdges: [EdgePosition], rewindStep: Int?,
                                baseCount: Int, denseOptimum: Double, settings: PruneSettings,
                                progress: Progress? = nil) throws -> PruningLevel {
        let began = Date()
        let f = try base.with(architecture: architecture)
        guard start.count == f.parameterCount else {
            throw SparseScapeError("level \(level): the start has \(start.count) values but the mask has \(f.parameterCount) free weights")
        }
        let judge = try RunJudge(f, criticalTolerance: settings.tolerances.gradient)
        progress?("train", 0, 1)
        let first = try trained ?? Trainer.train(f, start: start, settings: settings.optimizer, rules: judge.bounded(settings.rules))
        let (run, params) = RunFinisher.finish(f, restart: 0, result: first, judge: judge)
        let loss = f.loss(params)
        var known: [KnownPoint] = []
        var searchMinima: [Double] = []
        var searchLowest: Double? = nil
        var bestParams = params
        var bestLoss = loss
        if settings.searchRestarts > 0 {
            progress?("search", 0, settings.searchRestarts)
            let kind = SearchDefaults.optimizer
            let search = try SearchSettings(restarts: settings.searchRestarts, seed: settings.seed, optimizer: try OptimizerSettings(kind: kind),
                                            rules: try StoppingRules(maxSteps: SearchDefaults.steps(for: kind), gradientTolerance: 0),
                                            tolerances: settings.tolerances)
            var searchProgress: (@Sendable (Int, Int) -> Void)? = nil
            if let progress { searchProgress = { done, total in progress("search", done, total) } }
            let result = try MultiStartSearch.run(f, settings: search, progress: searchProgress)
            searchMinima = result.minima.map { $0.loss }
            searchLowest = result.runs.filter { $0.outcome != .diverged && $0.loss.isFinite }.map { $0.loss }.min()
            if let best = result.minima.first {
                known.append(KnownPoint(loss: best.loss, source: "\(settings.searchRestarts)-start \(kind.rawValue) search on this mask, seed \(settings.seed)", params: best.params))
                if best.loss < bestLoss { bestLoss = best.loss; bestParams = best.params }
            }
        }
        progress?("certify", 0, 1)
        let failed = run.outcome == .diverged || run.outcome == .escaping || !params.allSatisfy { $0.isFinite }
        let certificate = failed ? nil : try Certifier.certify(f, params: params, tolerances: settings.tolerances, known: known)
        if let g = certificate?.globalMinimum, g.value < bestLoss { bestLoss = g.value }
        let proven = certificate?.globalMinimum?.value ?? certificate?.lowerBound?.value ?? loss
        let verdict = PruneVerdict.of(certificate, outcome: run.outcome,
                                      margin: ProblemScale(f).lossMargin(settings.tolerances.spurious, at: proven))
        let bestIsGlobal = certificate?.bestKnownIsGlobal ?? false
        return PruningLevel(level: level, sparsity: 1 - Double(architecture.parameterCount) / Double(max(1, baseCount)),
                            freeWeights: architecture.parameterCount, prunedEdges: prunedEdges, rewindStep: rewindStep,
                            startLoss: f.loss(start), loss: loss, gradientNorm: run.gradientNorm, denseGap: loss - denseOptimum,
                            run: run, drifting: run.outcome == .unconverged && run.parameterNorm > 1.5 * (first.normDoublings.first?.norm ?? .infinity), certificate: certificate, verdict: verdict, bestKnownLoss: bestLoss,
                            bestKnownIsGlobal: bestIsGlobal, reachesBest: verdict == .global || verdict == .globalValue || verdict == .bestKnown,
                            searchMinima: searchMinima, searchLowestLoss: searchLowest, searchRestarts: settings.searchRestarts,
                            seconds: Date().timeIntervalSince(began), start: start, params: params,
                            architecture: architecture, bestParams: bestParams)
    }
}
