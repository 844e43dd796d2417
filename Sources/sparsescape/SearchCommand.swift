import ArgumentParser
import Foundation
import SparseScapeCore

/// `sparsescape search`.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Multi-start search: the distinct minima reached from random starts, certified, with basin frequencies.",
        discussion: """
            Starts are Gaussian (standard deviation --init-scale), one stream of --seed per start, run on every core. \
            Each run is the --optimizer (default lbfgs, the most reliable and fastest measured) for --steps, then a \
            trust-region Newton polish to machine precision. A run is critical when it then has ‖∇L‖ ≤ 1e-6; runs \
            that end at the same end-to-end product W1⋯WL are the same point modulo the symmetries, and each point \
            is certified. A run is escaping when its weights, balanced, run beyond any finite critical point's scale \
            while the loss converges: the valleys at infinity are listed with their limiting loss. --json lists \
            every run (restart, outcome critical/escaping/diverged/unconverged, loss, ‖∇L‖, ‖θ‖, reason).

            Examples:
              sparsescape search theorem5 --restarts 200
              sparsescape search table1-row3 --optimizer bcd --steps 1000 --json
            """
    )

    @Argument(help: "A config file or a preset name.") var network: String
    @Option(parsing: .unconditional, help: "Number of random starts.") var restarts: Int = 64
    @Option(parsing: .unconditional, help: "Seed.") var seed: Int = 0
    @OptionGroup var optimizerOptions: OptimizerOptions
    @Option(parsing: .unconditional, help: "Step budget of the first phase per start (default 3000 for lbfgs, 300 for newton, 2000 sweeps for bcd, 20000 steps otherwise).") var steps: Int?
    @Option(parsing: .unconditional, help: "Gradient-norm tolerance per run.") var tol: Double = 1e-10
    @Option(name: .customLong("init-scale"), parsing: .unconditional, help: "Standard deviation of the random starts.") var initScale: Double = 1
    @OptionGroup var output: OutputOptions

    func run() throws {
        try CountOption.check(restarts, atLeast: 1, "--restarts")
        try CountOption.check(steps, atLeast: 1, "--steps")
        let config = try PresetLibrary.resolve(network)
        let f = try config.lossFunction()
        var opt = optimizerOptions
        if opt.optimizer == nil { opt.optimizer = SearchDefaults.optimizer.rawValue }
        let settings = try opt.settings(config: config, fallback: SearchDefaults.optimizer)
        let budget = steps ?? SearchDefaults.steps(for: settings.kind)
        let search = try SearchSettings(restarts: restarts, seed: try parseSeed(seed), optimizer: settings,
                                        rules: try StoppingRules(maxSteps: budget, gradientTolerance: tol), initScale: initScale)
        let known = config.points.map { KnownPoint(loss: f.loss($0.params), source: "reference point '\($0.label)'", params: $0.params) }
        let progress = Console.percentProgress("search", unit: "starts")
        let result = try MultiStartSearch.run(f, settings: search, known: known, progress: progress)
        if progress != nil { Console.endProgress() }
        if output.json { print(try JSONText.encode(result), terminator: "") }
        else { print(SearchReport.text(result, name: config.name)) }
    }
}
