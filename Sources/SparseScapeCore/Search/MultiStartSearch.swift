import Foundation
import Synchronization

/// Settings of a multi-start search.
public struct SearchSettings: Sendable {
    /// Number of random starts.
    public var restarts: Int
    /// Seed of the random starts (restart i uses stream i of this seed).
    public var seed: UInt64
    /// The optimizer run from each start.
    public var optimizer: OptimizerSettings
    /// Stopping rules of each run.
    public var rules: StoppingRules
    /// Standard deviation of the Gaussian starts.
    public var initScale: Double
    /// Tolerances for certifying each distinct minimum.
    public var tolerances: CertificationTolerances
    /// Given starts (one per restart, replacing the Gaussian ones), e.g. to run the same starts as another tool.
    public var starts: [[Double]]? = nil

    /// Validated settings.
    public init(restarts: Int, seed: UInt64, optimizer: OptimizerSettings, rules: StoppingRules,
                initScale: Double = 1, tolerances: CertificationTolerances = .init()) throws {
        guard restarts >= 1 else { throw SparseScapeError("the number of restarts must be at least 1, got \(restarts)") }
        guard restarts <= 10_000_000 else { throw SparseScapeError("too many restarts (\(restarts)); the limit is 10000000") }
        guard initScale.isFinite, initScale > 0 else { throw SparseScapeError("the initial scale must be positive and finite") }
        self.restarts = restarts
        self.seed = seed
        self.optimizer = optimizer
        self.rules = rules
        self.initScale = initScale
        self.tolerances = tolerances
    }
}

/// One distinct point reached by the search (runs ending at the same end-to-end product W₁⋯W_L are merged).
public struct FoundMinimum: Codable, Sendable {
    /// Its loss.
    public var loss: Double
    /// How many starts reached it.
    public var count: Int
    /// count / restarts.
    public var frequency: Double
    /// The representative point (the run with the smallest gradient norm).
    public var params: [Double]
    /// Index of the first restart that reached it.
    public var firstRestart: Int
    /// Its certificate.
    public var certificate: Certificate
}

/// The result of a multi-start search.
public struct SearchResult: Codable, Sendable {
    /// Number of starts.
    public var restarts: Int
    /// The seed.
    public var seed: UInt64
    /// The optimizer used.
    public var optimizer: String
    /// Distinct end points, lowest loss first.
    public var minima: [FoundMinimum]
    /// Distinct valleys at infinity reached by escaping runs, lowest limit first.
    public var valleys: [EscapeValley]
    /// Runs that diverged or escaped to infinity (not results).
    public var diverged: Int
    /// Runs that escaped to infinity.
    public var escaping: Int
    /// Runs that reached no critical point even after the Newton polish and a continued descent.
    public var unconverged: Int
    /// Every run's outcome, by restart.
    public var runs: [SearchRun]
}

