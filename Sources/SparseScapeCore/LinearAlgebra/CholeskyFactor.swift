import CLapack

/// The Cholesky factor of a symmetric positive definite matrix (LAPACK `dpotrf`), for repeated solves (`dpotrs`).
///
/// The row-major lower triangle is handed to LAPACK as the column-major upper triangle (the same numbers for a
/// symmetric matrix), so LAPACKE neither transposes nor copies it.
public struct CholeskyFactor: Sendable {
    /// The order of the matrix.
    public let order: Int
    /// The factor (row-major lower triangle; the upper triangle holds the input's entries).
    private let factor: [Double]

    /// Factors `a` in its own storage (only its lower triangle is read); nil when `a` is not numerically positive
    /// definite.
    public init?(_ a: consuming Matrix) {
        precondition(a.rows == a.cols, "Cholesky needs a square matrix")
        let n = a.rows
        var work = (consume a).data
        if n > 0 {
            BLASThreads.configure(forWork: n * n * n / 3)
            let info = work.withUnsafeMutableBufferPointer { wp in
                LAPACKE_dpotrf_work(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int32(n), wp.baseAddress, Int32(n))
            }
            guard info == 0 else { return nil }
        }
        order = n
        factor = work
    }

    /// The solution x of A·x = b.
    public func solve(_ b: [Double]) -> [Double] {
        precondition(b.count == order, "the right-hand side has \(b.count) entries, expected \(order)")
        if order == 0 { return [] }
        var x = b
        let n = Int32(order)
        _ = factor.withUnsafeBufferPointer { fp in
            x.withUnsafeMutableBufferPointer { xp in
                LAPACKE_dpotrs_work(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), n, 1, fp.baseAddress, n, xp.baseAddress, n)
            }
        }
        return x
    }
}
