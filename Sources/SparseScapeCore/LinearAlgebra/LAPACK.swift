import CLapack

/// An error from a LAPACK routine (non-zero `info`).
public struct LAPACKError: Error, CustomStringConvertible, Sendable {
    /// The routine that failed.
    public let routine: String
    /// LAPACK's `info` code.
    public let info: Int32
    /// A one-line description.
    public var description: String { "LAPACK \(routine) failed (info = \(info))" }
}

/// Eigen-decomposition of a symmetric matrix through LAPACK `dsyevd`.
public struct SymmetricEigen: Sendable {
    /// Eigenvalues in ascending order.
    public let values: [Double]
    /// Eigenvectors as the columns of an n×n matrix (nil when only values were asked for).
    public let vectors: Matrix?

    /// Decomposes the symmetric matrix `a` (only its upper triangle is read).
    public init(_ a: Matrix, vectors wantVectors: Bool = true) throws {
        precondition(a.rows == a.cols, "symmetric eigenproblem needs a square matrix")
        let n = a.rows
        if n == 0 { values = []; vectors = wantVectors ? Matrix(rows: 0, cols: 0) : nil; return }
        var work = a.data
        var w = [Double](repeating: 0, count: n)
        BLASThreads.configure(forWork: n * n * n)
        let info = work.withUnsafeMutableBufferPointer { wp in
            w.withUnsafeMutableBufferPointer { ev in
                LAPACKE_dsyevd(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: wantVectors ? "V" : "N")),
                               Int8(UInt8(ascii: "U")), Int32(n), wp.baseAddress, Int32(n), ev.baseAddress)
            }
        }
        guard info == 0 else { throw LAPACKError(routine: "dsyevd", info: info) }
        values = w
        vectors = wantVectors ? Matrix(rows: n, cols: n, data: work) : nil
    }
}

/// Singular value decomposition through LAPACK `dgesdd`: A = U · diag(s) · Vᵀ (thin); when divide and conquer
/// fails to converge (info > 0, which happens on some badly scaled matrices), LAPACK's QR-iteration `dgesvd` is tried.
public struct SingularValueDecomposition: Sendable {
    /// Left singular vectors, m×k with k = min(m, n).
    public let u: Matrix
    /// Singular values, descending, k of them.
    public let singularValues: [Double]
    /// Right singular vectors transposed, k×n.
    public let vt: Matrix

    /// Decomposes `a`.
    public init(_ a: Matrix) throws {
        let m = a.rows, n = a.cols, k = min(m, n)
        var work = a.data
        var s = [Double](repeating: 0, count: k)
        var u = [Double](repeating: 0, count: m * k)
        var vt = [Double](repeating: 0, count: k * n)
        if k == 0 {
            self.u = Matrix(rows: m, cols: 0); singularValues = []; self.vt = Matrix(rows: 0, cols: n); return
        }
        BLASThreads.configure(forWork: m * n * k)
        let info = work.withUnsafeMutableBufferPointer { ap in
            s.withUnsafeMutableBufferPointer { sp in
                u.withUnsafeMutableBufferPointer { up in
                    vt.withUnsafeMutableBufferPointer { vp in
                        LAPACKE_dgesdd(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "S")), Int32(m), Int32(n),
                                       ap.baseAddress, Int32(n), sp.baseAddress,
                                       up.baseAddress, Int32(k), vp.baseAddress, Int32(n))
                    }
                }
            }
        }
        if info > 0 {
            work = a.data
            var superb = [Double](repeating: 0, count: max(1, k - 1))
            let again = work.withUnsafeMutableBufferPointer { ap in
                s.withUnsafeMutableBufferPointer { sp in
                    u.withUnsafeMutableBufferPointer { up in
                        vt.withUnsafeMutableBufferPointer { vp in
                            superb.withUnsafeMutableBufferPointer { bp in
                                LAPACKE_dgesvd(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "S")), Int8(UInt8(ascii: "S")), Int32(m), Int32(n),
                                               ap.baseAddress, Int32(n), sp.baseAddress, up.baseAddress, Int32(k), vp.baseAddress,
                                               Int32(n), bp.baseAddress)
                            }
                        }
                    }
                }
            }
            guard again == 0 else { throw LAPACKError(routine: "dgesdd and dgesvd", info: again) }
        } else if info < 0 {
            throw LAPACKError(routine: "dgesdd", info: info)
        }
        self.u = Matrix(rows: m, cols: k, data: u)
        singularValues = s
        self.vt = Matrix(rows: k, cols: n, data: vt)
    }
}

