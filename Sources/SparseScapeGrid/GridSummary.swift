import Foundation
import SparseScapeCore

/// A grid's results in one table: per cell (network, method, sparsity level) the loss and the gap to the dense
/// optimum across seeds (mean, standard deviation, min, max) and the count of every certified verdict; and the tasks
/// still missing or failed (`sparsescape grid-merge`).
public struct GridSummary: Encodable, Sendable {
    /// Statistics of one quantity across the seeds of a cell (finite values only).
    public struct Stats: Encodable, Sendable, Equatable {
        /// Values.
        public var count: Int
        public var mean: Double
        /// Sample standard deviation (n − 1; 0 for one value).
        public var sd: Double
        public var min: Double
        public var max: Double

        /// The statistics of `values`, nil when empty.
        public init?(_ values: [Double]) {
            guard !values.isEmpty else { return nil }
            count = values.count
            mean = values.reduce(0, +) / Double(count)
            let m = mean
            sd = count > 1 ? (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(count - 1)).squareRoot() : 0
            min = values.min()!
            max = values.max()!
        }
    }

    /// One cell: a network, a method and a level (0: unpruned; one-shot 1: the target sparsity; imp k: round k).
    public struct Cell: Encodable, Sendable {
        public var network: String
        public var method: PruningMethod
        public var level: Int
        /// One-shot methods: the target sparsity (0 at level 0); nil for imp's pruned levels.
        public var targetSparsity: Double?
        /// The mean sparsity reached (weights are whole).
        public var sparsity: Double
        /// Seeds (records) in the cell.
        public var seeds: Int
        /// The loss where training ended (nil when every run diverged).
        public var loss: Stats?
        /// The loss minus the dense optimum.
        public var gap: Stats?
        /// Count of each verdict, in `GridSummary.verdictOrder`.
        public var verdicts: [Int]
        /// Runs that reached a certified minimum that is global or the best known for the mask.
        public var certifiedMinima: Int

        enum CodingKeys: String, CodingKey { case network, method, level, targetSparsity, sparsity, seeds, loss, gap, verdicts, certifiedMinima }

