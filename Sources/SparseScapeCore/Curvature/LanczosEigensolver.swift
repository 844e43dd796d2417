import CLapack

/// Settings of a Lanczos run.
public struct LanczosSettings: Codable, Equatable, Sendable {
    /// Iteration cap; nil for min(dimension, `defaultMaximumIterations`).
    public var maxIterations: Int?
    /// An extreme Ritz value θ is converged when its residual |β_k·s_k| ≤ tolerance · max(1, |θ|) (or
    /// tolerance · max(1, |θ|max) with `relativeToSpectrum`).
    public var tolerance: Double
    /// Measure every residual against the spectral scale max(1, |θmin|, |θmax|) instead of the Ritz value's own size:
    /// the scale of `CertificationTolerances.eigenvalue`, so that a Ritz value near 0 is judged as certification judges it.
    public var relativeToSpectrum: Bool
    /// Seed of the random starting vector.
    public var seed: UInt64
    /// How many of the smallest Ritz values to report.
    public var smallestCount: Int
    /// Run the second Gram–Schmidt pass at every step, not only when the first one cancelled much of the vector
    /// (the default skips it when it cannot matter, halving the memory traffic of the reorthogonalisation).
    public var alwaysReorthogonaliseTwice: Bool

    /// The default iteration cap (400).
    public static let defaultMaximumIterations = 400

    /// Defaults: at most min(n, 400) iterations, tolerance 1e-8 relative to each Ritz value, seed 0x1A2C05, the 4
    /// smallest Ritz values, second Gram–Schmidt pass when needed.
    public init(maxIterations: Int? = nil, tolerance: Double = 1e-8, seed: UInt64 = 0x1A_2C05, smallestCount: Int = 4,
                alwaysReorthogonaliseTwice: Bool = false, relativeToSpectrum: Bool = false) {
        self.relativeToSpectrum = relativeToSpectrum
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.seed = seed
        self.smallestCount = smallestCount
        self.alwaysReorthogonaliseTwice = alwaysReorthogonaliseTwice
    }
}

/// The extreme eigenvalues found by a Lanczos run.
public struct LanczosResult: Codable, Equatable, Sendable {
    /// Smallest Ritz value (an upper bound on λmin: it is a Rayleigh quotient).
    public var lambdaMin: Double
    /// Largest Ritz value (a lower bound on λmax).
    public var lambdaMax: Double
    /// Lanczos steps taken (operator applications).
    public var iterations: Int
    /// True when the smallest Ritz value met the residual tolerance.
    public var minConverged: Bool
    /// True when the largest Ritz value met the residual tolerance.
    public var maxConverged: Bool
    /// Residual |β_k·s_k| of the smallest Ritz value (a bound on its distance to an eigenvalue).
    public var minResidual: Double
    /// Residual of the largest Ritz value.
    public var maxResidual: Double
    /// The smallest Ritz values, ascending (multiple eigenvalues appear once: Lanczos does not resolve multiplicity).
    public var smallestRitzValues: [Double]
    /// True when the Krylov space became invariant (or filled the space): the Ritz values are exact eigenvalues.
    public var exhausted: Bool
    /// Classical Gram–Schmidt passes over the stored basis (one or two per step).
    public var reorthogonalisationPasses: Int
    /// The unit Ritz vector of `lambdaMin` (orthogonal to the deflation basis), when `extremes` was asked for it.
    public var smallestRitzVector: [Double]? = nil

    /// Both extremes converged.
    public var converged: Bool { minConverged && maxConverged }
}

