import Foundation

/// Tests the paper's theorems on random networks: benign classes must never show a certified spurious minimum,
/// non-benign classes show them at some rate.
///
/// Each trial draws a small random network of the class (mask and data from the trial's own seeded stream,
/// redrawn until `TheoryAssessment` puts it in the class), runs a certified multi-start search on its effective
/// network (L-BFGS, then the Newton polish: `SearchDefaults`) and counts certified spurious
/// local minima.
public enum TheoremVerification {
    /// A class of networks.
    public struct NetworkClass: Sendable {
        /// Short name.
        public var name: String
        /// The verdict every network of the class gets.
        public var verdict: TheoryAssessment.Verdict
        /// The theorem it illustrates.
        public var theorem: String
        /// Widths used in turn.
        public var widths: [[Int]]
        /// Draws a candidate network's masks and data for variant `variant` (trial mod the number of widths).
        var draw: @Sendable (_ variant: Int, _ widths: [Int], _ g: inout SeededGenerator) throws -> (masks: [[Bool]], x: Matrix, y: Matrix)
    }

    /// One class's outcome.
    public struct ClassResult: Codable, Sendable, Equatable {
        /// The class name.
        public var name: String
        /// The verdict of its networks.
        public var verdict: String
        /// True when theory says every local minimum is global.
        public var benign: Bool
        /// The theorem.
        public var theorem: String
        /// Widths used.
        public var widths: [[Int]]
        /// Networks tried.
        public var trials: Int
        /// Networks with at least one certified spurious local minimum.
        public var withSpurious: Int
        /// withSpurious / trials.
        public var rate: Double
        /// Mean number of distinct end points.
        public var meanMinima: Double
        /// Networks with a point the certificate could not decide (degenerate).
        public var withDegenerate: Int
        /// Optimizers used (sorted).
        public var optimizers: [String]
        /// The trials (0-based) with a certified spurious minimum.
        public var spuriousTrials: [Int]
    }

    /// The whole report.
    public struct Report: Codable, Sendable, Equatable {
        /// Trials per class.
        public var trials: Int
        /// The seed.
        public var seed: UInt64
        /// Random starts per network.
        public var restarts: Int
        /// Per class.
        public var classes: [ClassResult]
        /// Benign-class networks with a certified spurious minimum (theorem violations: bugs).
        public var violations: Int
    }

    /// The classes: scalar output and disjoint orthogonal supports (benign); d_y = 2 with overlapping supports
    /// and d_y ≥ 3 with a sparse second layer (not benign), each once with random masks and Gaussian data and once
    /// near the paper's examples (its mask, its data with 5% Gaussian noise): spurious minima are rare in the
    /// first and robust in the second.
    public static let classes: [NetworkClass] = [
        NetworkClass(name: "scalar output", verdict: .scalarOutput, theorem: "Theorems 1/6",
                     widths: [[4, 3, 1], [3, 2, 2, 1]]) { _, w, g in
            (randomMasks(w, keep: 0.6, denseAfterFirst: false, g: &g), gaussian(8, w[0], &g), gaussian(8, 1, &g))
        },
        NetworkClass(name: "disjoint orthogonal", verdict: .disjointOrthogonal, theorem: "Theorems 2/7",
                     widths: [[4, 2, 2], [5, 3, 2], [4, 2, 3]]) { _, w, g in
            let (masks, blocks) = disjointMasks(w, g: &g)
            return (masks, blockOrthogonalData(8, w[0], blocks: blocks, g: &g), gaussian(8, w.last!, &g))
        },
        NetworkClass(name: "d_y = 2, random", verdict: .lowRankCoupling, theorem: "Table 1",
                     widths: [[4, 2, 2], [5, 3, 2]]) { _, w, g in
            (randomMasks(w, keep: 0.6, denseAfterFirst: true, g: &g), gaussian(8, w[0], &g), gaussian(8, w.last!, &g))
        },
        NetworkClass(name: "d_y = 2, near Table 1", verdict: .lowRankCoupling, theorem: "Table 1",
                     widths: [[4, 2, 2], [4, 2, 2], [5, 2, 2]]) { variant, _, g in
            try nearPreset(["table1-row1", "table1-row2", "table1-row3"][variant], g: &g)
        },
        NetworkClass(name: "d_y = 3, random", verdict: .subNetwork, theorem: "Theorem 5",
                     widths: [[4, 2, 3], [3, 2, 3]]) { _, w, g in
            (randomMasks(w, keep: 0.6, denseAfterFirst: false, g: &g), gaussian(8, w[0], &g), gaussian(8, w.last!, &g))
        },
        NetworkClass(name: "d_y = 3, near Theorem 5", verdict: .subNetwork, theorem: "Theorem 5",
                     widths: [[3, 2, 3]]) { _, _, g in
            try nearPreset("theorem5", g: &g)
        },
    ]