/// Random restarts, each polished by Newton, deduplicated modulo symmetries, each distinct point certified; runs on
/// every core.
///
/// Each run is the chosen optimizer under the judge's stopping rules (`RunJudge`), then `RunFinisher`: a Newton
/// polish to full precision; a run whose relative gradient then reaches the rounding level is `critical` and grouped
/// by its end-to-end product W₁⋯W_L and Hessian index; otherwise `ValleyFollower` continues the descent and tells a
/// critical point, a valley at infinity (with an upper bound of its limit) and an unconverged run apart by evidence.
public enum MultiStartSearch {
    /// Runs the search; `progress(done, total)` is called from worker threads after each run, and `shouldStop` is
    /// polled during every run (the search then throws "cancelled" within a fraction of a second).
    public static func run(_ f: LossFunction, settings: SearchSettings, known: [KnownPoint] = [],
                           progress: (@Sendable (Int, Int) -> Void)? = nil,
                           shouldStop: (@Sendable () -> Bool)? = nil) throws -> SearchResult {
        let n = settings.restarts
        if let starts = settings.starts {
            guard starts.count == n else { throw SparseScapeError("\(starts.count) starts given for \(n) restarts") }
            if let bad = starts.firstIndex(where: { $0.count != f.parameterCount || !$0.allSatisfy(\.isFinite) }) {
                throw SparseScapeError("start \(bad + 1) has \(starts[bad].count) values or a non-finite one; the network has \(f.parameterCount) free weights")
            }
        }
        // Every distinct end point is certified: a certificate out of reach is said now, not after the training.
        try CertificationCost.require(f.architecture, closedForm: try GlobalMinimum.closedForm(f) != nil)
        let judge = try RunJudge(f, criticalTolerance: settings.tolerances.gradient)
        let lossScale = ProblemScale(f)
        let rules = judge.bounded(settings.rules)
        var runs = try ParallelStarts.run(count: n, seed: settings.seed, progress: progress) { i, rng in
            let start = settings.starts?[i] ?? rng.gaussianVector(f.parameterCount, scale: settings.initScale)
            if let shouldStop, shouldStop() { throw SparseScapeError("cancelled") }
            let r = try Trainer.train(f, start: start, settings: settings.optimizer, rules: rules, shouldStop: shouldStop)
            if let shouldStop, shouldStop() { throw SparseScapeError("cancelled") }
            let finished = RunFinisher.finish(f, restart: i, result: r, judge: judge, shouldStop: shouldStop)
            if let shouldStop, shouldStop() { throw SparseScapeError("cancelled") }
            return finished
        }
        var groups: [(rep: Int, product: Matrix, count: Int, first: Int, members: [Int])] = []
        for (i, r) in runs.enumerated() where r.run.outcome == .critical {
            let p = f.endToEnd(r.params)
            if let g = groups.firstIndex(where: { lossScale.sameProduct($0.product, p)
                && abs(runs[$0.rep].run.loss - r.run.loss) <= lossScale.lossMargin(1e-6, at: r.run.loss) }) {
                groups[g].count += 1
                groups[g].members.append(i)
                if r.run.gradientNorm < runs[groups[g].rep].run.gradientNorm { groups[g].rep = i }
            } else {
                groups.append((i, p, 1, r.run.restart, [i]))
            }
        }
        groups.sort { runs[$0.rep].run.loss < runs[$1.rep].run.loss }
        for (k, g) in groups.enumerated() { for m in g.members { runs[m].run.point = k } }
        var knownAll = known
        knownAll += groups.map { KnownPoint(loss: runs[$0.rep].run.loss, source: "search (restart \($0.first))", params: runs[$0.rep].params) }
        let minima = try groups.map { g in
            FoundMinimum(loss: runs[g.rep].run.loss, count: g.count, frequency: Double(g.count) / Double(n), params: runs[g.rep].params,
                         firstRestart: g.first,
                         certificate: try Certifier.certify(f, params: runs[g.rep].params, tolerances: settings.tolerances, known: knownAll))
        }
        // Valleys at infinity: escaping runs grouped by their limit.
        var valleys: [EscapeValley] = []
        let escapes = runs.indices.filter { runs[$0].run.outcome == .escaping && runs[$0].run.valleyLimit != nil }.sorted { (runs[$0].run.valleyLimit ?? 0) < (runs[$1].run.valleyLimit ?? 0) }
        for i in escapes {
            let limit = runs[i].run.valleyLimit ?? runs[i].run.loss
            if let v = valleys.indices.last, abs(valleys[v].limit - limit) <= 1e-4 * max(1, abs(limit)) {
                valleys[v].count += 1
                valleys[v].lowestLoss = min(valleys[v].lowestLoss, runs[i].run.loss)
                valleys[v].limit = min(valleys[v].limit, limit)
                valleys[v].firstRestart = min(valleys[v].firstRestart, runs[i].run.restart)
            } else {
                valleys.append(EscapeValley(limit: limit, lowestLoss: runs[i].run.loss, count: 1, firstRestart: runs[i].run.restart))
            }
            runs[i].run.valley = valleys.count - 1
        }
        let outcomes = runs.map(\.run.outcome)
        return SearchResult(restarts: n, seed: settings.seed, optimizer: settings.optimizer.kind.rawValue, minima: minima,
                            valleys: valleys, diverged: outcomes.filter { $0 == .diverged }.count,
                            escaping: outcomes.filter { $0 == .escaping }.count,
                            unconverged: outcomes.filter { $0 == .unconverged }.count, runs: runs.map(\.run))
    }
}
