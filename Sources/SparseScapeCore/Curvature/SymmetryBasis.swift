/// An orthonormal basis of the symmetry directions at a point (the span of `SymmetryAnalysis`'s tangent vectors), for
/// deflating the Hessian's symmetry zeros out of a Lanczos run.
///
/// The tangent vectors are sparse: mixing (l, j, k) touches column k of W_{l−1} and row j of W_l only. They are grouped
/// into connected components of overlapping supports; each component is decomposed by LAPACK `dgesdd` restricted to
/// its own support, and the left singular vectors of the singular values above max(threshold, 1e-10 · the largest of
/// all) are kept. The singular values are those of the whole tangent matrix, so `rank` equals
/// `SymmetryAnalysis.zeroEigenvalueCount`; but for a sparse network with p ≈ 10⁵ this costs milliseconds, where the
/// dense p × (number of mixings) SVD costs seconds. (Dense hidden layers of width h give one component of h² mixings.)
public struct SymmetryBasis: Sendable {
    /// Length of each vector (the number of free parameters).
    public let dimension: Int
    /// Number of independent symmetry directions.
    public let rank: Int
    /// The orthonormal vectors, row after row (rank · dimension entries).
    public let vectors: [Double]

    /// The basis at `params`; `threshold` as in `SymmetryAnalysis.zeroEigenvalueCount`.
    public init(_ arch: NetworkArchitecture, _ params: [Double], threshold: Double) throws {
        precondition(params.count == arch.parameterCount)
        let p = arch.parameterCount
        dimension = p
        let mixings = try SymmetryAnalysis.allowedMixings(arch)
        let w = arch.weights(from: params)
        let columns = SymmetryTangents.columns(arch, mixings, weights: w).filter { !$0.isEmpty }
        // SVD of each component of overlapping supports, on its support.
        var parts: [(rows: [Int], svd: SingularValueDecomposition)] = []
        for cols in SymmetryTangents.groups(columns, dimension: p) {
            let rows = SymmetryTangents.rows(of: cols, in: columns)
            var local = [Int: Int]()
            for (i, r) in rows.enumerated() { local[r] = i }
            try SymmetryTangents.requireBasisBlock(rows: rows.count, columns: cols.count)
            var t = Matrix(rows: rows.count, cols: cols.count)
            for (c, col) in cols.enumerated() { for e in columns[col] { t[local[e.index]!, c] += e.value } }
            parts.append((rows, try SingularValueDecomposition(t)))
        }
        let top = parts.map { $0.svd.singularValues.first ?? 0 }.max() ?? 0
        let cutoff = max(threshold, 1e-10 * top)
        var out: [Double] = []
        var count = 0
        for part in parts {
            for (i, s) in part.svd.singularValues.enumerated() where s > cutoff {
                var v = [Double](repeating: 0, count: p)
                for (a, r) in part.rows.enumerated() { v[r] = part.svd.u[a, i] }
                out += v
                count += 1
            }
        }
        rank = count
        vectors = out
    }
}
