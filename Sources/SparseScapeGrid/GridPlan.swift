import Foundation
import SparseScapeCore

/// An experiment grid: pruning methods × sparsities (or IMP levels) × seeds × networks, every cell run as
/// `sparsescape prune` would, its tasks numbered 1…N in a fixed order (network, method, sparsity, seed).
///
/// Made from a TOML plan file (`GridPlan(file:)`, GridPlan+TOML.swift); its identity `gridId` (a hash of the tool
/// version, every network's name and fingerprint, and every setting that changes a result) is written into every
/// task's record, so results of another plan are never mixed in.
public struct GridPlan: Sendable {
    /// A network of the grid.
    public struct Network: Sendable {
        /// As the plan names it (a preset or a config file, relative to the plan).
        public var argument: String
        /// The config.
        public var config: NetworkConfig
        /// Its name.
        public var name: String { config.name }
    }

    /// Where each task starts.
    public enum Start: String, Sendable {
        /// A Gaussian point drawn from the task's seed (`NetworkArchitecture.randomPoint`), as in lottery-ticket runs.
        case seed
        /// The config's own start (the seeds then vary random scores and searches only).
        case config
    }

    /// How every task prunes, trains and certifies (as `sparsescape prune`'s options).
    public struct Prune: Sendable {
        public var scope: MagnitudePruning.Scope = .global
        /// Random starts of the short search on every level's mask (0: none).
        public var restarts: Int = PruneSettings.defaultSearchRestarts
        /// Optimizer steps per level before the Newton polish (nil: the optimizer's default).
        public var steps: Int? = nil
        /// Gradient-norm tolerance.
        public var tolerance: Double = 1e-10
        /// The optimizer.
        public var optimizer: OptimizerKind = SearchDefaults.optimizer
        /// Its step size (nil: its default).
        public var learningRate: Double? = nil
        public init() {}
    }

    /// Iterative magnitude pruning's schedule (used when `methods` holds `imp`).
    public struct IMP: Sendable {
        /// Pruning rounds.
        public var levels: Int = 5
        /// Fraction of the remaining weights pruned per round.
        public var rate: Double = 0.2
        /// Optimizer steps of level 0 every level rewinds to (0: the start).
        public var rewind: Int = 0
        public init() {}
    }

    /// What the generated Slurm scripts ask for.
    public struct Slurm: Sendable {
        /// `--cpus-per-task`.
        public var cpusPerTask: Int = 1
        /// `--time` (D-HH:MM:SS or HH:MM:SS).
        public var time: String = "01:00:00"
        /// `--partition`, when given.
        public var partition: String? = nil
        /// More `#SBATCH` options, as written (`--mem=2G`).
        public var options: [String] = []
        public init() {}
    }

    /// The plan's name (default: its file name without `.toml`).
    public var name: String
    /// The plan file (as given).
    public var file: String
    /// The results folder (absolute).
    public var output: String
    /// The networks.
    public var networks: [Network]
    /// The methods, in the plan's order (the figure's order).
    public var methods: [PruningMethod]
    /// One-shot methods' sparsities, ascending.
    public var sparsities: [Double]
    /// The seeds.
    public var seeds: [UInt64]
    /// Where tasks start.
    public var start: Start
    /// Pruning settings.
    public var prune: Prune
    /// IMP settings.
    public var imp: IMP
    /// Slurm settings.
    public var slurm: Slurm
    /// The tasks, numbered 1…N.
    public private(set) var tasks: [GridTask] = []
    /// The grid's identity: "grid-" and 16 hex digits.
    public private(set) var gridId: String = ""

