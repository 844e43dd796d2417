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
        // Sparse tangent columns, exactly as SymmetryAnalysis builds them.
        var columns: [[(index: Int, value: Double)]] = []
        for m in mixings {
            var col: [(Int, Double)] = []
            let wIn = w[m.layer - 1], wOut = w[m.layer]
            for i in 0..<wIn.rows {
                let v = wIn[i, m.j]
                if v != 0, let idx = arch.parameterIndex(layer: m.layer - 1, row: i, col: m.k) { col.append((idx, v)) }
            }
            for q in 0..<wOut.cols {
                let v = wOut[m.k, q]
                if v != 0, let idx = arch.parameterIndex(layer: m.layer, row: m.j, col: q) { col.append((idx, -v)) }
            }
            if !col.isEmpty { columns.append(col) }
        }
        // Connected components of overlapping supports (union–find over columns).
        var parent = Array(columns.indices)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        var owner = [Int](repeating: -1, count: p)
        for (c, col) in columns.enumerated() {
            for e in col {
                if owner[e.index] < 0 { owner[e.index] = c } else {
                    let a = find(owner[e.index]), b = find(c)
                    if a != b { parent[a] = b }
                }
            }
        }
        var groups: [Int: [Int]] = [:]
        for c in columns.indices { groups[find(c), default: []].append(c) }
        // SVD of each component on its support.
        var parts: [(rows: [Int], svd: SingularValueDecomposition)] = []
        for key in groups.keys.sorted() {
            let cols = groups[key]!
            let rows = Array(Set(cols.flatMap { columns[$0].map(\.index) })).sorted()
            var local = [Int: Int]()
            for (i, r) in rows.enumerated() { local[r] = i }
            try MemoryBudget.require(MemoryBudget.doubles(3, rows.count, cols.count),
                                     for: "the symmetry basis (an SVD of \(rows.count) weights × \(cols.count) mixings of hidden nodes)")
            try DecompositionWork.require(rows: rows.count, cols: cols.count, for: "the symmetry basis")
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
