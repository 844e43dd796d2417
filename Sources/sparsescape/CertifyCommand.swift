import ArgumentParser
import Foundation
import SparseScapeCore
import SparseScapeWording

/// `sparsescape certify`.
struct CertifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certify",
        abstract: "Certify a point: loss, gradient, full Hessian spectrum, classification, and whether it is spurious.",
        discussion: """
            Up to 3000 free parameters the Hessian is formed exactly and its full spectrum computed with LAPACK dsyevd; \
            above, λmin and λmax come from Lanczos on exact Hessian-vector products (full reorthogonalisation), and the \
            first eigenvalue beyond the symmetry zeros from a second run with the symmetry directions projected out \
            (--json: curvatureMethod "dense" or "lanczos"; hessianEigenvalues is null with Lanczos). \
            Zero eigenvalues explained by symmetry are set aside: hidden-node rescalings, mixings of nodes with \
            nested supports, and at a regular point the whole fibre of θ ↦ W1⋯WL. Verdicts: global-minimum when \
            the relative gradient (‖∇L‖ against the size of the terms it is made of, free of units) is at most \
            --grad-tol and the loss equals a proven global value (closed form, or an attained lower bound); \
            local-minimum when every other eigenvalue is positive beyond zero, zero meaning: within what double \
            precision resolves at the point (16·√p·u·|λ|max, plus how far the eigenvalue moves on the way to the exact \
            critical point), or --eig-tol·|λ|max when that is larger; the certificate shows the margin (first \
            eigenvalue beyond the symmetry zeros over that threshold); saddle with its index (the \
            number of negative eigenvalues) when λmin is negative beyond zero, or of order 3 or 4 when the higher-order \
            test finds the exact loss polynomial decreasing along the Hessian's kernel (the direction and coefficients \
            are in --json); degenerate otherwise. Both tolerances are relative, so the verdicts do not depend on the \
            units of X and Y. \
            The point is compared with the closed-form global minimum where a theorem gives one (scalar output, \
            dense network, disjoint orthogonal supports), else with the config's reference points and a short \
            multi-start search (--restarts; every run is listed in --json searchRuns), and called spurious when a \
            known point is lower.

            --point also accepts the name of one of the config's reference points (e.g. spurious-minimum).

            --density [FILE.csv] adds the Hessian's spectral density and trace: exact from the full spectrum up to \
            3000 free weights, by stochastic Lanczos quadrature above (--slq-probes Rademacher probes of --slq-steps \
            Lanczos steps, seeded by --seed; the trace is then Hutchinson's estimate with its standard error). The \
            report gains a histogram; FILE gets the Gaussian-broadened density (lambda,density; --density-bins points, \
            σ = --density-sigma, default 1% of λmax − λmin); --json gains "density". Put --density last or write \
            --density=FILE, since a bare --density followed by a word takes the word as its file.

            Examples:
              sparsescape certify theorem5 --point spurious-minimum
              sparsescape train theorem5 --out stall.json &&
                  sparsescape certify theorem5 --point stall.json --json
              sparsescape certify dense-baseline --point global-minimum \\
                  --density spectrum.csv
            """
    )

    @Argument(help: "A config file or a preset name.") var network: String
    @Option(help: "The point: a file ({\"params\": [...]}) or a reference point's label.") var point: String
    @Option(name: .customLong("grad-tol"), parsing: .unconditional, help: "Relative gradient at or below which the point is critical.") var gradTol: Double = NumericalResolution.criticalGradient
    @Option(name: .customLong("eig-tol"), parsing: .unconditional, help: "A floor for zero eigenvalues, relative to |λ|max (0: the point's resolution alone).") var eigTol: Double = 0
    @Option(parsing: .unconditional, help: "Random starts searched for a better point when no closed form exists (default: 16 up to 500 parameters, else 0).")
    var restarts: Int?
    @Option(parsing: .unconditional, help: "Seed of that search (and of --density's SLQ probes).") var seed: Int = 0
    @OptionGroup var output: OutputOptions
    @OptionGroup var densityOptions: DensityOptions

    func run() throws {
        try CountOption.check(restarts, atLeast: 0, "--restarts")
        try densityOptions.check()
        let outputs = CommandOutputs()
        if let file = densityOptions.file { try outputs.declare(file, option: "--density") }
        let config = try PresetLibrary.resolve(network)
        let f = try config.lossFunction()
        let params = try givenPoint(point, option: "--point", config: config, f: f)
        guard gradTol.isFinite, gradTol >= 0, eigTol.isFinite, eigTol >= 0 else {
            throw SparseScapeError("--grad-tol and --eig-tol must be finite and ≥ 0 (they are relative: 1e-7 and 0 by default)")
        }
        let tolerances = CertificationTolerances(gradient: gradTol, eigenvalue: eigTol)
        var known = config.knownPoints(under: f)
        var searched = 0
        var searchRuns: [SearchRun]? = nil
        if try GlobalMinimum.closedForm(f) == nil {
            let n = restarts ?? (f.parameterCount <= 500 ? 16 : 0)
            if n > 0 {
                let kind = SearchDefaults.optimizer
                let settings = try SearchSettings(restarts: n, seed: try parseSeed(seed), optimizer: try OptimizerSettings(kind: kind),
                                                  rules: try StoppingRules(maxSteps: SearchDefaults.steps(for: kind), gradientTolerance: 1e-10),
                                                  tolerances: tolerances)
                let r = try MultiStartSearch.run(f, settings: settings)
                searchRuns = r.runs
                known += r.minima.prefix(1).map { KnownPoint(loss: $0.loss, source: "\(n)-start \(kind.rawValue) search, seed \(seed)", params: $0.params) }
                searched = n
            }
        }
        let cert = try Certifier.certify(f, params: params, tolerances: tolerances, known: known)
        // --density: the spectral density and trace (issue 11 §4).
        var density: SpectralDensityResult? = nil
        if densityOptions.requested {
            let d = try densityOptions.compute(f, params: params, certificate: cert, seed: try parseSeed(seed))
            if let file = densityOptions.file { try outputs.publish { try AtomicFile.write(d.csv(), to: file) } }
            density = d
        }
        if output.json {
            struct Out: Encodable {
                var network: String; var searchRestarts: Int
                var loss: Double; var residualLoss: Double; var gradientNorm: Double; var parameterCount: Int
                var curvatureMethod: String; var lanczos: Nullable<LanczosDiagnostics>
                var hessianEigenvalues: Nullable<[Double]>; var lambdaMin: Double; var lambdaMax: Double
                var symmetryZeroCount: Int; var firstBeyondSymmetry: Nullable<Double>; var classification: String
                var tolerances: CertificationTolerances; var globalMinimum: Nullable<GlobalMinimum>; var lowerBound: Nullable<GlobalMinimum>
                var bestKnown: Nullable<KnownPoint>; var bestKnownIsGlobal: Bool; var spurious: Nullable<Bool>
                var index: Nullable<Int>; var saddleOrder: Nullable<Int>; var higherOrder: Nullable<HigherOrderEvidence>
                var globalReason: Nullable<String>; var searchRuns: Nullable<[SearchRun]>
                var density: Nullable<DensityOptions.JSON>
            }
            print(try JSONText.encode(Out(network: config.name, searchRestarts: searched, loss: cert.loss, residualLoss: cert.residualLoss,
                                          gradientNorm: cert.gradientNorm, parameterCount: cert.parameterCount,
                                          curvatureMethod: cert.curvatureMethod.rawValue, lanczos: Nullable(cert.lanczos),
                                          hessianEigenvalues: Nullable(cert.hessianEigenvalues), lambdaMin: cert.lambdaMin, lambdaMax: cert.lambdaMax,
                                          symmetryZeroCount: cert.symmetryZeroCount, firstBeyondSymmetry: Nullable(cert.firstBeyondSymmetry),
                                          classification: cert.classification.rawValue, tolerances: cert.tolerances,
                                          globalMinimum: Nullable(cert.globalMinimum), lowerBound: Nullable(cert.lowerBound),
                                          bestKnown: Nullable(cert.bestKnown), bestKnownIsGlobal: cert.bestKnownIsGlobal,
                                          spurious: Nullable(cert.spurious), index: Nullable(cert.index),
                                          saddleOrder: Nullable(cert.saddleOrder), higherOrder: Nullable(cert.higherOrder),
                                          globalReason: Nullable(cert.globalReason), searchRuns: Nullable(searchRuns),
                                          density: Nullable(density.map { DensityOptions.JSON($0, csv: densityOptions.file) }))), terminator: "")
        } else {
            print("\(config.name): \(f.parameterCount) free weights" + (searched > 0 ? ", best known from a \(searched)-start search and the config's points" : ""))
            print(CertificateReport.text(cert))
            if let density {
                print(SpectralDensityReport.text(density))
                if let file = densityOptions.file { print("wrote \(SafeText.escaped(file))") }
            }
        }
    }
}
