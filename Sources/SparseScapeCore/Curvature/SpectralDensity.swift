import Foundation

/// How a Hessian spectral density is computed.
public enum SpectralDensityMethod: Equatable, Sendable {
    /// `exact` up to `Certifier.denseSpectrumParameterLimit` free parameters, stochastic Lanczos quadrature above.
    case auto
    /// The Hessian formed and its full spectrum computed by LAPACK `dsyevd` (at most `SpectralDensity.exactParameterCeiling`).
    case exact
    /// Stochastic Lanczos quadrature: `probes` Rademacher probes of `steps` Lanczos steps on Hessian-vector products.
    case slq(probes: Int, steps: Int)

    /// `auto` made concrete for a network of `parameterCount` free parameters (others unchanged).
    public func resolved(forParameterCount parameterCount: Int, probes: Int = SpectralDensity.defaultProbes,
                         steps: Int = SpectralDensity.defaultSteps) -> SpectralDensityMethod {
        guard case .auto = self else { return self }
        return parameterCount <= Certifier.denseSpectrumParameterLimit ? .exact : .slq(probes: probes, steps: steps)
    }

    /// Parses `auto`, `exact` or `slq` (with the given probes and steps for `slq`).
    public static func parse(_ s: String, probes: Int = SpectralDensity.defaultProbes,
                             steps: Int = SpectralDensity.defaultSteps) throws -> SpectralDensityMethod {
        switch s.lowercased() {
        case "auto": return .auto
        case "exact": return .exact
        case "slq": return .slq(probes: probes, steps: steps)
        default: throw SparseScapeError("unknown density method \(SafeText.quoted(s)) (auto, exact, slq)")
        }
    }
}

/// The Hessian's spectral density and trace: exact from the full spectrum, or by stochastic Lanczos quadrature.
///
/// `compute` picks the method (`auto`: exact up to `Certifier.denseSpectrumParameterLimit` free parameters), builds
/// the discrete spectral measure, broadens it with Gaussians of standard deviation σ (default 1% of the spectrum's
/// width) on a grid of `bins` points from λmin − 6σ to λmax + 6σ, and reports tr H (exact, or the Hutchinson
/// estimate with its standard error).
public enum SpectralDensity {
    /// Default probes of stochastic Lanczos quadrature.
    public static let defaultProbes = 16
    /// Default Lanczos steps per probe.
    public static let defaultSteps = 80
    /// Default grid points.
    public static let defaultBins = 256
    /// Default σ as a fraction of the spectrum's width λmax − λmin.
    public static let defaultRelativeSigma = 0.01
    /// Largest grid.
    public static let maximumBins = 1_000_000
    /// Largest network for `.exact` (the p×p Hessian takes 8p² bytes: 2 GiB here).
    public static let exactParameterCeiling = 16_000

    /// The density of the Hessian of `f` at `params`.
    public static func compute(_ f: LossFunction, params: [Double], method: SpectralDensityMethod = .auto,
                               bins: Int = defaultBins, sigma: Double? = nil, seed: UInt64 = 0) throws -> SpectralDensityResult {
        guard params.count == f.parameterCount else {
            throw SparseScapeError("the point has \(params.count) parameters but the network has \(f.parameterCount) free weights")
        }
        guard params.allSatisfy({ $0.isFinite }) else { throw SparseScapeError("the point contains a non-finite value") }
        switch method.resolved(forParameterCount: f.parameterCount) {
        case .auto, .exact:
            guard f.parameterCount <= exactParameterCeiling else {
                throw SparseScapeError("an exact spectral density needs the \(f.parameterCount)×\(f.parameterCount) Hessian; above \(exactParameterCeiling) free weights use stochastic Lanczos quadrature (slq)")
            }
            let eig = try SymmetricEigen(try f.hessian(params), vectors: false).values
            return try exact(eigenvalues: eig, bins: bins, sigma: sigma)
        case .slq(let probes, let steps):
            let op = HessianOperator(f, at: params)
            return try stochastic(dimension: f.parameterCount, probes: probes, steps: steps, seed: seed, bins: bins, sigma: sigma) {
                op.apply($0, into: $1)
            }
        }
    }

