import Foundation

/// Runs a sweep: for each mask, the theory's verdict and a certified multi-start search of its effective network.
///
/// The search runs on the effective network (useless nodes and edges removed, Appendix C): the loss is the same
/// at every point, and weights that cannot matter would otherwise add flat directions that make every minimum
/// "degenerate". Each mask's search seed depends only on the sweep's seed and the mask's index, so a record does
/// not depend on sharding or on the order in which masks are run.
public enum SweepRunner {
    /// The record of mask `index`.
    public static func run(_ plan: SweepPlan, index: Int) throws -> SweepRecord {
        let e = plan.enumeration
        let masks = e.masks(at: index)
        let arch = try NetworkArchitecture(widths: e.widths, masks: masks)
        let f = try plan.base.with(architecture: arch)
        let assessment = try TheoryAssessment.assess(f)
        let seed = plan.settings.searchSeed(forMask: index)
        var record = SweepRecord(
            sweepId: plan.sweepId, network: plan.config.name, widths: e.widths, enumeration: e.isExact ? "exact" : "sample",
            total: e.count, index: index, mask: (0..<arch.depth).map { arch.maskRows($0) }, code: e.code(at: index),
            orbitSize: e.orbitSize(at: index), configMask: plan.configMaskIndex == index, freeWeights: arch.parameterCount,
            effectiveWeights: 0, verdict: assessment.verdict.rawValue, benign: assessment.benign, optimizer: "none",
            restarts: plan.settings.restarts, searchSeed: seed, minima: [], certifiedMinima: 0, certifiedSpurious: 0,
            diverged: 0, escaping: 0, unconverged: 0, globalMinimum: nil, lowestIsGlobal: false)
        record.sweepSeed = plan.settings.seed
        record.steps = plan.settings.steps
        record.tolerance = plan.settings.tolerance
        record.initScale = plan.settings.initScale
        guard let effective = try EffectiveNetwork(f) else {
            // No input reaches an output: the loss is the constant ½‖Y‖² and every point is a global minimum.
            let value = 0.5 * f.statistics.targetNormSquared
            record.minima = [SweepRecord.Minimum(loss: value, count: plan.settings.restarts, frequency: 1, classification: "constant",
                                                 spurious: nil, gradientNorm: 0, lambdaBeyondSymmetry: nil)]
            record.globalMinimum = value
            record.lowestIsGlobal = true
            return record
        }
        let g = effective.loss
        record.effectiveWeights = g.parameterCount
        let result = try search(g, restarts: plan.settings.restarts, seed: seed, settings: plan.settings)
        record.optimizer = result.optimizer
        record.minima = result.minima.map { m in
            SweepRecord.Minimum(loss: m.loss, count: m.count, frequency: m.frequency, classification: m.certificate.classification.rawValue,
                                spurious: m.certificate.spurious, gradientNorm: m.certificate.gradientNorm,
                                lambdaBeyondSymmetry: m.certificate.firstBeyondSymmetry)
        }
        record.certifiedMinima = result.minima.filter { $0.certificate.classification.isMinimum }.count
        record.certifiedSpurious = result.minima.filter { $0.certificate.classification == .localMinimum && $0.certificate.spurious == true }.count
        record.diverged = result.diverged
        record.escaping = result.escaping
        record.unconverged = result.unconverged
        record.globalMinimum = result.minima.first?.certificate.globalMinimum?.value
        record.lowestIsGlobal = result.minima.first?.certificate.bestKnownIsGlobal ?? false
        return record
    }

    /// A certified multi-start search with the default policy (`SearchDefaults`: L-BFGS, then the Newton polish).
    public static func search(_ f: LossFunction, restarts: Int, seed: UInt64, settings: SweepSettings) throws -> SearchResult {
        let kind = SearchDefaults.optimizer
        let search = try SearchSettings(restarts: restarts, seed: seed, optimizer: try OptimizerSettings(kind: kind),
                                        rules: try StoppingRules(maxSteps: settings.budget(for: kind), gradientTolerance: settings.tolerance),
                                        initScale: settings.initScale)
        return try MultiStartSearch.run(f, settings: search)
    }

    /// Runs the shard's masks in order, except those in `skipping` (already done: a resumed or re-run sweep),
    /// handing each record to `emit` as soon as it is done; `progress(done, total)` follows.
    public static func run(_ plan: SweepPlan, shard: SweepShard, skipping: Set<Int> = [], progress: ((Int, Int) -> Void)? = nil,
                           emit: (SweepRecord) throws -> Void) throws {
        let indices = shard.indices(total: plan.enumeration.count).filter { !skipping.contains($0) }
        for (k, i) in indices.enumerated() {
            try emit(try run(plan, index: i))
            progress?(k + 1, indices.count)
        }
    }
}