    /// A preset's mask and its data with Gaussian noise of 5% of each matrix's root-mean-square entry.
    static func nearPreset(_ name: String, g: inout SeededGenerator) throws -> (masks: [[Bool]], x: Matrix, y: Matrix) {
        let c = try PresetLibrary.load(name)
        func noisy(_ m: Matrix) -> Matrix {
            let rms = (m.data.reduce(0) { $0 + $1 * $1 } / Double(max(1, m.data.count))).squareRoot()
            var out = m
            for i in out.data.indices { out.data[i] += 0.05 * rms * g.gaussian() }
            return out
        }
        return (c.architecture.masks, noisy(c.dataset.x), noisy(c.dataset.y))
    }

    /// Runs `trials` networks per class; `progress(done, total)` after each network.
    public static func run(trials: Int, seed: UInt64, restarts: Int = 24, progress: ((Int, Int) -> Void)? = nil) throws -> Report {
        guard trials >= 1, trials <= 100_000 else { throw SparseScapeError(.trials, "must be between 1 and 100000, got \(trials)") }
        guard restarts >= 1, restarts <= 100_000 else { throw SparseScapeError(.restarts, "must be between 1 and 100000, got \(restarts)") }
        let settings = try SweepSettings(restarts: restarts, seed: seed)
        var results: [ClassResult] = []
        var done = 0
        for (c, cls) in classes.enumerated() {
            var spurious: [Int] = [], minima = 0, degenerate = 0, optimizers = Set<String>()
            for t in 0..<trials {
                let variant = t % cls.widths.count
                var g = SeededGenerator(seed: seed, stream: c * 1_000_003 + t)
                let f = try drawNetwork(cls, variant: variant, g: &g)
                guard let effective = try EffectiveNetwork(f) else { throw SparseScapeError("internal: a drawn network has no path") }
                let r = try SweepRunner.search(effective.loss, restarts: restarts, seed: g.next() >> 11, settings: settings)
                optimizers.insert(r.optimizer)
                minima += r.minima.count
                if r.minima.contains(where: { $0.certificate.classification == .degenerate }) { degenerate += 1 }
                if r.minima.contains(where: { $0.certificate.classification == .localMinimum && $0.certificate.spurious == true }) {
                    spurious.append(t)
                }
                done += 1
                progress?(done, trials * classes.count)
            }
            let benign = [TheoryAssessment.Verdict.scalarOutput, .disjointOrthogonal, .dense, .constant].contains(cls.verdict)
            results.append(ClassResult(name: cls.name, verdict: cls.verdict.rawValue, benign: benign, theorem: cls.theorem,
                                       widths: cls.widths, trials: trials, withSpurious: spurious.count,
                                       rate: Double(spurious.count) / Double(trials), meanMinima: Double(minima) / Double(trials),
                                       withDegenerate: degenerate, optimizers: optimizers.sorted(), spuriousTrials: spurious))
        }
        return Report(trials: trials, seed: seed, restarts: restarts, classes: results,
                      violations: results.filter(\.benign).reduce(0) { $0 + $1.withSpurious })
    }

    /// Draws networks of the class until one gets the class's verdict.
    static func drawNetwork(_ cls: NetworkClass, variant: Int, g: inout SeededGenerator) throws -> LossFunction {
        let widths = cls.widths[variant]
        for _ in 0..<1000 {
            let (masks, x, y) = try cls.draw(variant, widths, &g)
            let f = try LossFunction(architecture: try NetworkArchitecture(widths: widths, masks: masks), dataset: try Dataset(x: x, y: y))
            if try TheoryAssessment.assess(f).verdict == cls.verdict { return f }
        }
        throw SparseScapeError("internal: could not draw a network of class '\(cls.name)' with widths \(widths)")
    }