/// Extreme eigenvalues of a symmetric operator by the Lanczos process with full reorthogonalisation.
///
/// The Krylov basis is stored; each new vector is orthogonalised against every previous one (and against an optional
/// orthonormal deflation basis) by classical Gram–Schmidt through BLAS `dgemv`, twice when the first pass cancelled
/// more than 1 − 1/√2 of its norm (the DGKS criterion; `alwaysReorthogonaliseTwice` forces two passes). The Ritz
/// values are the eigenvalues of the tridiagonal matrix, computed by LAPACK `dstevr` after each step; the run stops once both the
/// smallest and the largest are converged, when the Krylov space is invariant, or after the iteration cap. With a
/// deflation basis U the process runs on the orthogonal complement of U: it returns the extremes of PAP restricted
/// to U⊥ (P the projector onto U⊥).
public enum LanczosEigensolver {
    /// Extremes of the symmetric operator `apply(x, y)`: y = A·x on buffers of length `dimension`.
    ///
    /// `deflation` holds r orthonormal vectors of length `dimension`, row after row (r·dimension entries).
    /// `smallestVector` also returns the unit Ritz vector of the smallest Ritz value.
    public static func extremes(dimension n: Int, deflation: [Double] = [], settings: LanczosSettings = .init(),
                                smallestVector: Bool = false, apply: (UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Void) throws -> LanczosResult {
        guard n >= 1 else { throw SparseScapeError("Lanczos needs a dimension of at least 1") }
        guard deflation.count % n == 0 else { throw SparseScapeError("the deflation basis has \(deflation.count) entries, not a multiple of \(n)") }
        guard settings.tolerance.isFinite, settings.tolerance > 0 else { throw SparseScapeError("the Lanczos tolerance must be finite and > 0") }
        let r = deflation.count / n
        guard r < n else { throw SparseScapeError("the deflation basis spans the whole space: nothing left for Lanczos") }
        let cap = settings.maxIterations ?? min(n, LanczosSettings.defaultMaximumIterations)
        guard cap >= 1 else { throw SparseScapeError("the Lanczos iteration cap must be at least 1") }
        let mMax = min(n - r, cap)

        // Rows 0..<r: the deflation basis; rows r..<r+j+1: the Krylov vectors q_0…q_j. Pages are touched as used.
        let rowsCapacity = r + mMax
        try MemoryBudget.require(MemoryBudget.doubles(rowsCapacity, n), for: "a Lanczos basis of \(rowsCapacity) vectors of \(n) weights")
        let basis = UnsafeMutablePointer<Double>.allocate(capacity: rowsCapacity * n)
        defer { basis.deallocate() }
        deflation.withUnsafeBufferPointer { d in if r > 0 { basis.initialize(from: d.baseAddress!, count: r * n) } }
        let w = UnsafeMutablePointer<Double>.allocate(capacity: n)
        defer { w.deallocate() }
        var coefficients = [Double](repeating: 0, count: rowsCapacity)

        var passes = 0
        /// Orthogonalises w against the first `rows` rows of the basis by classical Gram–Schmidt, twice: always with
        /// `alwaysReorthogonaliseTwice`, else when the first pass cancelled more than 1 − 1/√2 of w's norm
        /// (Daniel–Gragg–Kaufman–Stewart: otherwise a second pass changes w only by rounding). Returns ‖w‖ afterwards.
        func reorthogonalise(_ rows: Int) -> Double {
            var norm = cblas_dnrm2(Int32(n), w, 1)
            guard rows > 0 else { return norm }
            BLASThreads.configure(forWork: rows * n)
            coefficients.withUnsafeMutableBufferPointer { c in
                for pass in 0..<2 {
                    cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(rows), Int32(n), 1, basis, Int32(n), w, 1, 0, c.baseAddress, 1)
                    cblas_dgemv(CblasRowMajor, CblasTrans, Int32(rows), Int32(n), -1, basis, Int32(n), c.baseAddress, 1, 1, w, 1)
                    passes += 1
                    let after = cblas_dnrm2(Int32(n), w, 1)
                    let enough = pass == 0 && !settings.alwaysReorthogonaliseTwice && after >= 0.5.squareRoot() * norm
                    norm = after
                    if enough { break }
                }
            }
            return norm
        }

        // Seeded random start, orthogonal to the deflation basis.
        var rng = SeededGenerator(seed: settings.seed)
        for i in 0..<n { w[i] = rng.gaussian() }
        var norm = reorthogonalise(r)
        guard norm > 0, norm.isFinite else { throw SparseScapeError("Lanczos could not build a starting vector") }
        var q = basis + r * n
        q.initialize(repeating: 0, count: n)
        cblas_daxpy(Int32(n), 1 / norm, w, 1, q, 1)

        var alpha: [Double] = [], beta: [Double] = []
        var lastSmallest: [Double] = []
        var result = LanczosResult(lambdaMin: .nan, lambdaMax: .nan, iterations: 0, minConverged: false, maxConverged: false,
                                   minResidual: .infinity, maxResidual: .infinity, smallestRitzValues: [], exhausted: false,
                                   reorthogonalisationPasses: 0)
        for j in 0..<mMax {
            apply(UnsafePointer(q), w)
            let a = cblas_ddot(Int32(n), q, 1, w, 1)
            guard a.isFinite else { throw SparseScapeError("the operator returned a non-finite value") }
            cblas_daxpy(Int32(n), -a, q, 1, w, 1)
            if j > 0 { cblas_daxpy(Int32(n), -beta[j - 1], q - n, 1, w, 1) }
            norm = reorthogonalise(r + j + 1)
            alpha.append(a)

            let ritz = try tridiagonalEigen(alpha, beta)
            let m = alpha.count
            lastSmallest = (0..<m).map { ritz.vectors[$0] }
            let tMin = ritz.values[0], tMax = ritz.values[m - 1]
            let resMin = norm * abs(ritz.lastComponents[0]), resMax = norm * abs(ritz.lastComponents[m - 1])
            let scale = max(abs(tMin), abs(tMax))
            let exhausted = m == n - r || norm <= 1e-14 * scale || norm == 0
            result = LanczosResult(lambdaMin: tMin, lambdaMax: tMax, iterations: m,
                                   minConverged: exhausted
                                       || resMin <= settings.tolerance * max(1, settings.relativeToSpectrum ? scale : abs(tMin)),
                                   maxConverged: exhausted || resMax <= settings.tolerance * max(1, abs(tMax)),
                                   minResidual: exhausted ? min(resMin, norm) : resMin, maxResidual: exhausted ? min(resMax, norm) : resMax,
                                   smallestRitzValues: Array(ritz.values.prefix(max(1, settings.smallestCount))), exhausted: exhausted,
                                   reorthogonalisationPasses: passes)
            if exhausted || result.converged || j == mMax - 1 { break }
            beta.append(norm)
            q += n
            q.initialize(repeating: 0, count: n)
            cblas_daxpy(Int32(n), 1 / norm, w, 1, q, 1)
        }
        if smallestVector {
            // y = Σ_k s_k·q_k over the Krylov vectors of the last tridiagonal matrix, normalised.
            var y = [Double](repeating: 0, count: n)
            y.withUnsafeMutableBufferPointer { yp in
                for (k, s) in lastSmallest.enumerated() { cblas_daxpy(Int32(n), s, basis + (r + k) * n, 1, yp.baseAddress, 1) }
                let length = cblas_dnrm2(Int32(n), yp.baseAddress, 1)
                if length > 0 { cblas_dscal(Int32(n), 1 / length, yp.baseAddress, 1) }
            }
            result.smallestRitzVector = y
        }
        return result
    }

