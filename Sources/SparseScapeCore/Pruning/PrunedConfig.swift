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
    /// `describe` words the config's description from the level and whether a 'best-found' point was kept (front ends
    /// word it; Core holds no report text).
    public static func config(_ report: PruneReport, level: Int, from config: NetworkConfig,
                              describe: (_ level: PruningLevel, _ keepsBestFound: Bool) -> String) throws -> NetworkConfig {
        guard let l = report.levels.first(where: { $0.level == level }) else {
            throw SparseScapeError(.level, "\(level) is not a level of this run (levels 0…\(report.levels.last?.level ?? 0))")
        }
        guard l.architecture.widths == config.architecture.widths else { throw SparseScapeError("the level's widths differ from the config's") }
        let pct = NumberFormat.g(100 * l.sparsity, 3)
        var points: [(label: String, params: [Double])] = []
        if l.bestKnownLoss < l.loss - ProblemScale(try config.lossFunction()).lossMargin(report.levels[0].certificate?.tolerances.spurious ?? 1e-8, at: l.loss),
           l.bestParams != l.params {
            points.append(("best-found", l.bestParams))
        }
        points.append(("trained", l.params))
        let description = describe(l, points.count > 1)
        return NetworkConfig(name: "\(config.name)-\(report.method.rawValue)-\(pct)", description: description, architecture: l.architecture,
                             dataset: config.dataset, start: l.start, optimizer: report.optimizer.kind,
                             learningRate: report.optimizer.learningRate, points: points, xFile: config.xFile, yFile: config.yFile)
    }
}
