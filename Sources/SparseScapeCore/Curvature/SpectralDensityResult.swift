import Foundation

/// A Hessian spectral density: a discrete spectral measure, its Gaussian-broadened density on a grid, and the trace.
///
/// The measure is Σ_k w_k δ(θ_k) with Σ w_k = 1: the eigenvalues with weight 1/p each (exact), or the Ritz values of
/// every probe with their quadrature weights divided by the number of probes (stochastic Lanczos quadrature). The
/// density is ρ(λ) = Σ_k w_k·N(λ; θ_k, σ²), which integrates to 1 over ℝ; the grid reaches 6σ beyond the extreme
/// nodes with a spacing of at most σ, so its trapezoid sum is 1 to about 10⁻⁹.
public struct SpectralDensityResult: Equatable, Sendable {
    /// How it was computed.
    public enum Method: String, Codable, Equatable, Sendable {
        /// The full spectrum from LAPACK `dsyevd`.
        case exact
        /// Stochastic Lanczos quadrature on Hessian-vector products.
        case slq
    }

    /// The method used.
    public var method: Method
    /// Dimension of the Hessian (free parameters).
    public var parameterCount: Int
    /// Nodes of the spectral measure, ascending.
    public var nodes: [Double]
    /// Their weights (summing to 1).
    public var weights: [Double]
    /// Grid points λ (equally spaced, ascending).
    public var grid: [Double]
    /// ρ(λ) at each grid point.
    public var density: [Double]
    /// Gaussian broadening (standard deviation).
    public var sigma: Double
    /// tr H: Σλ (exact) or the Hutchinson estimate, the mean of vᵀHv over the probes (slq).
    public var trace: Double
    /// Standard error of the trace: 0 (exact), the probes' standard deviation / √probes (slq), nil with one probe.
    public var traceStandardError: Double?
    /// Smallest eigenvalue (exact) or smallest Ritz value over the probes (slq: an upper bound on λmin).
    public var lambdaMin: Double
    /// Largest eigenvalue (exact) or largest Ritz value (slq: a lower bound on λmax).
    public var lambdaMax: Double
    /// Probes (slq).
    public var probes: Int?
    /// Lanczos steps asked per probe (slq).
    public var lanczosSteps: Int?
    /// Hessian-vector products used (slq).
    public var hessianVectorProducts: Int?
    /// Seed of the probes (slq).
    public var seed: UInt64?

    /// ⟨λ⟩ = Σ w_k θ_k (equals trace / p).
    public var meanEigenvalue: Double { zip(nodes, weights).reduce(0) { $0 + $1.0 * $1.1 } }
    /// ⟨λ²⟩ = Σ w_k θ_k² (tr H² / p; for slq the Hutchinson estimate, exact per probe from two Lanczos steps on).
    public var secondMoment: Double { zip(nodes, weights).reduce(0) { $0 + $1.0 * $1.0 * $1.1 } }

    /// ρ(λ) at any λ.
    public func density(at lambda: Double) -> Double {
        Self.broadened(lambda, nodes: nodes, weights: weights, sigma: sigma)
    }

    /// The trapezoid sum of the density over the grid (≈ 1).
    public var gridMass: Double {
        guard grid.count >= 2 else { return 0 }
        let h = grid[1] - grid[0]
        return h * (density.reduce(0, +) - (density.first! + density.last!) / 2)
    }

    /// The measure's mass in `count` equal intervals spanning [lambdaMin, lambdaMax] (the last one closed), with
    /// their edges: a histogram of the eigenvalues (exact) or of the quadrature nodes (slq).
    public func histogram(count: Int) -> (edges: [Double], mass: [Double]) {
        let k = max(1, count)
        let lo = lambdaMin, hi = lambdaMax
        let width = hi > lo ? (hi - lo) / Double(k) : 0
        let edges = (0...k).map { $0 == k ? hi : lo + width * Double($0) }
        var mass = [Double](repeating: 0, count: k)
        for (x, w) in zip(nodes, weights) {
            let i = width > 0 ? min(k - 1, max(0, Int((x - lo) / width))) : 0
            mass[i] += w
        }
        return (edges, mass)
    }

    /// CSV text `lambda,density`, full precision.
    public func csv() -> String {
        var s = "lambda,density\n"
        for (x, r) in zip(grid, density) { s += "\(x),\(r)\n" }
        return s
    }

    /// Σ_k w_k·N(λ; θ_k, σ²).
    static func broadened(_ lambda: Double, nodes: [Double], weights: [Double], sigma: Double) -> Double {
        let c = 1 / (sigma * (2 * Double.pi).squareRoot())
        var s = 0.0
        for (x, w) in zip(nodes, weights) {
            let z = (lambda - x) / sigma
            if abs(z) < 40 { s += w * exp(-0.5 * z * z) }
        }
        return c * s
    }
}
