/// Data projected onto the orthogonal complement of some feature columns: (I − P_{X_S})·M.
enum ProjectedData {
    /// (I − P_{X_S})·M for the columns S of X (least squares through the pseudo-inverse of X_SᵀX_S).
    static func complement(of x: Matrix, columns s: [Int], applyTo m: Matrix) throws -> Matrix {
        if s.isEmpty { return m }
        let xs = x.submatrix(rows: Array(0..<x.rows), cols: s)
        let coef = try SymmetricFunctions.pseudoInverse(xs.transposeMultiplied(by: xs)).multiplied(by: xs.transposeMultiplied(by: m))
        return m - xs.multiplied(by: coef)
    }
}