        /// Encodes with explicit nulls and the verdicts as an object (name → count).
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(network, forKey: .network)
            try c.encode(method, forKey: .method)
            try c.encode(level, forKey: .level)
            try c.encode(targetSparsity, forKey: .targetSparsity)
            try c.encode(sparsity, forKey: .sparsity)
            try c.encode(seeds, forKey: .seeds)
            try c.encode(loss, forKey: .loss)
            try c.encode(gap, forKey: .gap)
            try c.encode(Dictionary(uniqueKeysWithValues: zip(GridSummary.verdictOrder.map(\.rawValue), verdicts)), forKey: .verdicts)
            try c.encode(certifiedMinima, forKey: .certifiedMinima)
        }
    }

    /// The verdicts in the table's column order.
    public static let verdictOrder: [PruneVerdict] = [.global, .globalValue, .bestKnown, .spurious, .saddle, .degenerate, .notCritical, .escaping, .failed]
    /// The verdicts that count as a certified minimum reached.
    public static let certified: Set<PruneVerdict> = [.global, .globalValue, .bestKnown]

    /// The plan's name and identity.
    public var name: String
    public var grid: String
    /// Tasks in the plan, done, failed, missing.
    public var tasks: Int
    public var done: Int
    public var failed: [GridFailure]
    public var missing: [Int]
    /// The seeds of the plan.
    public var seedCount: Int
    /// Each network's dense optimum, by name (from the records).
    public var denseOptima: [String: Double]
    /// The cells, by network, method (the plan's order) and sparsity.
    public var cells: [Cell]

    /// The summary of the tasks' statuses (in task order).
    public init(plan: GridPlan, statuses: [GridResults.Status]) {
        name = plan.name
        grid = plan.gridId
        tasks = plan.tasks.count
        seedCount = plan.seeds.count
        var records: [GridRecord] = []
        failed = []
        missing = []
        for (task, status) in zip(plan.tasks, statuses) {
            switch status {
            case .done(let r): records.append(r)
            case .failed(let f): failed.append(f)
            case .missing: missing.append(task.number)
            }
        }
        done = records.count
        denseOptima = Dictionary(records.map { ($0.network, $0.denseOptimum) }, uniquingKeysWith: { a, _ in a })
        var cells: [Cell] = []
        for network in plan.networks {
            for method in plan.methods {
                let mine = records.filter { $0.network == network.name && $0.method == method }
                // Level 0 is the same run in every task of a seed: one per seed (the first task's).
                var unpruned: [UInt64: GridRecord.Level] = [:]
                for r in mine where unpruned[r.seed] == nil { if let l0 = r.levels.first(where: { $0.level == 0 }) { unpruned[r.seed] = l0 } }
                var groups: [(level: Int, target: Double?, levels: [GridRecord.Level])] = []
                if !unpruned.isEmpty { groups.append((0, method.isOneShot ? 0 : nil, plan.seeds.compactMap { unpruned[$0] })) }
                if method.isOneShot {
                    for s in plan.sparsities {
                        let levels = mine.filter { $0.targetSparsity == s }.compactMap { $0.levels.first { $0.level == 1 } }
                        if !levels.isEmpty { groups.append((1, s, levels)) }
                    }
                } else {
                    for k in 1...plan.imp.levels {
                        let levels = mine.compactMap { $0.levels.first { $0.level == k } }
                        if !levels.isEmpty { groups.append((k, nil, levels)) }
                    }
                }
                for g in groups {
                    let verdicts = Self.verdictOrder.map { v in g.levels.filter { $0.verdict == v }.count }
                    cells.append(Cell(network: network.name, method: method, level: g.level, targetSparsity: g.target,
                                      sparsity: g.levels.map(\.sparsity).reduce(0, +) / Double(g.levels.count), seeds: g.levels.count,
                                      loss: Stats(g.levels.compactMap(\.loss)), gap: Stats(g.levels.compactMap(\.denseGap)),
                                      verdicts: verdicts, certifiedMinima: g.levels.filter { Self.certified.contains($0.verdict) }.count))
                }
            }
        }
        self.cells = cells
    }

    /// True when every task is done.
    public var isComplete: Bool { failed.isEmpty && missing.isEmpty }

    /// The table as CSV: one row per cell (network, method, level, target_sparsity, sparsity, seeds, the loss's and
    /// the gap's mean, sd, min and max, certified_minima, then one column per verdict).
    public func csv() -> String {
        var out = "network,method,level,target_sparsity,sparsity,seeds,loss_mean,loss_sd,loss_min,loss_max,gap_mean,gap_sd,gap_min,gap_max,certified_minima,"
            + Self.verdictOrder.map { $0.rawValue.replacingOccurrences(of: "-", with: "_") }.joined(separator: ",") + "\n"
        func field(_ s: String) -> String { s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s }
        func n(_ v: Double?) -> String { v.map { $0.isFinite ? JSONText.number($0) : "null" } ?? "" }
        for c in cells {
            let stats = [c.loss, c.gap].flatMap { s in [s?.mean, s?.sd, s?.min, s?.max].map(n) }
            out += ([field(c.network), c.method.rawValue, String(c.level), n(c.targetSparsity), n(c.sparsity), String(c.seeds)] + stats
                    + [String(c.certifiedMinima)] + c.verdicts.map(String.init)).joined(separator: ",") + "\n"
        }
        return out
    }

    /// The table as text for the terminal.
    public func text() -> String {
        var lines = ["grid \(name) (\(grid)): \(done) of \(tasks) tasks done" + (failed.isEmpty ? "" : ", \(failed.count) failed")
                     + (missing.isEmpty ? "" : ", \(missing.count) missing")]
        for (network, value) in denseOptima.sorted(by: { $0.key < $1.key }) {
            lines.append("\(network): dense optimum \(NumberFormat.g(value, 12)) (the gap is loss − this)")
        }
        let header = ["network", "method", "sparsity", "seeds", "loss mean", "sd", "min", "max", "gap mean", "certified", "verdicts"]
        var rows: [[String]] = []
        for c in cells {
            let verdicts = zip(Self.verdictOrder, c.verdicts).filter { $0.1 > 0 }.map { "\($0.0.rawValue) \($0.1)" }.joined(separator: ", ")
            let level = c.method == .imp && c.level > 0 ? " (level \(c.level))" : ""
            rows.append([c.network, c.method.rawValue, GridFormat.percent(c.sparsity) + level, "\(c.seeds)",
                         c.loss.map { NumberFormat.g($0.mean, 9) } ?? "—", c.loss.map { NumberFormat.g($0.sd, 3) } ?? "—",
                         c.loss.map { NumberFormat.g($0.min, 9) } ?? "—", c.loss.map { NumberFormat.g($0.max, 9) } ?? "—",
                         c.gap.map { NumberFormat.g($0.mean, 4) } ?? "—", "\(c.certifiedMinima)/\(c.seeds)", verdicts])
        }
        let widths = header.indices.map { k in ([header[k]] + rows.map { $0[k] }).map(\.count).max()! }
        func line(_ r: [String]) -> String {
            r.enumerated().map { k, s in k == r.count - 1 ? s : s.padding(toLength: widths[k], withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }
        lines.append(line(header))
        lines += rows.map(line)
        return lines.joined(separator: "\n")
    }
}
