import Foundation

/// One numerical claim of the paper, recomputed.
public struct ReproducedClaim: Codable, Sendable {
    /// The paper's section ("Theorem 5", "Table 1 row 2", …).
    public var section: String
    /// What is claimed.
    public var claim: String
    /// The value as printed in the paper.
    public var paper: String
    /// The value computed now.
    public var computed: String
    /// Whether they agree (to the printed digits, or within the stated tolerance).
    public var passed: Bool
}

/// Recomputes every numerical claim of the paper (as recovered in cases.md) with the tool's own solvers.
public enum PaperReproduction {
    /// Runs every check; `progress` receives each section name as it starts.
    public static func run(progress: ((String) -> Void)? = nil) throws -> [ReproducedClaim] {
        var out: [ReproducedClaim] = []
        progress?("Theorem 5")
        out += try theorem5()
        progress?("Appendix A")
        out += try appendixA()
        for (row, printed) in table1.enumerated() {
            progress?("Table 1 row \(row + 1)")
            out += try table1Row(row + 1, printed)
        }
        return out
    }

    static func fmt(_ x: Double, _ digits: Int = 16) -> String { String(format: "%.\(digits)g", x) }

    static func printedClaim(_ section: String, _ claim: String, _ printed: String, _ value: Double, digits: Int = 16) -> ReproducedClaim {
        let p = PrintedValue(printed)
        return ReproducedClaim(section: section, claim: claim, paper: printed, computed: fmt(value, digits), passed: p.matches(value))
    }

    // MARK: Theorem 5

    static func theorem5() throws -> [ReproducedClaim] {
        let s = "Theorem 5"
        let config = try PresetLibrary.load("theorem5")
        let f = try config.lossFunction()
        guard let spurious = config.point("spurious-minimum"), let better = config.point("paper-better") else {
            throw SparseScapeError("preset theorem5 lacks its reference points")
        }
        var out: [ReproducedClaim] = []
        let cert = try Certifier.certify(f, params: spurious, known: [KnownPoint(loss: f.loss(better), source: "paper-better", params: better)])
        out.append(ReproducedClaim(section: s, claim: "L at (1,2,2,0,1,2,3,0)", paper: "8", computed: fmt(cert.loss),
                                   passed: abs(cert.loss - 8) <= 1e-12))
        out.append(ReproducedClaim(section: s, claim: "gradient norm there", paper: "0", computed: fmt(cert.gradientNorm, 3),
                                   passed: cert.gradientNorm <= 1e-12))
        let printed = ["0", "0", "0.191640", "1.783009", "5", "6.311063", "11.216991", "21.497296"]
        for (i, (p, v)) in zip(printed, cert.hessianEigenvalues ?? []).enumerated() {
            if p == "0" {
                out.append(ReproducedClaim(section: s, claim: "Hessian eigenvalue λ\(i + 1) (rescaling symmetry)", paper: p,
                                           computed: fmt(v, 3), passed: abs(v) <= 1e-10))
            } else if p == "5" {
                out.append(ReproducedClaim(section: s, claim: "Hessian eigenvalue λ\(i + 1)", paper: p, computed: fmt(v, 10),
                                           passed: abs(v - 5) <= 1e-10))
            } else {
                out.append(printedClaim(s, "Hessian eigenvalue λ\(i + 1)", p, v, digits: 10))
            }
        }
        out.append(ReproducedClaim(section: s, claim: "certified: local minimum modulo 2 rescalings, spurious",
                                   paper: "spurious local min",
                                   computed: "\(cert.classification.rawValue), \(cert.symmetryZeroCount) symmetry zeros\(cert.spurious == true ? ", spurious" : "")",
                                   passed: cert.classification == .localMinimum && cert.symmetryZeroCount == 2 && cert.spurious == true))
        let lb = f.loss(better)
        out.append(ReproducedClaim(section: s, claim: "L at the better point (√10/5, √10, 0, 2, √10/5, √10, 0, 2)",
                                   paper: "0.18", computed: fmt(lb), passed: abs(lb - 0.18) <= 1e-12))
        // Plain gradient descent from the preset's start stalls at the spurious minimum.
        let lr = config.learningRate ?? OptimizerKind.gd.defaultLearningRate
        let run = try Trainer.train(f, start: config.start ?? [], settings: try OptimizerSettings(kind: .gd, learningRate: lr),
                                    rules: try StoppingRules(maxSteps: 200_000, gradientTolerance: 1e-10))
        let stall = try Certifier.certify(f, params: run.params, known: [KnownPoint(loss: lb, source: "paper-better", params: better)])
        out.append(ReproducedClaim(section: s, claim: "plain GD (lr \(fmt(lr, 3))) from the preset start stalls at L = 8",
                                   paper: "8", computed: "\(fmt(run.loss, 12)) after \(run.steps) steps, \(stall.classification.rawValue)",
                                   passed: abs(run.loss - 8) <= 1e-9 && stall.classification == .localMinimum && stall.spurious == true))
        return out
    }

