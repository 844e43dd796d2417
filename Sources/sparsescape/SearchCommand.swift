import ArgumentParser
import Foundation
import SparseScapeCore
import SparseScapeWording

/// `sparsescape search`.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Multi-start search: the distinct minima reached from random starts, certified, with basin frequencies.",
        discussion: """
            Starts are Gaussian (standard deviation --init-scale), one stream of --seed per start, run on every core \
            (or the rows of --starts FILE). Each run is the --optimizer (default lm: Levenberg-Marquardt with \
            Marquardt's scaling and geodesic acceleration, which converges on ill-conditioned real data where \
            L-BFGS stalls; measured by make bench-realdata) for --steps, then a Newton polish to machine precision. \
            A run is critical when its relative gradient (‖∇L‖ against the size of the terms it is made of, free of \
            the data's units) is at most --tol and descent finds no lower loss; runs that end at the same end-to-end \
            product W1⋯WL are the same point modulo the symmetries, and each point is certified. A run that does not \
            converge is followed further: it is escaping when ‖θ‖ doubles at least three times while the loss keeps \
            falling by resolvable amounts (a valley at infinity, listed with the lowest loss reached, an upper bound \
            of its limit), else unconverged, with the reason. --json lists every run (restart, outcome \
            critical/escaping/diverged/unconverged, loss, ‖∇L‖, relative gradient, ‖θ‖, reason).

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
    @Option(parsing: .unconditional, help: "Relative gradient at which a run is critical (‖∇L‖ against the size of its terms; free of units).") var tol: Double = NumericalResolution.criticalGradient
    @Option(name: .customLong("init-scale"), parsing: .unconditional, help: "Standard deviation of the random starts.") var initScale: Double = 1
    @Option(help: "Run from these starts instead of random ones: a .npy or .csv matrix, one start per row (canonical order); --restarts is then its number of rows.") var starts: String?
    @OptionGroup var output: OutputOptions

    func run() throws {
        try CountOption.check(restarts, atLeast: 1, "--restarts")
        guard tol.isFinite, tol > 0, tol < 1 else { throw SparseScapeError("--tol must be a relative gradient tolerance in (0, 1), got \(tol)") }
        try CountOption.check(steps, atLeast: 1, "--steps")
        let config = try PresetLibrary.resolve(network)
        let f = try config.lossFunction()
        var opt = optimizerOptions
        if opt.optimizer == nil { opt.optimizer = SearchDefaults.optimizer.rawValue }
        let settings = try opt.settings(config: config, fallback: SearchDefaults.optimizer)
        let budget = steps ?? SearchDefaults.steps(for: settings.kind)
        let given: [[Double]]? = try starts.map { path in
            let m = path.lowercased().hasSuffix(".npy") ? try NpyReader.read(path) : try CSVMatrixReader.read(path)
            guard m.cols == f.parameterCount else {
                throw SparseScapeError("--starts \(SafeText.quoted(path)): \(m.cols) columns, but the network has \(f.parameterCount) free weights")
            }
            return m.nested
        }
        var search = try SearchSettings(restarts: given?.count ?? restarts, seed: try parseSeed(seed), optimizer: settings,
                                        rules: try StoppingRules(maxSteps: budget, gradientTolerance: 0, relativeGradientTolerance: tol),
                                        initScale: initScale, tolerances: CertificationTolerances(gradient: tol))
        search.starts = given
        let known = config.knownPoints(under: f)
        let progress = Console.percentProgress("search", unit: "starts")
        let result = try MultiStartSearch.run(f, settings: search, known: known, progress: progress)
        if progress != nil { Console.endProgress() }
        if output.json { print(try JSONText.encode(result), terminator: "") }
        else { print(SearchReport.text(result, name: config.name)) }
    }
}
