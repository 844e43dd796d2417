import Foundation

/// Checks sweep records against the sweep they claim to belong to, so that `sweep-merge` never sums records that
/// contradict themselves or their sweep.
///
/// Every record is checked, in input order, and the first bad one is named by its file and line:
/// - the same sweep as the first record: sweep id, network, widths, enumeration, total, restarts and the recorded
///   settings (seed, steps, tolerance, initial scale) all equal — a record edited to claim 99 restarts is refused;
/// - the plan: the sweep's masks are rebuilt from the widths (every mask up to hidden-node permutations, or the
///   seeded sample), and the record's index must carry exactly that mask, with that canonical code and orbit size
///   (index 20 carrying mask 26, or an orbit size of 100000, is refused), and the search seed of that index;
/// - its own numbers: free weights = the ones of the mask, 0 ≤ effective weights ≤ free weights, the verdict is a
///   theory class and `benign` is that class's (a "dense" mask is benign), every count ≥ 0 and each end point's
///   count ≥ 1 with frequency = count / restarts, the end points' counts and the failed runs add up to the
///   restarts, certified minima and certified spurious minima are those of the end points listed, lowest loss
///   first, losses finite and not below zero beyond rounding (10⁻⁹ of the largest).
public struct SweepRecordCheck {
    /// The first record seen, and where it was.
    private var first: (record: SweepRecord, location: String)?
    /// The exact enumeration of the sweep's widths, built once.
    private var exact: MaskEnumeration?
    /// The sample enumeration, built once.
    private var sampled: MaskEnumeration?
    /// The index flagged as the config's own mask, and where.
    private var configMask: (index: Int, location: String)?

    /// A check for one merge.
    public init() {}

    /// Throws "LOCATION: …" when `r` contradicts itself, its sweep (the first record checked) or the sweep's plan.
    public mutating func check(_ r: SweepRecord, at location: String) throws {
        func bad(_ why: String) -> SparseScapeError {
            SparseScapeError("\(location): mask \(r.index): the record \(why); not a line this sweep wrote (re-run the mask)")
        }
        guard let (f, where0) = first else {
            try checkAlone(r, bad)
            first = (r, location)
            try checkPlan(r, bad)
            try checkConfigMask(r, at: location)
            return
        }
        guard r.sweepId == f.sweepId else {
            throw SparseScapeError("\(location): mask \(r.index) comes from a different sweep (\(SafeText.quoted(r.sweepId)), "
                                   + "expected \(SafeText.quoted(f.sweepId)): another config, seed, restart count or tool version)")
        }
        let same: [(String, Bool)] = [
            ("network", r.network == f.network), ("widths", r.widths == f.widths), ("enumeration", r.enumeration == f.enumeration),
            ("total", r.total == f.total), ("restarts", r.restarts == f.restarts), ("sweepSeed", r.sweepSeed == f.sweepSeed),
            ("steps", r.steps == f.steps), ("tolerance", r.tolerance == f.tolerance), ("initScale", r.initScale == f.initScale),
        ]
        if let (field, _) = same.first(where: { !$0.1 }) {
            let value: String
            switch field {
            case "network": value = SafeText.quoted(r.network)
            case "widths": value = SafeText.list(r.widths)
            case "enumeration": value = SafeText.quoted(r.enumeration)
            case "total": value = "\(r.total)"
            case "restarts": value = "\(r.restarts)"
            default: value = "a different value"
            }
            throw bad("says \(field) \(value), unlike \(where0) of the same sweep id")
        }
        try checkAlone(r, bad)
        try checkPlan(r, bad)
        try checkConfigMask(r, at: location)
    }