    // MARK: Appendix A

    static func appendixA() throws -> [ReproducedClaim] {
        let s = "Appendix A"
        let config = try PresetLibrary.load("appendix-a")
        let f = try config.lossFunction()
        let kMax = 10_000
        var previous = Double.infinity, previousNorm = 0.0
        var decreasing = true, growing = true, formula = true
        var last = 0.0, lastNorm = 0.0
        for k in 1...kMax {
            let r = Double(k).squareRoot()
            let theta = [-1 / r, -r, 1, 1, 1 / r, 0, 1, 1]
            let l = f.residualLoss(theta)
            let want = 0.5 * (1 + 1 / Double(k)) * (1 + 1 / Double(k))
            if abs(l - want) > 1e-12 * want { formula = false }
            if !(l < previous) { decreasing = false }
            let norm = EuclideanNorm.of(theta)
            // ‖θ_k‖² = k + 2/k + 4: equal at k = 1, 2, then strictly increasing without bound.
            if abs(norm * norm - (Double(k) + 2 / Double(k) + 4)) > 1e-9 * norm * norm || (k > 2 && !(norm > previousNorm)) { growing = false }
            previous = l; previousNorm = norm; last = l; lastNorm = norm
        }
        var out: [ReproducedClaim] = []
        out.append(ReproducedClaim(section: s, claim: "2L(θ_k) = (1 + 1/k)² for k = 1…\(kMax)", paper: "(1 + 1/k)²",
                                   computed: formula ? "exact to 1e-12 for every k" : "mismatch", passed: formula))
        out.append(ReproducedClaim(section: s, claim: "L strictly decreasing along the path", paper: "decreasing",
                                   computed: decreasing ? "decreasing, 2L(θ_\(kMax)) = \(fmt(2 * last, 10))" : "not monotone", passed: decreasing))
        out.append(ReproducedClaim(section: s, claim: "‖θ_k‖² = k + 2/k + 4 → ∞ (no minimum is reached)", paper: "diverges",
                                   computed: growing ? "‖θ_\(kMax)‖ = \(fmt(lastNorm, 6)), increasing" : "not increasing", passed: growing && lastNorm > 99))
        let limit = 2 * last
        out.append(ReproducedClaim(section: s, claim: "limit of 2L along the path", paper: "1", computed: fmt(limit, 10),
                                   passed: abs(limit - 1) < 3e-4))
        if let g = config.point("global") {
            let l = f.residualLoss(g)
            out.append(ReproducedClaim(section: s, claim: "infimum 0 attained elsewhere (W1 = [[1,0],[−1,1],[0,1]])",
                                       paper: "0", computed: fmt(l), passed: l == 0))
        }
        return out
    }

    // MARK: Table 1