    /// A validated plan; `output` is resolved against the working directory.
    public init(name: String, file planFile: String, output: String, networks: [Network], methods: [PruningMethod], sparsities: [Double],
                seeds: [UInt64], start: Start = .seed, prune: Prune = Prune(), imp: IMP = IMP(), slurm: Slurm = Slurm()) throws {
        self.file = planFile
        let file = SafeText.excerpt(planFile, limit: 200)   // as messages show it
        guard !networks.isEmpty else { throw SparseScapeError("\(file): networks is empty") }
        guard !methods.isEmpty else { throw SparseScapeError("\(file): methods is empty") }
        guard Set(methods).count == methods.count else { throw SparseScapeError("\(file): methods names a method twice") }
        guard !seeds.isEmpty else { throw SparseScapeError("\(file): seeds is empty") }
        guard Set(seeds).count == seeds.count else { throw SparseScapeError("\(file): seeds lists a seed twice") }
        if methods.contains(where: \.isOneShot) {
            guard !sparsities.isEmpty else { throw SparseScapeError("\(file): sparsities is empty (the one-shot methods need them)") }
        }
        if let bad = sparsities.first(where: { !($0.isFinite && $0 > 0 && $0 < 1) }) {
            throw SparseScapeError("\(file): sparsities must be in (0, 1), got \(bad)")
        }
        guard Set(sparsities).count == sparsities.count else { throw SparseScapeError("\(file): sparsities lists a value twice") }
        self.name = name
        self.output = URL(fileURLWithPath: output).standardizedFileURL.path
        self.networks = networks
        self.methods = methods
        self.sparsities = sparsities.sorted()
        self.seeds = seeds
        self.start = start
        self.prune = prune
        self.imp = imp
        self.slurm = slurm
        // Every task's settings must be valid: checked now, not hours later on a cluster.
        for method in methods {
            _ = try settings(method: method, sparsity: method.isOneShot ? self.sparsities[0] : nil, seed: seeds[0], file: file)
        }
        for n in networks where start == .config && n.config.start == nil {
            throw SparseScapeError("\(file): start = \"config\" but \(SafeText.quoted(n.argument)) has no start (use start = \"seed\")")
        }
        tasks = Self.enumerate(networks: networks.count, methods: methods, sparsities: self.sparsities, seeds: seeds)
        gridId = identity()
    }

    /// The tasks in their fixed order: network, then method, then sparsity (one-shot), then seed.
    static func enumerate(networks: Int, methods: [PruningMethod], sparsities: [Double], seeds: [UInt64]) -> [GridTask] {
        var out: [GridTask] = []
        for n in 0..<networks {
            for m in methods {
                for s in m.isOneShot ? sparsities.map(Optional.some) : [nil] {
                    for seed in seeds { out.append(GridTask(number: out.count + 1, network: n, method: m, sparsity: s, seed: seed)) }
                }
            }
        }
        return out
    }

    /// The pruning settings of one task.
    public func settings(for task: GridTask) throws -> PruneSettings {
        try settings(method: task.method, sparsity: task.sparsity, seed: task.seed, file: SafeText.excerpt(file, limit: 200))
    }

    private func settings(method: PruningMethod, sparsity: Double?, seed: UInt64, file: String) throws -> PruneSettings {
        do {
            let optimizer = try OptimizerSettings(kind: prune.optimizer, learningRate: prune.learningRate)
            let rules = try StoppingRules(maxSteps: prune.steps ?? SearchDefaults.steps(for: prune.optimizer), gradientTolerance: prune.tolerance)
            return try PruneSettings(method: method, scope: prune.scope, sparsity: sparsity ?? 0.5, levels: method == .imp ? imp.levels : 1,
                                     rate: imp.rate, rewind: method == .imp ? imp.rewind : 0, seed: seed, optimizer: optimizer, rules: rules,
                                     searchRestarts: prune.restarts)
        } catch let e as SparseScapeError {
            throw SparseScapeError("\(file): \(e.message)")
        }
    }

    /// The start point of a task.
    public func startPoint(for task: GridTask) -> [Double] {
        let config = networks[task.network].config
        switch start {
        case .config: return config.start!
        case .seed:
            var g = SeededGenerator(seed: task.seed)
            return config.architecture.randomPoint(&g)
        }
    }

    /// FNV-1a over everything that changes a task's result.
    private func identity() -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ v: UInt64) { for b in 0..<8 { h ^= (v >> (8 * UInt64(b))) & 0xff; h = h &* 0x100_0000_01b3 } }
        func mix(_ s: String) { mix(UInt64(s.utf8.count)); for u in s.utf8 { h ^= UInt64(u); h = h &* 0x100_0000_01b3 } }
        mix("sparsescape-grid " + ToolVersion.string)
        for n in networks {
            mix(n.name)
            mix(NetworkFingerprint.of(n.config.architecture, n.config.dataset))
            mix(n.config.start.map { $0.map { String($0.bitPattern) }.joined(separator: ",") } ?? "-")
        }
        for m in methods { mix(m.rawValue) }
        for s in sparsities { mix(s.bitPattern) }
        for s in seeds { mix(s) }
        mix(start.rawValue)
        mix(prune.scope.rawValue)
        mix(UInt64(prune.restarts))
        mix(prune.steps.map { UInt64($0) } ?? UInt64.max)
        mix(prune.tolerance.bitPattern)
        mix(prune.optimizer.rawValue)
        mix(prune.learningRate?.bitPattern ?? UInt64.max)
        if methods.contains(.imp) {
            mix(UInt64(imp.levels))
            mix(imp.rate.bitPattern)
            mix(UInt64(imp.rewind))
        }
        let hex = String(h, radix: 16)
        return "grid-" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
