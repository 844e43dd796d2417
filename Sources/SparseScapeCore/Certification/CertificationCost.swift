/// Whether the certificate of a network can be computed at all, decided from its masks before any training.
///
/// The symmetry analysis is the part whose size does not follow from the weights alone: up to p × (mixings) tangent
/// vectors (dense path, p ≤ `Certifier.denseSpectrumParameterLimit`), or SVD blocks over the connected groups of
/// tangents with overlapping supports (Lanczos path). With every weight non-zero — as at a random start — these
/// are their largest sizes, so `require` refuses up front, with the same memory and work rules as the analysis
/// itself, a network whose certificate would be refused after minutes of training (e.g. a 100,000-layer chain).
public enum CertificationCost {
    /// Throws the error the certificate would throw later, when the symmetry analysis of `arch` is over the memory
    /// budget or the work limit at a point with no zero weight.
    public static func require(_ arch: NetworkArchitecture) throws {
        let mixings = try SymmetryAnalysis.allowedMixings(arch)
        guard !mixings.isEmpty else { return }
        let p = arch.parameterCount
        if CurvatureMethod.chosen(forParameterCount: p) == .dense {
            try MemoryBudget.require(MemoryBudget.doubles(3, p, mixings.count),
                                     for: "the symmetry analysis (\(mixings.count) mixings of hidden nodes × \(p) weights)")
            try DecompositionWork.require(rows: p, cols: mixings.count, for: "the symmetry analysis")
            return
        }
        // Union–find over the tangents' supports (the positions each mixing can move), as SymmetryBasis groups them.
        var parent = Array(mixings.indices)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        var owner = [Int](repeating: -1, count: p)
        for (c, m) in mixings.enumerated() {
            var support: [Int] = []
            for i in 0..<arch.widths[m.layer - 1] {
                if arch.masks[m.layer - 1][i * arch.widths[m.layer] + m.j], let idx = arch.parameterIndex(layer: m.layer - 1, row: i, col: m.k) {
                    support.append(idx)
                }
            }
            for q in 0..<arch.widths[m.layer + 1] {
                if arch.masks[m.layer][m.k * arch.widths[m.layer + 1] + q], let idx = arch.parameterIndex(layer: m.layer, row: m.j, col: q) {
                    support.append(idx)
                }
            }
            for e in support {
                if owner[e] < 0 { owner[e] = c } else {
                    let a = find(owner[e]), b = find(c)
                    if a != b { parent[a] = b }
                }
            }
        }
        var columns: [Int: Int] = [:], rows: [Int: Int] = [:]
        for c in mixings.indices { columns[find(c), default: 0] += 1 }
        for e in 0..<p where owner[e] >= 0 { rows[find(owner[e]), default: 0] += 1 }
        for (root, cols) in columns {
            let r = rows[root] ?? 0
            try MemoryBudget.require(MemoryBudget.doubles(3, r, cols),
                                     for: "the symmetry basis (an SVD of \(r) weights × \(cols) mixings of hidden nodes)")
            try DecompositionWork.require(rows: r, cols: cols, for: "the symmetry basis")
        }
    }
}