    /// Each weight kept with probability `keep`; later layers dense when asked.
    static func randomMasks(_ w: [Int], keep: Double, denseAfterFirst: Bool, g: inout SeededGenerator) -> [[Bool]] {
        (0..<(w.count - 1)).map { l in
            (0..<(w[l] * w[l + 1])).map { _ in (denseAfterFirst && l > 0) || g.uniform() < keep }
        }
    }

    /// A first layer where each input feeds at most one hidden node, dense later layers; and the blocks.
    static func disjointMasks(_ w: [Int], g: inout SeededGenerator) -> (masks: [[Bool]], blocks: [[Int]]) {
        let h = w[1]
        var first = [Bool](repeating: false, count: w[0] * h)
        var blocks = [[Int]](repeating: [], count: h)
        var unused: [[Int]] = []
        for i in 0..<w[0] {
            let j = Int(g.next() % UInt64(h + 1))
            if j == h { unused.append([i]); continue }
            first[i * h + j] = true
            blocks[j].append(i)
        }
        let later = (1..<(w.count - 1)).map { l in [Bool](repeating: true, count: w[l] * w[l + 1]) }
        return ([first] + later, blocks.filter { !$0.isEmpty } + unused)
    }

    /// n × d data whose column blocks are mutually orthogonal: X = Q·B with Q orthonormal, B block-diagonal.
    static func blockOrthogonalData(_ n: Int, _ d: Int, blocks: [[Int]], g: inout SeededGenerator) -> Matrix {
        var q = gaussian(n, d, &g)
        for j in 0..<d {  // modified Gram–Schmidt on the columns
            for k in 0..<j {
                var dot = 0.0
                for i in 0..<n { dot += q[i, j] * q[i, k] }
                for i in 0..<n { q[i, j] -= dot * q[i, k] }
            }
            var norm = 0.0
            for i in 0..<n { norm += q[i, j] * q[i, j] }
            norm = norm.squareRoot()
            for i in 0..<n { q[i, j] /= norm }
        }
        var x = Matrix(rows: n, cols: d)
        for block in blocks {
            for out in block {
                for src in block {
                    let coefficient = g.gaussian() + (src == out ? 1.5 : 0)
                    for i in 0..<n { x[i, out] += q[i, src] * coefficient }
                }
            }
        }
        return x
    }

    /// An n × d matrix of standard normal entries.
    static func gaussian(_ n: Int, _ d: Int, _ g: inout SeededGenerator) -> Matrix {
        Matrix(rows: n, cols: d, data: g.gaussianVector(n * d))
    }

    /// The per-class table for people.
    public static func text(_ r: Report) -> String {
        typealias N = NumberFormat
        var lines = ["verify-theorems: \(r.trials) random networks per class, \(r.restarts) random starts each, seed \(r.seed)"]
        lines.append(N.pad("class", 25) + N.pad("theory", 22) + N.pad("widths", 30) + N.pad("trials", 8)
                     + N.pad("with spurious", 15) + N.pad("rate", 9) + N.pad("mean minima", 13) + "degenerate")
        for c in r.classes {
            lines.append(N.pad(c.name, 25) + N.pad((c.benign ? "benign, " : "") + c.theorem, 22)
                         + N.pad(c.widths.reduce(into: [[Int]]()) { if !$0.contains($1) { $0.append($1) } }.map { "\($0)" }.joined(separator: " "), 30) + N.pad("\(c.trials)", 8)
                         + N.pad("\(c.withSpurious)", 15) + N.pad(N.g(100 * c.rate, 3) + "%", 9)
                         + N.pad(String(format: "%.2f", c.meanMinima), 13) + "\(c.withDegenerate)")
        }
        lines.append("")
        lines.append(r.violations == 0
                     ? "PASS: no network of a benign class has a certified spurious minimum"
                     : "FAIL: \(r.violations) networks of benign classes have a certified spurious minimum (a theorem violation: a bug)")
        return lines.joined(separator: "\n")
    }
}
