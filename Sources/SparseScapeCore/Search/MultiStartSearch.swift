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
    /// Runs that diverged or escaped to infinity (not results).
    public var diverged: Int
    /// Runs that escaped to infinity.
    public var escaping: Int
    /// Runs that used their step budget without reaching a critical point (‖∇L‖ above the certification tolerance).
    public var unconverged: Int
}

/// Random restarts, deduplicated modulo symmetries, each distinct point certified; runs on every core.
///
/// Only runs that reach a critical point (‖∇L‖ within the certification tolerance) are grouped; the others are
/// counted as diverged, escaping or unconverged.
public enum MultiStartSearch {
    /// Runs the search; `progress(done, total)` is called from worker threads after each run.
    public static func run(_ f: LossFunction, settings: SearchSettings, known: [KnownPoint] = [],
                           progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> SearchResult {
        let n = settings.restarts
        let results = Mutex<[TrainingResult?]>([TrainingResult?](repeating: nil, count: n))
        let done = Atomic<Int>(0)
        let firstError = Mutex<SparseScapeError?>(nil)
        BLASThreads.pinSingle()
        let workers = min(n, max(1, ProcessInfo.processInfo.activeProcessorCount))
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if i >= n { break }
                var rng = SeededGenerator(seed: settings.seed, stream: i)
                let start = rng.gaussianVector(f.parameterCount, scale: settings.initScale)
                do {
                    let r = try Trainer.train(f, start: start, settings: settings.optimizer, rules: settings.rules)
                    results.withLock { $0[i] = r }
                } catch let e as SparseScapeError {
                    firstError.withLock { if $0 == nil { $0 = e } }
                } catch {
                    firstError.withLock { if $0 == nil { $0 = SparseScapeError("\(error)") } }
                }
                let d = done.wrappingAdd(1, ordering: .relaxed).newValue
                progress?(d, n)
            }
        }
        if let e = firstError.withLock({ $0 }) { throw e }
        let runs = results.withLock { $0 }.compactMap { $0 }
        var groups: [(rep: TrainingResult, product: Matrix, count: Int, first: Int)] = []
        var diverged = 0, escaping = 0, unconverged = 0
        for (i, r) in runs.enumerated() {
            if r.stopReason == .diverged { diverged += 1; continue }
            if r.stopReason == .escaping || r.escapeSuspected { escaping += 1; continue }
            if r.gradientNorm > settings.tolerances.gradient { unconverged += 1; continue }
            let p = f.endToEnd(r.params)
            let scale = max(1, p.frobeniusNormSquared.squareRoot())
            if let g = groups.firstIndex(where: { ($0.product - p).frobeniusNormSquared.squareRoot() <= 1e-4 * scale
                && abs($0.rep.loss - r.loss) <= 1e-6 * max(1, abs(r.loss)) }) {
                groups[g].count += 1
                if r.gradientNorm < groups[g].rep.gradientNorm { groups[g].rep = r }
            } else {
                groups.append((r, p, 1, i))
            }
        }
        groups.sort { $0.rep.loss < $1.rep.loss }
        var knownAll = known
        knownAll += groups.map { KnownPoint(loss: $0.rep.loss, source: "search (restart \($0.first))", params: $0.rep.params) }
        let minima = try groups.map { g in
            FoundMinimum(loss: g.rep.loss, count: g.count, frequency: Double(g.count) / Double(n), params: g.rep.params,
                         firstRestart: g.first,
                         certificate: try Certifier.certify(f, params: g.rep.params, tolerances: settings.tolerances, known: knownAll))
        }
        return SearchResult(restarts: n, seed: settings.seed, optimizer: settings.optimizer.kind.rawValue, minima: minima,
                            diverged: diverged, escaping: escaping, unconverged: unconverged)
    }
}