    /// Extremes of a dense symmetric matrix (for checks against `SymmetricEigen`).
    public static func extremes(of a: Matrix, deflation: [Double] = [], settings: LanczosSettings = .init()) throws -> LanczosResult {
        precondition(a.rows == a.cols, "Lanczos needs a square matrix")
        let n = a.rows
        return try a.data.withUnsafeBufferPointer { ap in
            try extremes(dimension: n, deflation: deflation, settings: settings) { x, y in
                BLASThreads.configure(forWork: n * n)
                cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(n), Int32(n), 1, ap.baseAddress, Int32(n), x, 1, 0, y, 1)
            }
        }
    }

    /// Eigenvalues (ascending) of the symmetric tridiagonal matrix with diagonal `d` and off-diagonal `e`, and the
    /// last component of each unit eigenvector, by LAPACK `dstevr`.
    /// last component of each unit eigenvector, and the whole first (smallest) eigenvector, by LAPACK `dstevr`.
    static func tridiagonalEigen(_ d: [Double], _ e: [Double]) throws -> (values: [Double], lastComponents: [Double], vectors: [Double]) {
        let m = d.count
        let (values, z) = try SymmetricTridiagonal.eigen(d, e)
        return (values, (0..<m).map { z[$0 * m + m - 1] }, (0..<m).map { z[$0] })
    }
}
