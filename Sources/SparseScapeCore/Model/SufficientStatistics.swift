import CLapack

/// The data summaries that determine the loss exactly: G = XᵀX, C = XᵀY and ‖Y‖²_F.
///
/// With them, ½‖Y − XP‖² = ½(‖Y‖² − 2⟨P, C⟩ + ⟨P, GP⟩), so nothing downstream grows with n.
public struct SufficientStatistics: Equatable, Sendable {
    /// XᵀX (dx × dx).
    public let gram: Matrix
    /// XᵀY (dx × dy).
    public let cross: Matrix
    /// ‖Y‖²_F.
    public let targetNormSquared: Double
    /// ‖XᵀX‖_F.
    public let gramNorm: Double
    /// ‖XᵀY‖_F.
    public let crossNorm: Double

    /// Computes the statistics of a dataset (one pass of BLAS products).
    public init(_ data: Dataset) throws {
        let x = data.x, y = data.y
        var g = Matrix(rows: x.cols, cols: x.cols)
        var c = Matrix(rows: x.cols, cols: y.cols)
        x.data.withUnsafeBufferPointer { xp in
            y.data.withUnsafeBufferPointer { yp in
                g.data.withUnsafeMutableBufferPointer { gp in
                    if x.cols * x.cols * x.rows > GEMM.blasThreshold {
                        // XᵀX is symmetric: dsyrk computes one triangle (half the flops of a general product).
                        BLASThreads.configure(forWork: x.cols * x.cols * x.rows / 2)
                        cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(x.cols), Int32(x.rows), 1,
                                    xp.baseAddress!, Int32(x.cols), 0, gp.baseAddress!, Int32(x.cols))
                        for i in 0..<x.cols { for j in 0..<i { gp[i * x.cols + j] = gp[j * x.cols + i] } }
                    } else {
                        GEMM.general(xp.baseAddress!, transA: true, xp.baseAddress!, transB: false, gp.baseAddress!,
                                     m: x.cols, k: x.rows, n: x.cols, alpha: 1, beta: 0)
                    }
                }
                c.data.withUnsafeMutableBufferPointer { cp in
                    GEMM.general(xp.baseAddress!, transA: true, yp.baseAddress!, transB: false, cp.baseAddress!,
                                 m: x.cols, k: x.rows, n: y.cols, alpha: 1, beta: 0)
                }
            }
        }
        // Symmetrise (BLAS may round the two triangles differently).
        for i in 0..<g.rows { for j in (i + 1)..<max(i + 1, g.cols) { let v = 0.5 * (g[i, j] + g[j, i]); g[i, j] = v; g[j, i] = v } }
        gram = g
        cross = c
        targetNormSquared = y.frobeniusNormSquared
        gramNorm = g.frobeniusNorm
        crossNorm = c.frobeniusNorm
        guard gram.isFinite, cross.isFinite, targetNormSquared.isFinite else {
            throw SparseScapeError("the data are too large: XᵀX, XᵀY or ‖Y‖² overflow to a non-finite value")
        }
        // Below 2⁻⁹⁶⁹ a sum of squares loses digits to subnormal numbers: the verdicts would depend on the units.
        let smallest = 0x1p-969
        let xLargest = x.data.map(abs).max() ?? 0, yLargest = y.data.map(abs).max() ?? 0
        for (name, v) in [("X", xLargest), ("Y", yLargest)] where v > 0 && v * v < smallest {
            throw SparseScapeError("the data are too small: the largest |\(name)| is \(v), whose square is below the range where double precision keeps its 16 digits (about 1e-292); rescale X and Y")
        }
    }

    /// Statistics given directly (for tests and reduced problems).
    public init(gram: Matrix, cross: Matrix, targetNormSquared: Double) {
        self.gram = gram
        self.cross = cross
        self.targetNormSquared = targetNormSquared
        gramNorm = gram.frobeniusNorm
        crossNorm = cross.frobeniusNorm
    }
}