    /// The density of a known spectrum (e.g. a certificate's `hessianEigenvalues`).
    public static func exact(eigenvalues: [Double], bins: Int = defaultBins, sigma: Double? = nil) throws -> SpectralDensityResult {
        guard !eigenvalues.isEmpty else { throw SparseScapeError("a spectral density needs at least one eigenvalue") }
        guard eigenvalues.allSatisfy({ $0.isFinite }) else { throw SparseScapeError("the Hessian spectrum is not finite") }
        let nodes = eigenvalues.sorted()
        let p = nodes.count
        let weights = [Double](repeating: 1 / Double(p), count: p)
        let trace = nodes.reduce(0, +)
        return try finish(.exact, parameterCount: p, nodes: nodes, weights: weights, trace: trace, traceError: 0,
                          bins: bins, sigma: sigma)
    }

    /// The density of any symmetric operator `apply(x, y)`: y = A·x, by stochastic Lanczos quadrature.
    public static func stochastic(dimension n: Int, probes: Int = defaultProbes, steps: Int = defaultSteps, seed: UInt64 = 0,
                                  bins: Int = defaultBins, sigma: Double? = nil,
                                  apply: (UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Void) throws -> SpectralDensityResult {
        try checkGrid(bins: bins, sigma: sigma)
        let runs = try StochasticLanczosQuadrature.run(dimension: n, probes: probes, steps: steps, seed: seed, apply: apply)
        var pairs: [(Double, Double)] = []
        for r in runs { for (x, w) in zip(r.nodes, r.weights) { pairs.append((x, w / Double(probes))) } }
        pairs.sort { $0.0 < $1.0 }
        let forms = runs.map(\.quadraticForm)
        let trace = forms.reduce(0, +) / Double(probes)
        let error: Double? = probes >= 2
            ? (forms.reduce(0) { $0 + ($1 - trace) * ($1 - trace) } / Double(probes - 1) / Double(probes)).squareRoot()
            : nil
        var result = try finish(.slq, parameterCount: n, nodes: pairs.map(\.0), weights: pairs.map(\.1), trace: trace,
                                traceError: error, bins: bins, sigma: sigma)
        result.probes = probes
        result.lanczosSteps = steps
        result.hessianVectorProducts = runs.reduce(0) { $0 + $1.steps }
        result.seed = seed
        return result
    }

    /// The default σ for nodes in [lo, hi]: 1% of the width (of max(|lo|, |hi|, 1) for a single point).
    public static func defaultSigma(lambdaMin lo: Double, lambdaMax hi: Double) -> Double {
        var width = hi - lo
        if !(width > 1e-12 * max(abs(lo), abs(hi))) { width = max(abs(lo), abs(hi)) }
        if !(width > 0) { width = 1 }
        return defaultRelativeSigma * width
    }

    static func checkGrid(bins: Int, sigma: Double?) throws {
        guard bins >= 2, bins <= maximumBins else { throw SparseScapeError("the density grid needs 2 to \(maximumBins) points, got \(bins)") }
        if let sigma, !(sigma.isFinite && sigma > 0) { throw SparseScapeError("the density's sigma must be positive and finite, got \(sigma)") }
    }

    /// Broadens the measure on the grid and assembles the result.
    static func finish(_ method: SpectralDensityResult.Method, parameterCount: Int, nodes: [Double], weights: [Double],
                       trace: Double, traceError: Double?, bins: Int, sigma: Double?) throws -> SpectralDensityResult {
        try checkGrid(bins: bins, sigma: sigma)
        let lo = nodes.first!, hi = nodes.last!
        let s = sigma ?? defaultSigma(lambdaMin: lo, lambdaMax: hi)
        let a = lo - 6 * s, b = hi + 6 * s
        let h = (b - a) / Double(bins - 1)
        guard h <= s * (1 + 1e-12) else {
            let needed = Int(((hi - lo) / s + 12).rounded(.up)) + 1
            throw SparseScapeError("sigma \(NumberFormat.g(s, 4)) is finer than the grid (spacing \(NumberFormat.g(h, 4)) over [\(NumberFormat.g(a, 6)), \(NumberFormat.g(b, 6))]): use at least \(needed) bins or a larger sigma")
        }
        let grid = (0..<bins).map { $0 == bins - 1 ? b : a + h * Double($0) }
        let density = grid.map { SpectralDensityResult.broadened($0, nodes: nodes, weights: weights, sigma: s) }
        return SpectralDensityResult(method: method, parameterCount: parameterCount, nodes: nodes, weights: weights, grid: grid,
                                     density: density, sigma: s, trace: trace, traceStandardError: traceError,
                                     lambdaMin: lo, lambdaMax: hi, probes: nil, lanczosSteps: nil, hessianVectorProducts: nil, seed: nil)
    }
}
