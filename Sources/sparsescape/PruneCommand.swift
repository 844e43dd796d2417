import ArgumentParser
import Foundation
import SparseScapeCore
import SparseScapeWording

/// `sparsescape prune`.
struct PruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Prune a network level by level, train every level to convergence, certify it and compare it with the dense optimum.",
        discussion: """
            Level 0 is the config's own mask, trained from the start (--point, else the config's "start", else a \
            Gaussian start from --seed). Methods: \(PruningMethod.allCases.map { "\($0.rawValue): \($0.summary)" }.joined(separator: "; ")). \
            The one-shot methods prune --sparsity (a fraction of the config's free weights) in --levels evenly spaced \
            levels, each from the config's mask with scores ranked once; imp prunes --rate of the remaining weights at \
            each of --levels levels and restarts every level from the weights after --rewind optimizer steps of level 0 \
            (0: the start). --scope global ranks all layers together, layerwise prunes the same fraction of every layer; \
            a layer's last weight is never pruned.

            Every level is trained like a search run (--optimizer, default lbfgs, for --steps, then the Newton polish), \
            certified (minimum or saddle, global where provable: closed form or an attained lower bound), called \
            spurious when the --restarts-start search on the same mask found a lower point, and compared with the \
            dense optimum (the dense network's global minimum, Eckart–Young). For imp this answers the winning-ticket \
            question: does training from the rewound weights reach the mask's best (or global) minimum?

            --out-config FILE writes the last level (or --level K) as a config: its mask, the same data (files are \
            referenced, not copied), start = the level's training start (the rewound weights for imp, the pruned \
            trained point for magnitude, the pruned start for random and snip), reference points 'trained' and, when \
            lower, 'best-found'. --out-point FILE.safetensors writes the same level's trained point and its mask as a \
            PyTorch state dict (in the layout of a --point checkpoint, else of the imported config, else nn.Sequential's; \
            see 'sparsescape import'). A progress line is shown on stderr when it is a terminal.

            Examples:
              sparsescape prune digits --method magnitude --sparsity 0.9 --levels 9
              sparsescape prune digits --method imp --rate 0.2 --levels 5 --rewind 0 \\
                  --out-config ticket.json
              sparsescape prune theorem5 --method random --sparsity 0.25 --seed 3 --json
              sparsescape certify ticket.json --point trained
              sparsescape prune net.json --point checkpoint --method magnitude \\
                  --sparsity 0.8 --out-point pruned.safetensors
            """
    )

    @Argument(help: "A config file or a preset name.") var network: String
    @Option(help: "magnitude, random, snip or imp.") var method: String = PruningMethod.magnitude.rawValue
    @Option(help: "global (rank all layers together) or layerwise (the same fraction of every layer).") var scope: String = MagnitudePruning.Scope.global.rawValue
    @Option(parsing: .unconditional, help: "One-shot methods: the last level's sparsity, a fraction in [0, 1) of the config's free weights (default 0.5).") var sparsity: Double?
    @Option(parsing: .unconditional, help: "One-shot methods: levels evenly spaced up to --sparsity (default 1); imp: pruning rounds (default 5).") var levels: Int?
    @Option(parsing: .unconditional, help: "imp: fraction of the remaining weights pruned per level, in (0, 1) (default 0.2).") var rate: Double?
    @Option(parsing: .unconditional, help: "imp: restart every level from the weights after this many optimizer steps of level 0 (default 0: the start).") var rewind: Int?
    @Option(parsing: .unconditional, help: "Seed: random scores, the searches, and the start when there is none.") var seed: Int = 0
    @Option(help: "Start point: a file or a reference point's label (default: the config's start, else a Gaussian start from --seed).") var point: String?
    @OptionGroup var optimizerOptions: OptimizerOptions
    @Option(parsing: .unconditional, help: "Step budget of each level's training before the Newton polish (default: 3000 for lbfgs, as search).") var steps: Int?
    @Option(parsing: .unconditional, help: "Relative gradient at which a level's point is critical (‖∇L‖ against the size of its terms; free of units).") var tol: Double = NumericalResolution.criticalGradient
    @Option(parsing: .unconditional, help: "Random starts of the short search on every level's mask (0: none).") var restarts: Int = PruneSettings.defaultSearchRestarts
    @Option(name: .customLong("out-config"), help: "Write the last level (or --level) as a config file (atomically).") var outConfig: String?
    @OptionGroup var outPointOption: OutPointOption
    @Option(parsing: .unconditional, help: "The level --out-config and --out-point write (default: the last).") var level: Int?
    @OptionGroup var output: OutputOptions

    func run() throws {
        try CountOption.check(levels, atLeast: 1, "--levels")
        try CountOption.check(rewind, atLeast: 0, "--rewind")
        try CountOption.check(steps, atLeast: 1, "--steps")
        try CountOption.check(restarts, atLeast: 0, "--restarts")
        try CountOption.check(level, atLeast: 0, "--level")
        let method = try PruningMethod.parse(method)
        guard let scope = MagnitudePruning.Scope(rawValue: scope) else {
            throw SparseScapeError("--scope must be global or layerwise, got \(SafeText.quoted(scope))")
        }
        if method == .imp, sparsity != nil { throw SparseScapeError("--sparsity applies to the one-shot methods; imp prunes --rate per level for --levels levels") }
        if method != .imp, rate != nil { throw SparseScapeError("--rate applies to --method imp only") }
        if method != .imp, rewind != nil { throw SparseScapeError("--rewind applies to --method imp only") }
        if level != nil, outConfig == nil, outPointOption.outPoint == nil {
            throw SparseScapeError("--level chooses the level --out-config or --out-point writes; give --out-config FILE or --out-point FILE.safetensors")
        }
        if let level, level < 0 { throw SparseScapeError("--level must be zero or positive, got \(level)") }
        // Checked before the run, which can take minutes: the same rule the atomic write applies after it.
        let outputs = CommandOutputs()
        if let outConfig { try outputs.declare(outConfig, option: "--out-config") }
        try outPointOption.declare(in: outputs)
        guard tol.isFinite, tol > 0, tol < 1 else { throw SparseScapeError("--tol must be a relative gradient tolerance in (0, 1), got \(tol)") }
        let config = try PresetLibrary.resolve(network)
        let f = try config.lossFunction()
        var opt = optimizerOptions
        if opt.optimizer == nil { opt.optimizer = SearchDefaults.optimizer.rawValue }
        let optimizer = try opt.settings(config: config, fallback: SearchDefaults.optimizer)
        let settings = try PruneSettings(method: method, scope: scope, sparsity: sparsity ?? 0.5, levels: levels, rate: rate ?? 0.2,
                                         rewind: rewind ?? 0, seed: try parseSeed(seed), optimizer: optimizer,
                                         rules: try StoppingRules(maxSteps: steps ?? SearchDefaults.steps(for: optimizer.kind), gradientTolerance: 0),
                                         searchRestarts: restarts, tolerances: CertificationTolerances(gradient: tol))
        if let level, level > settings.levels { throw SparseScapeError("--level \(level) is beyond the last level (\(settings.levels))") }
        let start = try point.map { try givenPoint($0, option: "--point", config: config, f: f) } ?? config.startPoint(seed: settings.seed)
        if point == nil { try GivenPointCheck.check(f, start, role: config.start != nil ? "the config's start" : "the random start (--seed \(seed))") }
        let progress = Self.progress()
        let report = try Pruner.run(f, name: config.name, start: start, settings: settings, progress: progress)
        if progress != nil { Console.endProgress() }
        // The pruned config and the point (--out-point), published together.
        var written: String? = nil
        var wrotePoint: String? = nil
        let chosen = level ?? report.levels.last?.level ?? 0
        try outputs.publish {
            if let outConfig {
                let pruned = try PrunedConfig.config(report, level: chosen, from: config) { l, keepsBestFound in
                    PruneReportText.configDescription(report, level: l, configName: config.name, keepsBestFound: keepsBestFound)
                }
                let dir = URL(fileURLWithPath: outConfig).deletingLastPathComponent().path
                try AtomicFile.write(pruned.jsonText(referencingDataFilesFrom: dir), to: outConfig)
                written = "wrote \(SafeText.escaped(outConfig)) (level \(chosen), \(pruned.architecture.parameterCount) free weights)"
            }
            if let trained = report.levels.first(where: { $0.level == chosen }), trained.verdict != .failed {
                wrotePoint = try outPointOption.write(params: trained.params, architecture: trained.architecture, config: config, point: point,
                                                      metadata: [("level", String(chosen)), ("sparsity", JSONText.number(trained.sparsity)),
                                                                 ("loss", JSONText.number(trained.loss)), ("verdict", trained.verdict.rawValue)])
                if let wrotePoint { written = (written.map { $0 + "\n" } ?? "") + wrotePoint + " (level \(chosen))" }
            }
        }
        if output.json {
            struct Out: Encodable { var report: PruneReport; var outConfig: Nullable<String>; var outPoint: Nullable<String> }
            print(try JSONText.encode(Out(report: report, outConfig: Nullable(outConfig),
                                          outPoint: Nullable(wrotePoint == nil ? nil : outPointOption.outPoint))), terminator: "")
        } else {
            print(PruneReportText.text(report))
            if let written { print(written) }
        }
        if let bad = report.levels.first(where: { $0.verdict == .failed }) {
            throw NumericalFailure(message: "level \(bad.level): training \(bad.run.outcome.rawValue) (\(bad.run.reason))")
        }
    }

    /// "prune: level 2/5 (36% sparse): search 3/8" on stderr, only when it is a terminal.
    static func progress() -> PruneProgress? {
        guard Console.stderrIsTerminal else { return nil }
        return { level, levels, sparsity, stage, done, total in
            let count = total > 1 ? " \(done)/\(total)" : ""
            Console.progress("prune: level \(level)/\(levels) (\(NumberFormat.g(100 * sparsity, 3))% sparse): \(stage)\(count)")
        }
    }
}
