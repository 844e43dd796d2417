import ArgumentParser
import Foundation
import SparseScapeCore
import Synchronization

/// `sparsescape search`.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Multi-start search: the distinct minima reached from random starts, certified, with basin frequencies.",
        discussion: """
            Starts are Gaussian (standard deviation --init-scale), one stream of --seed per start, run on every core. \
            Runs that end at the same end-to-end product W1⋯WL are the same minimum modulo the rescaling symmetries. \
            The default optimizer is bcd where it applies (two layers, dense second layer), else armijo.

            Examples:
              sparsescape search theorem5 --restarts 200
              sparsescape search table1-row3 --optimizer bcd --steps 1000 --json
            """
    )

    @Argument(help: "A config file or a preset name.") var network: String
    @Option(help: "Number of random starts.") var restarts: Int = 64
    @Option(help: "Seed.") var seed: Int = 0
    @OptionGroup var optimizerOptions: OptimizerOptions
    @Option(help: "Step budget per start (default 2000 sweeps for bcd, 20000 steps otherwise).") var steps: Int?
    @Option(help: "Gradient-norm tolerance per run.") var tol: Double = 1e-10
    @Option(name: .customLong("init-scale"), help: "Standard deviation of the random starts.") var initScale: Double = 1
    @OptionGroup var output: OutputOptions

    func run() throws {
        let config = try PresetLibrary.resolve(network)
        let f = try config.lossFunction()
        let fallback: OptimizerKind = (try? BlockCoordinateDescent(f)) != nil ? .bcd : .armijo
        var opt = optimizerOptions
        if opt.optimizer == nil { opt.optimizer = fallback.rawValue }
        let settings = try opt.settings(config: config, fallback: fallback)
        let budget = steps ?? (settings.kind == .bcd ? 2000 : 20000)
        let search = try SearchSettings(restarts: restarts, seed: try parseSeed(seed), optimizer: settings,
                                        rules: try StoppingRules(maxSteps: budget, gradientTolerance: tol), initScale: initScale)
        let known = config.points.map { KnownPoint(loss: f.loss($0.params), source: "reference point '\($0.label)'", params: $0.params) }
        let showProgress = Console.stderrIsTerminal
        let last = Mutex<Int>(-1)
        let result = try MultiStartSearch.run(f, settings: search, known: known) { done, total in
            guard showProgress else { return }
            let pct = 100 * done / total
            let changed = last.withLock { p -> Bool in if p == pct { return false }; p = pct; return true }
            if changed { Console.progress("search: \(done)/\(total) starts (\(pct)%)") }
        }
        if showProgress { Console.endProgress() }
        if output.json { print(try JSONText.encode(result), terminator: "") }
        else { print(SearchReport.text(result, name: config.name)) }
    }
}
