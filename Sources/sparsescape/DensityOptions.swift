import ArgumentParser
import Foundation
import SparseScapeCore

/// `certify --density [FILE.csv]` and its settings: the Hessian's spectral density and trace.
struct DensityOptions: ParsableArguments {
    @Option(name: .customLong("density"), defaultAsFlag: "", parsing: .next,
            help: ArgumentHelp("Add the Hessian's spectral density and trace (a text histogram; with FILE, also a CSV lambda,density).",
                               valueName: "FILE.csv"))
    var density: String? = nil
    @Option(name: .customLong("density-method"), help: "auto (exact up to 3000 free weights, else slq), exact (LAPACK dsyevd) or slq (stochastic Lanczos quadrature).")
    var method: String = "auto"
    @Option(name: .customLong("slq-probes"), parsing: .unconditional, help: "Rademacher probes of stochastic Lanczos quadrature.")
    var probes: Int = SpectralDensity.defaultProbes
    @Option(name: .customLong("slq-steps"), parsing: .unconditional, help: "Lanczos steps per probe.")
    var steps: Int = SpectralDensity.defaultSteps
    @Option(name: .customLong("density-bins"), parsing: .unconditional, help: "Grid points of the density (CSV rows).")
    var bins: Int = SpectralDensity.defaultBins
    @Option(name: .customLong("density-sigma"), parsing: .unconditional, help: "Gaussian broadening σ (default: 1% of λmax − λmin).")
    var sigma: Double?

    /// True when --density was given.
    var requested: Bool { density != nil }

    /// The CSV file to write, if any.
    var file: String? { density.flatMap { $0.isEmpty ? nil : $0 } }

    /// Throws when a setting is invalid — a count below its minimum, an unknown method, a sigma that is not
    /// positive and finite — whether or not --density was given (checked before any work, so a bad value is never
    /// silently ignored).
    func check() throws {
        try CountOption.check(probes, atLeast: 1, "--slq-probes")
        try CountOption.check(steps, atLeast: 1, "--slq-steps")
        try CountOption.check(bins, atLeast: 2, "--density-bins")
        _ = try SpectralDensityMethod.parse(method, probes: probes, steps: steps)
        if let sigma, !(sigma.isFinite && sigma > 0) {
            throw SparseScapeError("--density-sigma must be positive and finite (got \(sigma))")
        }
    }

    /// The density at `params`, reusing a dense certificate's spectrum when the method is exact.
    func compute(_ f: LossFunction, params: [Double], certificate: Certificate, seed: UInt64) throws -> SpectralDensityResult {
        guard probes >= 1, steps >= 1 else { throw SparseScapeError("--slq-probes and --slq-steps must be at least 1") }
        let resolved = try SpectralDensityMethod.parse(method, probes: probes, steps: steps)
            .resolved(forParameterCount: f.parameterCount, probes: probes, steps: steps)
        if resolved == .exact, let eigenvalues = certificate.hessianEigenvalues {
            return try SpectralDensity.exact(eigenvalues: eigenvalues, bins: bins, sigma: sigma)
        }
        return try SpectralDensity.compute(f, params: params, method: resolved, bins: bins, sigma: sigma, seed: seed)
    }

    /// What `--json` shows of a density.
    struct JSON: Encodable {
        var method: String
        var trace: Double
        var traceStandardError: Nullable<Double>
        var lambdaMin: Double
        var lambdaMax: Double
        var meanEigenvalue: Double
        var secondMoment: Double
        var sigma: Double
        var probes: Nullable<Int>
        var lanczosSteps: Nullable<Int>
        var hessianVectorProducts: Nullable<Int>
        var seed: Nullable<UInt64>
        var lambda: [Double]
        var density: [Double]
        var csv: Nullable<String>

        init(_ d: SpectralDensityResult, csv: String?) {
            method = d.method.rawValue
            trace = d.trace
            traceStandardError = Nullable(d.traceStandardError)
            lambdaMin = d.lambdaMin
            lambdaMax = d.lambdaMax
            meanEigenvalue = d.meanEigenvalue
            secondMoment = d.secondMoment
            sigma = d.sigma
            probes = Nullable(d.probes)
            lanczosSteps = Nullable(d.lanczosSteps)
            hessianVectorProducts = Nullable(d.hessianVectorProducts)
            seed = Nullable(d.seed)
            lambda = d.grid
            density = d.density
            self.csv = Nullable(csv)
        }
    }
}
