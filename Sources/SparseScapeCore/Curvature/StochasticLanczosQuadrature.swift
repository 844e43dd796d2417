import CLapack

/// Stochastic Lanczos quadrature (Ubaru, Chen & Saad 2017; the method of PyHessian): the spectral measure of a
/// symmetric operator estimated from a few random probes, with no p×p matrix.
///
/// For each Rademacher probe v (entries ±1, ‖v‖² = n) Lanczos with full reorthogonalisation runs m steps from
/// q₀ = v/√n, giving the tridiagonal T = Qᵀ·A·Q. Its eigenvalues θ_k (Ritz values) with the squared first components
/// τ_k² of its unit eigenvectors are an m-point Gauss quadrature for the measure Σᵢ (q₀ᵀuᵢ)² δ(λᵢ): exact for
/// polynomials up to degree 2m − 1. Averaged over probes, Σ_k τ_k² δ(θ_k) estimates the spectral density
/// (1/n)·Σᵢ δ(λᵢ), and n·q₀ᵀA·q₀ = vᵀA·v, the Hutchinson estimate of tr A (unbiased, its variance 2·Σ_{i≠j} A_ij²).
public enum StochasticLanczosQuadrature {
    /// The quadrature from one probe.
    public struct Probe: Equatable, Sendable {
        /// Ritz values θ_k, ascending.
        public var nodes: [Double]
        /// τ_k² (they sum to 1).
        public var weights: [Double]
        /// vᵀA·v for the probe v (‖v‖² = n): the probe's Hutchinson estimate of the trace.
        public var quadraticForm: Double
        /// Lanczos steps taken (fewer than asked when the Krylov space became invariant: then the quadrature is exact).
        public var steps: Int
    }

    /// Runs `probes` probes of at most `steps` Lanczos steps each on the symmetric operator `apply(x, y)`: y = A·x.
    ///
    /// Probe i is drawn from the i-th stream of `seed`, so adding probes keeps the earlier ones.
    public static func run(dimension n: Int, probes: Int, steps: Int, seed: UInt64,
                           apply: (UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Void) throws -> [Probe] {
        guard n >= 1 else { throw SparseScapeError("stochastic Lanczos quadrature needs a dimension of at least 1") }
        guard probes >= 1 else { throw SparseScapeError("stochastic Lanczos quadrature needs at least 1 probe, got \(probes)") }
        guard steps >= 1 else { throw SparseScapeError("stochastic Lanczos quadrature needs at least 1 Lanczos step, got \(steps)") }
        let m = min(steps, n)
        let basis = UnsafeMutablePointer<Double>.allocate(capacity: m * n)
        defer { basis.deallocate() }
        let w = UnsafeMutablePointer<Double>.allocate(capacity: n)
        defer { w.deallocate() }
        var coefficients = [Double](repeating: 0, count: m)
        var out: [Probe] = []
        out.reserveCapacity(probes)
        for i in 0..<probes {
            var rng = SeededGenerator(seed: seed, stream: i)
            // q₀ = v/√n with v Rademacher.
            let entry = 1 / Double(n).squareRoot()
            var bits: UInt64 = 0
            for k in 0..<n {
                if k & 63 == 0 { bits = rng.next() }
                basis[k] = (bits >> UInt64(k & 63)) & 1 == 0 ? entry : -entry
            }
            var alpha: [Double] = [], beta: [Double] = []
            var q = basis
            for j in 0..<m {
                apply(UnsafePointer(q), w)
                let a = cblas_ddot(Int32(n), q, 1, w, 1)
                guard a.isFinite else { throw SparseScapeError("the operator returned a non-finite value") }
                alpha.append(a)
                if j == m - 1 { break }
                cblas_daxpy(Int32(n), -a, q, 1, w, 1)
                if j > 0 { cblas_daxpy(Int32(n), -beta[j - 1], q - n, 1, w, 1) }
                // Full reorthogonalisation against q₀…q_j: classical Gram–Schmidt, twice (rounding would otherwise
                // bring back copies of converged Ritz values and distort the weights).
                let rows = j + 1
                BLASThreads.configure(forWork: rows * n)
                coefficients.withUnsafeMutableBufferPointer { c in
                    for _ in 0..<2 {
                        cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(rows), Int32(n), 1, basis, Int32(n), w, 1, 0, c.baseAddress, 1)
                        cblas_dgemv(CblasRowMajor, CblasTrans, Int32(rows), Int32(n), -1, basis, Int32(n), c.baseAddress, 1, 1, w, 1)
                    }
                }
                let b = cblas_dnrm2(Int32(n), w, 1)
                let scale = alpha.reduce(0) { max($0, abs($1)) } + (beta.max() ?? 0)
                if !(b > 1e-12 * scale) || b == 0 { break }   // invariant Krylov space: the quadrature is exact
                beta.append(b)
                q += n
                q.initialize(repeating: 0, count: n)
                cblas_daxpy(Int32(n), 1 / b, w, 1, q, 1)
            }
            let (nodes, first) = try tridiagonalEigen(alpha, beta)
            out.append(Probe(nodes: nodes, weights: first.map { $0 * $0 }, quadraticForm: Double(n) * alpha[0], steps: alpha.count))
        }
        return out
    }

    /// Eigenvalues (ascending) of the symmetric tridiagonal matrix with diagonal `d` and off-diagonal `e`, and the
    /// first component of each unit eigenvector, by LAPACK `dstevr`.
    static func tridiagonalEigen(_ d: [Double], _ e: [Double]) throws -> (values: [Double], firstComponents: [Double]) {
        let m = d.count
        let (values, z) = try SymmetricTridiagonal.eigen(d, e)
        return (values, (0..<m).map { z[$0 * m] })
    }
}
