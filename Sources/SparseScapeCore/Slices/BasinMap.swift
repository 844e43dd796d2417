/// Basins of attraction on a plane: descent from every grid point, end points grouped as the search groups them,
/// each basin certified once.
///
/// Grid point (i, j) starts at θ = center + αᵢ·d₁ + β_j·d₂ and runs the optimizer under the search's stopping rules
/// (gradient tolerance 10⁻¹⁰, stopped early when ‖θ‖ passes 4× the escape scale), then, with `polish`, the search's
/// finish (`RunFinisher`: Newton polish, the escape test, the valley probe). Critical end points with the same
/// end-to-end product W₁⋯W_L and loss (within `ProblemScale`'s margins) are one basin, certified once with `known`
/// and the other basins' points as the known points (so a minimum is spurious when another basin on the plane is
/// lower); escaping runs are grouped by valley limit. The runs are spread over every core (`ParallelJobs`), each
/// deterministic, and grouped in grid order afterwards, so the labels never depend on thread timing.
public enum BasinMap {
    /// Computes the basin map; `progress(done, total)` is called from worker threads after each grid point, and
    /// `shouldStop` is polled before every grid point and every 64 steps of every run (the map then throws
    /// "cancelled" once the runs in progress have stopped).
    public static func compute(_ f: LossFunction, center: [Double], d1: [Double], d2: [Double], alphas: [Double],
                               betas: [Double], settings: BasinSettings, known: [KnownPoint] = [],
                               progress: (@Sendable (Int, Int) -> Void)? = nil,
                               shouldStop: (@Sendable () -> Bool)? = nil) throws -> BasinGrid {
        let p = f.parameterCount
        guard center.count == p, d1.count == p, d2.count == p else {
            throw SparseScapeError("the center and directions must have \(p) values (the network's free weights), got \(center.count), \(d1.count) and \(d2.count)")
        }
        guard !alphas.isEmpty, !betas.isEmpty else { throw SparseScapeError("a basin map needs at least one α and one β") }
        guard (center + d1 + d2 + alphas + betas).allSatisfy({ $0.isFinite }) else {
            throw SparseScapeError("the center, directions and grid of a basin map must be finite")
        }
        guard settings.maxSteps >= 0 else { throw SparseScapeError("the step budget must be zero or positive, got \(settings.maxSteps)") }
        let judge = try RunJudge(f)
        let problem = ProblemScale(f)
        let stopRules = judge.bounded(try StoppingRules(maxSteps: settings.maxSteps, gradientTolerance: 0))
        let nb = betas.count, total = alphas.count * nb
        let cancelled = SparseScapeError("cancelled")

        let ends = try ParallelJobs.run(count: total, progress: progress, shouldStop: shouldStop) { k in
            let a = alphas[k / nb], b = betas[k % nb]
            let start = (0..<p).map { center[$0] + a * d1[$0] + b * d2[$0] }
            let r = try Trainer.train(f, start: start, settings: settings.optimizer, rules: stopRules, shouldStop: shouldStop)
            if r.stopReason == .cancelled { throw cancelled }
            if let shouldStop, shouldStop() { throw cancelled }
            return settings.polish
                ? RunFinisher.finish(f, restart: k, result: r, judge: judge, shouldStop: shouldStop)
                : judgeUnpolished(f, index: k, result: r, judge: judge)
        }

        // Critical end points: one group per end-to-end product and loss (the search's equivalence), in grid order.
        var groups: [(rep: Int, product: Matrix, members: [Int])] = []
        for k in 0..<total where ends[k].run.outcome == .critical {
            let product = f.endToEnd(ends[k].params)
            let loss = ends[k].run.loss
            if let g = groups.firstIndex(where: { problem.sameProduct($0.product, product)
                && abs(ends[$0.rep].run.loss - loss) <= problem.lossMargin(1e-6, at: loss) }) {
                groups[g].members.append(k)
                if ends[k].run.gradientNorm < ends[groups[g].rep].run.gradientNorm { groups[g].rep = k }
            } else {
                groups.append((k, product, [k]))
            }
        }
        if let shouldStop, shouldStop() { throw cancelled }
        let knownAll = known + groups.map {
            KnownPoint(loss: ends[$0.rep].run.loss, source: "basin of grid point \($0.members[0])", params: ends[$0.rep].params)
        }
        let reps = groups.map { ends[$0.rep].params }
        let certificates = try ParallelJobs.run(count: reps.count) { g in
            try Certifier.certify(f, params: reps[g], known: knownAll)
        }

        // Valleys at infinity: escaping runs grouped by limit (sorted, neighbours within 10⁻⁴ relative), as the search.
        var valleys: [(limit: Double, lowest: Int, members: [Int])] = []
        let escapes = (0..<total).filter { ends[$0].run.outcome == .escaping }
            .map { (limit: ends[$0].run.valleyLimit ?? ends[$0].run.loss, index: $0) }
            .sorted { ($0.limit, $0.index) < ($1.limit, $1.index) }
        for e in escapes {
            if let v = valleys.indices.last, abs(valleys[v].limit - e.limit) <= 1e-4 * max(1, abs(e.limit)) {
                valleys[v].members.append(e.index)
                if ends[e.index].run.loss < ends[valleys[v].lowest].run.loss { valleys[v].lowest = e.index }
            } else {
                valleys.append((e.limit, e.index, [e.index]))
            }
        }

        // The basins in their order: minima by loss, saddles by loss, valleys by limit, unconverged, diverged.
        var basins: [Basin] = []
        var members: [[Int]] = []
        let critical = groups.indices.sorted { a, b in
            let ma = certificates[a].classification.isMinimum, mb = certificates[b].classification.isMinimum
            if ma != mb { return ma }
            return (certificates[a].loss, groups[a].members[0]) < (certificates[b].loss, groups[b].members[0])
        }
        for g in critical {
            let c = certificates[g]
            basins.append(Basin(id: basins.count, kind: c.classification.isMinimum ? .minimum : .saddle, loss: c.loss,
                                classification: c.classification, spurious: c.spurious, valleyLimit: nil,
                                count: groups[g].members.count, representative: reps[g]))
            members.append(groups[g].members)
        }
        for v in valleys {
            basins.append(Basin(id: basins.count, kind: .valley, loss: ends[v.lowest].run.loss, classification: nil,
                                spurious: nil, valleyLimit: v.limit, count: v.members.count, representative: ends[v.lowest].params))
            members.append(v.members)
        }
        for (outcome, kind) in [(RunOutcome.unconverged, BasinKind.unconverged), (.diverged, .diverged)] {
            let m = (0..<total).filter { ends[$0].run.outcome == outcome }
            if m.isEmpty { continue }
            basins.append(Basin(id: basins.count, kind: kind, loss: nil, classification: nil, spurious: nil,
                                valleyLimit: nil, count: m.count, representative: nil))
            members.append(m)
        }
        var labels = [Int](repeating: -1, count: total)
        for (id, m) in members.enumerated() { for k in m { labels[k] = id } }
        precondition(!labels.contains(-1), "every grid point belongs to a basin")
        return BasinGrid(alphas: alphas, betas: betas, labels: labels, basins: basins)
    }