    /// Printed values per row: (global objective, its λ3, spurious objective, its λ3).
    static let table1: [(global: String, globalLambda3: String, spurious: String, spuriousLambda3: String, sweeps: Int)] = [
        ("0.5143043518476", "2.1e-1", "0.6781647585271", "1.4e-1", 600),
        ("0.5373672988360", "3.4e-1", "0.6805528480352", "1.7e-1", 600),
        ("0.4712847600704", "2.5e-1", "0.8980944246693", "1.7e-1", 1000),
    ]

    static func table1Row(_ row: Int, _ printed: (global: String, globalLambda3: String, spurious: String, spuriousLambda3: String, sweeps: Int)) throws -> [ReproducedClaim] {
        let s = "Table 1 row \(row)"
        let config = try PresetLibrary.load("table1-row\(row)")
        let f = try config.lossFunction()
        let settings = try SearchSettings(restarts: 24, seed: 2021, optimizer: try OptimizerSettings(kind: .bcd),
                                          rules: try StoppingRules(maxSteps: printed.sweeps, gradientTolerance: 0))
        let result = try MultiStartSearch.run(f, settings: settings)
        let minima = result.minima.filter { $0.certificate.classification.isMinimum }
        var out: [ReproducedClaim] = []
        out.append(ReproducedClaim(section: s, claim: "Algorithm 1 (\(printed.sweeps) sweeps, 24 starts) finds two local minima",
                                   paper: "2", computed: "\(minima.count) (basins \(minima.map { "\($0.count)" }.joined(separator: "/")))",
                                   passed: minima.count == 2))
        for (label, value, lambda, isGlobal) in [("global", printed.global, printed.globalLambda3, true),
                                                 ("spurious", printed.spurious, printed.spuriousLambda3, false)] {
            let target = PrintedValue(value)
            guard let m = minima.min(by: { abs($0.loss - target.value) < abs($1.loss - target.value) }) else {
                out.append(ReproducedClaim(section: s, claim: "objective (\(label))", paper: value, computed: "not found", passed: false))
                continue
            }
            // The printed spectrum is at Algorithm 1's representative (unit outgoing weights), not the balanced one the
            // Newton polish ends at: the Hessian spectrum depends on the point of the rescaling orbit.
            let paperPoint = NodeBalancing(f.architecture).unitOutgoing(m.params)
            let c = try Certifier.certify(f, params: paperPoint, known: minima.map { KnownPoint(loss: $0.loss, source: "search", params: $0.params) })
            out.append(printedClaim(s, "objective L (\(label) minimum)", value, m.loss))
            let ev = c.hessianEigenvalues ?? []
            out.append(ReproducedClaim(section: s, claim: "λ1, λ2 ≈ 0 (\(label))", paper: "0 ~ 1e-14",
                                       computed: "\(fmt(ev[0], 2)), \(fmt(ev[1], 2))", passed: abs(ev[0]) < 1e-13 && abs(ev[1]) < 1e-13))
            out.append(printedClaim(s, "λ3 (\(label))", lambda, ev[2], digits: 4))
            out.append(ReproducedClaim(section: s, claim: "‖∇L‖ (\(label))", paper: "< 1e-14", computed: fmt(c.gradientNorm, 2),
                                       passed: c.gradientNorm < 1e-14))
            // The paper calls the lower minimum global from its own multi-start; no closed form proves it here (d_y = 2,
            // sparse), so the claim checked is that it is the lowest found and not certified spurious.
            let verdict = isGlobal ? (c.spurious != true && m.loss == minima.first!.loss) : (c.spurious == true)
            out.append(ReproducedClaim(section: s, claim: isGlobal ? "lowest minimum found (the paper's global)" : "certified spurious",
                                       paper: isGlobal ? "global" : "spurious",
                                       computed: c.spurious == true ? "spurious" : (isGlobal && verdict ? "lowest found" : "not lowest"),
                                       passed: verdict))
        }
        return out
    }
}
