/// Counts the Hessian zero eigenvalues explained by the network's continuous symmetries at a point.
///
/// For hidden layer l, replacing (W_l, W_{l+1}) by (W_l·(I + εA), (I − εA)·W_{l+1}) leaves the loss unchanged.
/// Such a mixing respects the masks for every point when A_{jk} ≠ 0 only if in(j) ⊆ in(k) and out(k) ⊆ out(j)
/// (supports of node j's incoming and outgoing weights). Diagonal A (rescaling one node) always qualifies; in a
/// dense layer every A does (the GL(h) symmetry). At a critical point each tangent direction (W_l·A, −A·W_{l+1})
/// is a null vector of the Hessian; the count is the rank of these directions at the point (dead nodes add none).
public enum SymmetryAnalysis {
    /// The allowed elementary mixings (layer, j, k) of hidden nodes, from the masks alone.
    public static func allowedMixings(_ arch: NetworkArchitecture) throws -> [(layer: Int, j: Int, k: Int)] {
        guard arch.depth >= 2 else { return [] }
        // Up to h² pairs per hidden layer are listed (three integers each).
        let pairs = (1..<arch.depth).reduce(0) { $0.addingReportingOverflow(MemoryBudget.product([arch.widths[$1], arch.widths[$1]]) ?? Int.max).partialValue }
        try MemoryBudget.require(MemoryBudget.product([24, pairs]), for: "listing the mixings of hidden nodes (\(pairs) pairs)")
        var out: [(Int, Int, Int)] = []
        for l in 1..<arch.depth {
            let h = arch.widths[l], prev = arch.widths[l - 1], next = arch.widths[l + 1]
            let inSupport = (0..<h).map { j in Set((0..<prev).filter { arch.masks[l - 1][$0 * h + j] }) }
            let outSupport = (0..<h).map { j in Set((0..<next).filter { arch.masks[l][j * next + $0] }) }
            for j in 0..<h {
                for k in 0..<h where inSupport[j].isSubset(of: inSupport[k]) && outSupport[k].isSubset(of: outSupport[j]) {
                    out.append((l, j, k))
                }
            }
        }
        return out
    }

    /// The number of independent directions at `params` along which the loss is constant: the symmetry tangents
    /// (their rank) and the first-layer weights of `invisible` input features (zero columns of X, which the data
    /// cannot see: every point has them as exact zero eigenvalues).
    public static func zeroEigenvalueCount(_ arch: NetworkArchitecture, _ params: [Double], threshold: Double,
                                           invisible: [Int] = []) throws -> Int {
        // Weights out of invisible features: their coordinates are flat directions of their own.
        var hidden = Set<Int>()
        for row in invisible where row < arch.inputWidth {
            for col in 0..<arch.widths[1] { if let k = arch.parameterIndex(layer: 0, row: row, col: col) { hidden.insert(k) } }
        }
        let mixings = try allowedMixings(arch)
        if mixings.isEmpty { return hidden.count }
        let w = arch.weights(from: params)
        let p = arch.parameterCount
        // The tangent matrix (p × mixings) and the SVD's copy and workspace of the same size.
        try SymmetryTangents.requireDenseAnalysis(parameters: p, mixings: mixings.count)
        var t = Matrix(rows: p, cols: mixings.count)
        for (c, col) in SymmetryTangents.columns(arch, mixings, weights: w).enumerated() {
            for e in col where !hidden.contains(e.index) { t[e.index, c] += e.value }
        }
        let s = try SingularValueDecomposition(t).singularValues
        let top = s.first ?? 0
        return s.filter { $0 > max(threshold, 1e-10 * top) }.count + hidden.count
    }
}