    /// A run judged without the Newton polish: diverged, critical (its relative gradient within the judge's
    /// tolerance) or unconverged (a valley needs the continuation, which belongs to the polish).
    static func judgeUnpolished(_ f: LossFunction, index: Int, result r: TrainingResult,
                                judge: RunJudge) -> (run: SearchRun, params: [Double]) {
        let relative = NumericalResolution.relativeGradient(f, at: r.params)
        var run = SearchRun(restart: index, outcome: .unconverged, loss: r.loss, gradientNorm: r.gradientNorm,
                            relativeGradient: relative, parameterNorm: r.parameterNorm, steps: r.steps,
                            stopReason: r.stopReason, polishIterations: 0, continuationSteps: 0,
                            reason: "", point: nil, valley: nil, valleyLimit: nil)
        if r.stopReason == .diverged {
            run.outcome = .diverged
            run.reason = "the loss became non-finite or exploded after \(r.steps) steps"
        } else if relative <= judge.criticalTolerance {
            run.outcome = .critical
            run.reason = "relative gradient \(NumberFormat.g(relative, 2)) after \(r.steps) \(r.stopReason.rawValue) steps (no polish)"
        } else {
            run.reason = "relative gradient \(NumberFormat.g(relative, 3)) after \(r.steps) steps (\(r.stopReason.rawValue)), no polish"
        }
        return (run, r.params)
    }
}