    /// The record's own numbers.
    private func checkAlone(_ r: SweepRecord, _ bad: (String) -> SparseScapeError) throws {
        guard r.total >= 1 else { throw bad("says the sweep has \(r.total) masks") }
        guard r.index >= 0, r.index < r.total else { throw bad("has an index outside the sweep's \(r.total) masks") }
        guard r.restarts >= 1, r.restarts <= 1_000_000 else { throw bad("says \(r.restarts) restarts") }
        guard r.enumeration == "exact" || r.enumeration == "sample" else { throw bad("has the enumeration \(SafeText.quoted(r.enumeration)) (exact or sample)") }
        guard r.widths.count >= 2, r.widths.allSatisfy({ $0 >= 1 && $0 <= 1_000_000 }) else { throw bad("has invalid widths \(SafeText.list(r.widths))") }
        guard r.mask.count == r.widths.count - 1 else { throw bad("has \(r.mask.count) mask layers for widths \(SafeText.list(r.widths))") }
        var ones = 0
        for (l, layer) in r.mask.enumerated() {
            guard layer.count == r.widths[l], layer.allSatisfy({ $0.count == r.widths[l + 1] }) else {
                throw bad("has a layer-\(l + 1) mask that is not \(r.widths[l])×\(r.widths[l + 1])")
            }
            for row in layer {
                for v in row {
                    guard v == 0 || v == 1 else { throw bad("has a mask entry \(v) (0 or 1)") }
                    ones += v
                }
            }
        }
        guard r.freeWeights == ones else { throw bad("says \(r.freeWeights) free weights but its mask keeps \(ones)") }
        guard r.effectiveWeights >= 0, r.effectiveWeights <= r.freeWeights else {
            throw bad("says \(r.effectiveWeights) effective weights (0 to its \(r.freeWeights) free weights)")
        }
        guard let verdict = TheoryAssessment.Verdict(rawValue: r.verdict) else { throw bad("has the verdict \(SafeText.quoted(r.verdict)), not a theory class") }
        guard r.benign == verdict.isBenign else {
            throw bad("says benign \(r.benign) for the verdict \(r.verdict), which is \(verdict.isBenign ? "benign" : "not benign")")
        }
        for (name, v) in [("diverged", r.diverged), ("escaping", r.escaping), ("unconverged", r.unconverged),
                          ("certifiedMinima", r.certifiedMinima), ("certifiedSpurious", r.certifiedSpurious)] where v < 0 {
            throw bad("says \(name) \(v)")
        }
        var reached = 0
        var previous = -Double.infinity
        // A loss is a sum of squares, but an exact fit's can round to just below zero (−8.9e-16 at table1-row1's
        // masks): a shortfall within 10⁻⁹ of the record's largest loss (or of 1) is rounding, not a forged value.
        let rounding = 1e-9 * max(1, r.minima.map { $0.loss.isFinite ? abs($0.loss) : 0 }.max() ?? 0)
        for (k, m) in r.minima.enumerated() {
            guard m.count >= 1, m.count <= r.restarts else { throw bad("says end point \(k + 1) was reached by \(m.count) of \(r.restarts) starts") }
            guard abs(m.frequency - Double(m.count) / Double(r.restarts)) <= 1e-12 else {
                throw bad("gives end point \(k + 1) the frequency \(m.frequency), not its count / restarts")
            }
            guard Classification(rawValue: m.classification) != nil || m.classification == "constant" else { throw bad("classifies end point \(k + 1) as \(SafeText.quoted(m.classification))") }
            guard m.loss.isFinite, m.loss >= -rounding, m.gradientNorm.isFinite, m.gradientNorm >= 0 else {
                throw bad("gives end point \(k + 1) a loss or gradient norm that is negative or not finite")
            }
            guard m.loss >= previous else { throw bad("does not list its end points lowest loss first") }
            previous = m.loss
            reached += m.count
        }
        let runs = reached + r.diverged + r.escaping + r.unconverged
        guard runs == r.restarts else {
            throw bad("accounts for \(runs) runs (end points, diverged, escaping, unconverged) of its \(r.restarts) restarts")
        }
        let minima = r.minima.filter { Classification(rawValue: $0.classification)?.isMinimum == true }.count
        let spurious = r.minima.filter { $0.classification == Classification.localMinimum.rawValue && $0.spurious == true }.count
        guard r.certifiedMinima == minima, r.certifiedSpurious == spurious else {
            throw bad("says \(r.certifiedMinima) certified minima and \(r.certifiedSpurious) spurious, but lists \(minima) and \(spurious)")
        }
    }

    /// The record against the sweep's plan: its index's mask, code, orbit size and search seed.
    private mutating func checkPlan(_ r: SweepRecord, _ bad: (String) -> SparseScapeError) throws {
        let masks = r.mask.map { layer in layer.flatMap { $0.map { $0 == 1 } } }
        if let seed = r.sweepSeed {
            let expected = (try? SweepSettings(restarts: 1, seed: seed))?.searchSeed(forMask: r.index)
            guard r.searchSeed == expected else { throw bad("has the search seed \(r.searchSeed), not that of index \(r.index) in a sweep of seed \(seed)") }
        }
        if r.enumeration == "exact" {
            if exact == nil {
                do { exact = try MaskEnumeration.exact(widths: r.widths) } catch let e as SparseScapeError {
                    throw bad("cannot be of an exact sweep: \(e.message)")
                }
            }
            let e = exact!
            guard r.total == e.count else {
                throw bad("says the sweep has \(r.total) masks, but widths \(SafeText.list(r.widths)) have \(e.count) up to hidden-node permutations")
            }
            guard e.masks(at: r.index) == masks else {
                let actual = e.index(of: masks).map { "the mask of index \($0)" } ?? "a mask of no index"
                throw bad("carries \(actual) of this sweep, not its own")
            }
            guard r.code == e.code(at: r.index) else { throw bad("has the code \(SafeText.quoted(r.code ?? "none")), not \(e.code(at: r.index) ?? "none")") }
            guard r.orbitSize == e.orbitSize(at: r.index) else {
                throw bad("says its orbit holds \(r.orbitSize.map(String.init) ?? "no") masks, not \(e.orbitSize(at: r.index).map(String.init) ?? "none")")
            }
        } else {
            guard r.code == nil, r.orbitSize == nil else { throw bad("of a sampled sweep has a code or an orbit size") }
            guard r.total <= MaskEnumeration.sampleLimit else { throw bad("says the sample has \(r.total) masks (at most \(MaskEnumeration.sampleLimit))") }
            if let seed = r.sweepSeed {
                if sampled == nil { sampled = try? MaskEnumeration.sample(widths: r.widths, count: r.total, seed: seed) }
                guard let s = sampled else { throw bad("cannot be of a sampled sweep of widths \(SafeText.list(r.widths))") }
                guard s.masks(at: r.index) == masks else { throw bad("carries a mask that is not the sample's mask \(r.index)") }
            }
        }
    }

    /// At most one index is the config's own mask.
    private mutating func checkConfigMask(_ r: SweepRecord, at location: String) throws {
        guard r.configMask else { return }
        if let (index, other) = configMask, index != r.index {
            throw SparseScapeError("\(location): mask \(r.index): the record says it is the config's own mask, as mask \(index) does (\(other)); "
                                   + "not a line this sweep wrote (re-run the mask)")
        }
        configMask = (r.index, location)
    }
}

extension TheoryAssessment.Verdict {
    /// True for the classes in which theory guarantees that every local minimum is global (`TheoryAssessment`).
    public var isBenign: Bool {
        switch self {
        case .dense, .scalarOutput, .disjointOrthogonal, .constant: return true
        case .lowRankCoupling, .subNetwork: return false
        }
    }
}
