import CLapack

/// Matrix products on raw row-major buffers: plain loops for small sizes, OpenBLAS above a threshold.
public enum GEMM {
    /// Products with m·k·n at or below this many multiply-adds use plain Swift loops (no BLAS call overhead).
    public static let blasThreshold = 16 * 16 * 16

    /// C (m×n) = A (m×k) · B (k×n).
    @inlinable
    public static func multiply(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>,
                                m: Int, k: Int, n: Int) {
        general(a, transA: false, b, transB: false, c, m: m, k: k, n: n, alpha: 1, beta: 0)
    }

    /// C = alpha · op(A) · op(B) + beta · C, row-major, where op(A) is m×k and op(B) is k×n.
    ///
    /// `a` is stored m×k (or k×m when `transA`), `b` is stored k×n (or n×k when `transB`).
    @inlinable
    public static func general(_ a: UnsafePointer<Double>, transA: Bool,
                               _ b: UnsafePointer<Double>, transB: Bool,
                               _ c: UnsafeMutablePointer<Double>,
                               m: Int, k: Int, n: Int, alpha: Double, beta: Double) {
        if m == 0 || n == 0 { return }
        if m * k * n > blasThreshold {
            BLASThreads.configure(forWork: m * k * n)
            cblas_dgemm(CblasRowMajor,
                        transA ? CblasTrans : CblasNoTrans,
                        transB ? CblasTrans : CblasNoTrans,
                        Int32(m), Int32(n), Int32(k), alpha,
                        a, Int32(transA ? m : k),
                        b, Int32(transB ? k : n),
                        beta, c, Int32(n))
            return
        }
        for i in 0..<m {
            for j in 0..<n {
                var s = 0.0
                for p in 0..<k {
                    let av = transA ? a[p * m + i] : a[i * k + p]
                    let bv = transB ? b[j * k + p] : b[p * n + j]
                    s += av * bv
                }
                c[i * n + j] = beta == 0 ? alpha * s : alpha * s + beta * c[i * n + j]
            }
        }
    }
}
