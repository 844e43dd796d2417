/// The tangent vectors of the hidden-node mixings at a point, and their groups of overlapping supports.
///
/// Tangent of E_jk in hidden layer l: W_{l−1}·E_jk puts column j of W_{l−1} into column k, and −E_jk·W_l puts
/// −(row k of W_l) into row j (0-based weights: W[l−1] into hidden layer l, W[l] out of it). Shared by the dense
/// count (`SymmetryAnalysis`), the sparse basis (`SymmetryBasis`) and the up-front cost (`CertificationCost`).
enum SymmetryTangents {
    /// One sparse column per mixing, entries (parameter index, value); a column is empty where the weights vanish.
    static func columns(_ arch: NetworkArchitecture, _ mixings: [(layer: Int, j: Int, k: Int)],
                        weights w: [Matrix]) -> [[(index: Int, value: Double)]] {
        mixings.map { m in
            var col: [(index: Int, value: Double)] = []
            let wIn = w[m.layer - 1], wOut = w[m.layer]
            for i in 0..<wIn.rows {
                let v = wIn[i, m.j]
                if v != 0, let idx = arch.parameterIndex(layer: m.layer - 1, row: i, col: m.k) { col.append((idx, v)) }
            }
            for q in 0..<wOut.cols {
                let v = wOut[m.k, q]
                if v != 0, let idx = arch.parameterIndex(layer: m.layer, row: m.j, col: q) { col.append((idx, -v)) }
            }
            return col
        }
    }

    /// The columns grouped into connected components of overlapping supports (union–find), each group's column
    /// indices in order, the groups in a fixed order.
    static func groups(_ columns: [[(index: Int, value: Double)]], dimension p: Int) -> [[Int]] {
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
        return groups.keys.sorted().map { groups[$0]! }
    }

    /// The parameter indices a group of columns touches, sorted.
    static func rows(of group: [Int], in columns: [[(index: Int, value: Double)]]) -> [Int] {
        Array(Set(group.flatMap { columns[$0].map(\.index) })).sorted()
    }

    /// Throws when the dense analysis (a p × mixings tangent matrix and its SVD) is over the memory or work limit.
    static func requireDenseAnalysis(parameters p: Int, mixings: Int) throws {
        try MemoryBudget.require(MemoryBudget.doubles(3, p, mixings),
                                 for: "the symmetry analysis (\(mixings) mixings of hidden nodes × \(p) weights)")
        try DecompositionWork.require(rows: p, cols: mixings, for: "the symmetry analysis")
    }

    /// Throws when one block of the sparse basis (an SVD of rows × columns) is over the memory or work limit.
    static func requireBasisBlock(rows: Int, columns: Int, memoryOnly: Bool = false) throws {
        try MemoryBudget.require(MemoryBudget.doubles(3, rows, columns),
                                 for: "the symmetry basis (an SVD of \(rows) weights × \(columns) mixings of hidden nodes)")
        if memoryOnly { return }
        try DecompositionWork.require(rows: rows, cols: columns, for: "the symmetry basis")
    }
}
