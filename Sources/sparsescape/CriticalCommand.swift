import ArgumentParser
import Foundation
import SparseScapeCore
import SparseScapeWording

/// `sparsescape critical`.
struct CriticalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "critical",
        abstract: "Critical points of every index (minima and saddles) from random starts, certified.",
        discussion: """
            Each start runs Levenberg-Marquardt on the gradient system ∇L = 0 with the exact Hessian (it minimises \
            ‖∇L‖², so saddles attract as well as minima), ending in Newton's quadratic convergence. End points with \
            ‖∇L‖ ≤ --grad-tol are grouped modulo the symmetries (same end-to-end product W1⋯WL, loss and index) and \
            each is certified: index = number of negative Hessian eigenvalues; classification global-minimum, \
            local-minimum, saddle (order 2 from a negative eigenvalue, 3 or 4 from the higher-order test) or \
            degenerate. Starts that stall at a non-zero minimum of ‖∇L‖, or run off to infinity, are counted apart. \
            Above 1500 free weights the Hessian is never formed: each step solves Hs = −∇L by MINRES on \
            Hessian-vector products, each start also solves from where search's minimiser took it, indices come \
            from Lanczos with deflation, and certificates above 3000 weights from Lanczos.

            Examples:
              sparsescape critical theorem5 --starts 200
              sparsescape critical table1-row1 --json > critical.json
            """
    )

    @Argument(help: "A config file or a preset name.") var network: String
    @Option(parsing: .unconditional, help: "Number of random starts.") var starts: Int = 100
    @Option(parsing: .unconditional, help: "Seed.") var seed: Int = 0
    @Option(name: .customLong("init-scale"), parsing: .unconditional, help: "Standard deviation of the random starts.") var initScale: Double = 1
    @Option(parsing: .unconditional, help: "Iteration budget per start.") var iterations: Int = 300
    @Option(name: .customLong("grad-tol"), parsing: .unconditional, help: "Relative gradient at or below which a point is critical.") var gradTol: Double = NumericalResolution.criticalGradient
    @OptionGroup var output: OutputOptions

    func run() throws {
        try CountOption.check(starts, atLeast: 1, "--starts")
        try CountOption.check(iterations, atLeast: 1, "--iterations")
        let config = try PresetLibrary.resolve(network)
        let f = try config.lossFunction()
        guard gradTol.isFinite, gradTol > 0 else { throw SparseScapeError("--grad-tol must be a positive finite number, got \(gradTol)") }
        let settings = try CriticalSearchSettings(starts: starts, seed: try parseSeed(seed), initScale: initScale, maxIterations: iterations,
                                                  tolerances: CertificationTolerances(gradient: gradTol))
        let known = config.knownPoints(under: f)
        let progress = Console.percentProgress("critical", unit: "starts")
        let result = try CriticalPointSearch.run(f, settings: settings, known: known, progress: progress)
        if progress != nil { Console.endProgress() }
        if output.json { print(try JSONText.encode(result), terminator: "") }
        else { print(CriticalReport.text(result, name: config.name)) }
    }
}
