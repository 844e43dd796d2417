import Foundation
import Synchronization

/// Settings of a search for critical points of every index.
public struct CriticalSearchSettings: Sendable {
    /// Number of random starts.
    public var starts: Int
    /// Seed (start i uses stream i).
    public var seed: UInt64
    /// Standard deviation of the Gaussian starts.
    public var initScale: Double
    /// Iteration budget of each start.
    public var maxIterations: Int
    /// Certification tolerances (a start counts when it ends with ‖∇L‖ within the gradient tolerance).
    public var tolerances: CertificationTolerances
    /// Largest network whose solves decompose the dense Hessian; above it they run on Hessian-vector products.
    public var denseLimit: Int

    /// Validated settings.
    public init(starts: Int, seed: UInt64, initScale: Double = 1, maxIterations: Int = 300,
                tolerances: CertificationTolerances = .init(), denseLimit: Int = GradientSystemSolver.denseLimit) throws {
        guard starts >= 1, starts <= 1_000_000 else { throw SparseScapeError("the number of starts must be between 1 and 1000000, got \(starts)") }
        guard initScale.isFinite, initScale > 0 else { throw SparseScapeError("the initial scale must be positive and finite") }
        guard maxIterations >= 1 else { throw SparseScapeError("the iteration budget must be at least 1, got \(maxIterations)") }
        self.starts = starts
        self.seed = seed
        self.initScale = initScale
        self.maxIterations = maxIterations
        self.tolerances = tolerances
        self.denseLimit = max(0, denseLimit)
    }
}

/// One distinct critical point (modulo the symmetries), certified.
public struct CriticalPoint: Codable, Sendable {
    /// Its loss.
    public var loss: Double
    /// Its Morse index (negative Hessian eigenvalues).
    public var index: Int
    /// The certificate's classification.
    public var classification: Classification
    /// ‖∇L‖ at the representative.
    public var gradientNorm: Double
    /// How many solves reached it (each start contributes its own solve and those from its descent seeds).
    public var count: Int
    /// The representative's parameters (balanced).
    public var params: [Double]
    /// The first start that reached it.
    public var firstStart: Int
    /// Its full certificate.
    public var certificate: Certificate
}

/// The critical points found from random starts.
public struct CriticalSearchResult: Codable, Sendable {
    /// Number of starts.
    public var starts: Int
    /// The seed.
    public var seed: UInt64
    /// Distinct critical points, lowest loss first (then lowest index).
    public var points: [CriticalPoint]
    /// Solves (from starts and descent seeds) that ended where ‖∇L‖ stops decreasing above the tolerance (a non-zero local minimum of ‖∇L‖).
    public var stalled: Int
    /// Solves that ran off to infinity.
    public var escaping: Int
}

/// Critical points of every index from random starts (`GradientSystemSolver` from each start and from the
/// `DescentSeeds` of an L-BFGS run from it), deduplicated modulo the symmetries by
/// their end-to-end product W₁⋯W_L, loss and index, each certified; runs on every core. Above the settings' dense
/// limit the solves run on Hessian-vector products and the indices come from Lanczos (`HessianIndex`), and each start
/// also solves from where the search's own minimiser took it (`minimumSeed`).
public enum CriticalPointSearch {
    /// Runs the search; `progress(done, total)` is called from worker threads after each start.
    public static func run(_ f: LossFunction, settings: CriticalSearchSettings, known: [KnownPoint] = [],
                           progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> CriticalSearchResult {
        let n = settings.starts
        let scale = try EscapeScale(f)
        let problem = ProblemScale(f)
        let judge = f.parameterCount > settings.denseLimit ? try RunJudge(f) : nil
        let runs = try ParallelStarts.run(count: n, seed: settings.seed, progress: progress) { _, rng in
            // From the random start itself, and from where a descent from it slowed down (near saddles) and ended.
            let start = rng.gaussianVector(f.parameterCount, scale: settings.initScale)
            var seeds = [start] + DescentSeeds.collect(f, start: start)
            if let judge, let minimum = try Self.minimumSeed(f, start: start, judge: judge) { seeds.append(minimum) }
            return try seeds.map {
                try GradientSystemSolver.solve(f, start: $0, scale: scale, maxIterations: settings.maxIterations,
                                              denseLimit: settings.denseLimit)
            }
        }
        var groups: [(rep: GradientSystemSolver.Result, product: Matrix, count: Int, first: Int)] = []
        var stalled = 0, escaping = 0
        for (i, ends) in runs.enumerated() {
          for r in ends {
            if r.escaped { escaping += 1; continue }
            if !(r.relativeGradient <= settings.tolerances.gradient) { stalled += 1; continue }
            let p = f.endToEnd(r.params)
            if let g = groups.firstIndex(where: { $0.rep.index == r.index && problem.sameProduct($0.product, p)
                && abs($0.rep.loss - r.loss) <= problem.lossMargin(1e-6, at: r.loss) }) {
                groups[g].count += 1
                if r.gradientNorm < groups[g].rep.gradientNorm { groups[g].rep = r }
            } else {
                groups.append((r, p, 1, i))
            }
          }
        }
        groups.sort { ($0.rep.loss, $0.rep.index) < ($1.rep.loss, $1.rep.index) }
        var knownAll = known
        for g in groups { knownAll.append(KnownPoint(loss: g.rep.loss, source: "critical point (start \(g.first))", params: g.rep.params)) }
        let points = try groups.map { g -> CriticalPoint in
            let c = try Certifier.certify(f, params: g.rep.params, tolerances: settings.tolerances, known: knownAll)
            return CriticalPoint(loss: g.rep.loss, index: c.index ?? g.rep.index, classification: c.classification,
                                 gradientNorm: c.gradientNorm, count: g.count, params: g.rep.params, firstStart: g.first, certificate: c)
        }
        return CriticalSearchResult(starts: n, seed: settings.seed, points: points, stalled: stalled, escaping: escaping)
    }

    /// Where the search's own minimiser (`SearchDefaults.optimizer`, finished by `RunFinisher`) goes from `start`, or nil
    /// when it escapes: above the dense limit the gradient-system solver converges from a nearby point but crawls from
    /// an L-BFGS end still far from critical, which this seed replaces with a minimum found as `search` finds it.
    static func minimumSeed(_ f: LossFunction, start: [Double], judge: RunJudge) throws -> [Double]? {
        let kind = SearchDefaults.optimizer
        let r = try Trainer.train(f, start: start, settings: try OptimizerSettings(kind: kind),
                                  rules: judge.bounded(try StoppingRules(maxSteps: SearchDefaults.steps(for: kind), gradientTolerance: 0)))
        let end = RunFinisher.finish(f, restart: 0, result: r, judge: judge)
        return end.run.outcome == .escaping || !end.params.allSatisfy({ $0.isFinite }) ? nil : end.params
    }
}
