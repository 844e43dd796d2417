/// One level of a pruning run as a config that every command reads: the level's mask, the original data, the level's
/// start, and the trained and best points as reference points.
public enum PrunedConfig {
    /// The config of `report.levels[level]`, pruned from `config` (whose data and file references it keeps).
    ///
    /// `start` is the level's training start: the rewound weights restricted to the mask (`imp`), the trained unpruned
    /// point restricted to it (`magnitude`), the start restricted to it (`random`, `snip`); `optimizer` and `lr` are
    /// those that trained it, so `train` on the config retraces the level's first phase. Reference points: `trained`,
    /// where the level's training ended (after the Newton polish), and `best-found`, the lowest point the level's search
    /// found when it is lower than `trained`.
    public static func config(_ report: PruneReport, level: Int, from config: NetworkConfig) throws -> NetworkConfig {
        guard let l = report.levels.first(where: { $0.level == level }) else {
            throw SparseScapeError("--level \(level) is not a level of this run (levels 0…\(report.levels.last?.level ?? 0))")
        }
        guard l.architecture.widths == config.architecture.widths else { throw SparseScapeError("the level's widths differ from the config's") }
        let pct = NumberFormat.g(100 * l.sparsity, 3)
        let how: String
        switch report.method {
        case .imp: how = "iterative magnitude pruning (\(report.scope.rawValue), rate \(NumberFormat.g(report.rate ?? 0, 3)), rewind \(report.rewind ?? 0)), level \(l.level)"
        default: how = "\(report.method.rawValue) pruning (\(report.scope.rawValue)), level \(l.level)"
        }
        var points: [(label: String, params: [Double])] = []
        if l.bestKnownLoss < l.loss - ProblemScale(try config.lossFunction()).lossMargin(report.levels[0].certificate?.tolerances.spurious ?? 1e-8, at: l.loss),
           l.bestParams != l.params {
            points.append(("best-found", l.bestParams))
        }
        points.append(("trained", l.params))
        let description = "\(config.name) pruned to \(pct)% sparsity (\(l.freeWeights) of \(report.baseFreeWeights) free weights) by \(how) "
            + "of sparsescape prune; trained from its start it ends at L = \(NumberFormat.g(l.loss, 12)) (\(PruneReportText.verdict(l))), "
            + "the dense optimum being \(NumberFormat.g(report.denseOptimum.value, 12)). The start is the level's training start and "
            + "'trained' where that training ended" + (points.count > 1 ? "; 'best-found' is the lowest point its search found." : ".")
        return NetworkConfig(name: "\(config.name)-\(report.method.rawValue)-\(pct)", description: description, architecture: l.architecture,
                             dataset: config.dataset, start: l.start, optimizer: report.optimizer.kind,
                             learningRate: report.optimizer.learningRate, points: points, xFile: config.xFile, yFile: config.yFile)
    }
}