/// Functions of a symmetric positive semi-definite matrix computed from its eigen-decomposition.
public enum SymmetricFunctions {
    /// Eigenvalues below `relativeCutoff · λ_max` count as zero.
    public static let relativeCutoff = 1e-12

    /// The Moore–Penrose pseudo-inverse of a symmetric PSD matrix.
    public static func pseudoInverse(_ a: Matrix) throws -> Matrix {
        try apply(a) { $0 > 0 ? 1 / $0 : 0 }
    }

    /// The pseudo-inverse of a symmetric (possibly indefinite) matrix: eigenvalues with |λ| ≤ `cutoff` count as zero.
    public static func pseudoInverse(_ a: Matrix, cutoff: Double) throws -> Matrix {
        let n = a.rows
        let eig = try SymmetricEigen(a, vectors: true)
        let q = eig.vectors!
        let inv = eig.values.map { abs($0) > cutoff ? 1 / $0 : 0 }
        var out = Matrix(rows: n, cols: n)
        for i in 0..<n { for j in 0..<n { var s = 0.0; for k in 0..<n { s += q[i, k] * inv[k] * q[j, k] }; out[i, j] = s } }
        return out
    }

    /// The pseudo-inverse square root (A⁺)^{1/2} of a symmetric PSD matrix.
    public static func pseudoInverseSqrt(_ a: Matrix) throws -> Matrix {
        try apply(a) { $0 > 0 ? 1 / $0.squareRoot() : 0 }
    }

    /// The square root A^{1/2} of a symmetric PSD matrix.
    public static func sqrt(_ a: Matrix) throws -> Matrix {
        try apply(a) { $0 > 0 ? $0.squareRoot() : 0 }
    }

    /// Q · diag(f(λ)) · Qᵀ, with eigenvalues below the cutoff passed to f as 0.
    static func apply(_ a: Matrix, _ f: (Double) -> Double) throws -> Matrix {
        let n = a.rows
        let eig = try SymmetricEigen(a, vectors: true)
        let q = eig.vectors!
        let top = eig.values.map(abs).max() ?? 0
        let fl = eig.values.map { $0 > relativeCutoff * top ? f($0) : f(0) }
        var out = Matrix(rows: n, cols: n)
        for i in 0..<n {
            for j in 0..<n {
                var s = 0.0
                for k in 0..<n { s += q[i, k] * fl[k] * q[j, k] }
                out[i, j] = s
            }
        }
        return out
    }
}

/// Eigen-decomposition of a symmetric tridiagonal matrix through LAPACK `dstevr` (used by the Lanczos solvers).
enum SymmetricTridiagonal {
    /// Eigenvalues (ascending) of the matrix with diagonal `d` and off-diagonal `e`, and its unit eigenvectors,
    /// column-major m×m (eigenvector i is `vectors[i·m ..< (i+1)·m]`).
    static func eigen(_ d: [Double], _ e: [Double]) throws -> (values: [Double], vectors: [Double]) {
        let m = d.count
        if m == 1 { return ([d[0]], [1]) }
        var diag = d
        var off = e + [0]
        var found: Int32 = 0
        var values = [Double](repeating: 0, count: m)
        var z = [Double](repeating: 0, count: m * m)
        var support = [Int32](repeating: 0, count: 2 * m)
        let info = diag.withUnsafeMutableBufferPointer { dp in
            off.withUnsafeMutableBufferPointer { ep in
                values.withUnsafeMutableBufferPointer { wp in
                    z.withUnsafeMutableBufferPointer { zp in
                        support.withUnsafeMutableBufferPointer { sp in
                            LAPACKE_dstevr(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "A")), Int32(m),
                                           dp.baseAddress, ep.baseAddress, 0, 0, 0, 0, 0, &found,
                                           wp.baseAddress, zp.baseAddress, Int32(m), sp.baseAddress)
                        }
                    }
                }
            }
        }
        guard info == 0, Int(found) == m else { throw LAPACKError(routine: "dstevr", info: info) }
        return (values, z)
    }
}
