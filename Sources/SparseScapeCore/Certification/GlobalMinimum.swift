/// The global minimum value where theory gives it in closed form, or a lower bound otherwise.
public struct GlobalMinimum: Codable, Equatable, Sendable {
    /// The value (the global minimum when `exact`, else a lower bound).
    public let value: Double
    /// How it was obtained.
    public let method: String
    /// True when `value` is the global minimum itself, false when it is only a lower bound.
    public let exact: Bool

    /// The closed-form global minimum when a theorem gives it, else nil.
    public static func closedForm(_ f: LossFunction) throws -> GlobalMinimum? {
        let arch = f.architecture
        if arch.outputWidth == 1 {
            let reach = Reachability(arch).inputsReachingOutput
            return GlobalMinimum(value: try leastSquaresValue(f.statistics, features: reach), method: "scalar output (Theorems 1/6): least squares on the \(reach.count) input features that reach the output",
                                 exact: true)
        }
        if arch.isDense {
            let r = arch.depth >= 2 ? arch.widths[1..<arch.depth].min()! : min(arch.inputWidth, arch.outputWidth)
            return GlobalMinimum(value: try eckartYoungValue(f.statistics, rank: r), method: "dense network: Eckart–Young, rank \(r) fit of the target projected onto X's column space",
                                 exact: true)
        }
        if let blocks = disjointOrthogonalBlocks(f) {
            var explained = 0.0
            for s in blocks where !s.isEmpty {
                let top = try topEigenvalues(projectedTargetGram(f.statistics, features: s), count: 1)
                explained += top
            }
            return GlobalMinimum(value: 0.5 * (f.statistics.targetNormSquared - explained), method: "disjoint first-layer supports with orthogonal feature blocks (Theorems 2/7): best rank-1 fit per block",
                                 exact: true)
        }
        return nil
    }

    /// A lower bound on the global minimum: the larger of two relaxations. The dense network of the same widths
    /// (Eckart–Young at the narrowest hidden width), and the per-output least squares in which output k may use only
    /// the inputs with a path to it through the masks (column k of W₁⋯W_L is supported there, whatever the weights).
    public static func denseRelaxation(_ f: LossFunction) throws -> GlobalMinimum {
        let arch = f.architecture
        let r = arch.depth >= 2 ? arch.widths[1..<arch.depth].min()! : min(arch.inputWidth, arch.outputWidth)
        let eckartYoung = try eckartYoungValue(f.statistics, rank: r)
        let perOutput = try perOutputLeastSquaresValue(f)
        if perOutput > eckartYoung + 1e-9 * max(1, f.statistics.targetNormSquared) {
            return GlobalMinimum(value: perOutput, method: "lower bound: least squares of each output on the inputs with a path to it through the masks (above the dense network's Eckart–Young value \(NumberFormat.g(eckartYoung, 8)))",
                                 exact: false)
        }
        return GlobalMinimum(value: eckartYoung, method: "lower bound: global minimum of the dense network with the same widths (Eckart–Young, rank \(r))",
                             exact: false)
    }

    /// Σ_k ½‖y_k − X_{S_k} c‖² minimised, with S_k the inputs that reach output k.
    static func perOutputLeastSquaresValue(_ f: LossFunction) throws -> Double {
        let arch = f.architecture
        let s = f.statistics
        let y = f.dataset.y
        var total = 0.0
        for k in 0..<arch.outputWidth {
            // Backward reachability from output k.
            var reach = [Bool](repeating: false, count: arch.outputWidth)
            reach[k] = true
            var l = arch.depth
            while l > 0 {
                let rows = arch.widths[l - 1], cols = arch.widths[l]
                var prev = [Bool](repeating: false, count: rows)
                for i in 0..<rows { for j in 0..<cols where reach[j] && arch.masks[l - 1][i * cols + j] { prev[i] = true } }
                reach = prev
                l -= 1
            }
            var yk = 0.0
            for i in 0..<y.rows { yk += y[i, k] * y[i, k] }
            let features = reach.indices.filter { reach[$0] }
            if features.isEmpty { total += 0.5 * yk; continue }
            let g = s.gram.submatrix(rows: features, cols: features)
            let c = s.cross.submatrix(rows: features, cols: [k])
            let explained = c.transposed.multiplied(by: try SymmetricFunctions.pseudoInverse(g)).multiplied(by: c)[0, 0]
            total += max(0, 0.5 * (yk - explained))
        }
        return total
    }

    /// ½(‖Y‖² − c_Sᵀ G_SS⁺ c_S) summed over outputs: least squares restricted to the features S.
    static func leastSquaresValue(_ s: SufficientStatistics, features: [Int]) throws -> Double {
        if features.isEmpty { return 0.5 * s.targetNormSquared }
        let m = try projectedTargetGram(s, features: features)
        var tr = 0.0
        for i in 0..<m.rows { tr += m[i, i] }
        return max(0, 0.5 * (s.targetNormSquared - tr))
    }

    /// ½(‖Y‖² − sum of the top `rank` eigenvalues of CᵀG⁺C).
    static func eckartYoungValue(_ s: SufficientStatistics, rank: Int) throws -> Double {
        let all = Array(0..<s.gram.rows)
        let m = try projectedTargetGram(s, features: all)
        return max(0, 0.5 * (s.targetNormSquared - (try topEigenvalues(m, count: rank))))
    }

    /// C_Sᵀ G_SS⁺ C_S = Yᵀ P_S Y, the Gram matrix of the target projected onto the span of the features S.
    static func projectedTargetGram(_ s: SufficientStatistics, features: [Int]) throws -> Matrix {
        let g = s.gram.submatrix(rows: features, cols: features)
        let c = s.cross.submatrix(rows: features, cols: Array(0..<s.cross.cols))
        let m = c.transposed.multiplied(by: try SymmetricFunctions.pseudoInverse(g)).multiplied(by: c)
        return 0.5 * (m + m.transposed)
    }

    /// Sum of the largest `count` eigenvalues (negative ones, from rounding, count as zero).
    static func topEigenvalues(_ m: Matrix, count: Int) throws -> Double {
        let ev = try SymmetricEigen(m, vectors: false).values
        return ev.suffix(min(count, ev.count)).reduce(0) { $0 + max($1, 0) }
    }

    /// The first-layer supports when they are disjoint, mutually orthogonal in the data, and later layers
    /// are dense and wide enough (Theorem 7's condition); nil otherwise.
    static func disjointOrthogonalBlocks(_ f: LossFunction) -> [[Int]]? {
        let arch = f.architecture
        guard arch.depth >= 2 else { return nil }
        for l in 1..<arch.depth where !arch.masks[l].allSatisfy({ $0 }) { return nil }
        let d1 = arch.widths[1], dx = arch.inputWidth
        let need = min(d1, arch.outputWidth)
        if arch.depth > 2 { for l in 2..<arch.depth where arch.widths[l] < need { return nil } }
        let blocks = (0..<d1).map { j in (0..<dx).filter { arch.masks[0][$0 * d1 + j] } }
        var owner = [Int](repeating: -1, count: dx)
        for (j, b) in blocks.enumerated() {
            for i in b {
                if owner[i] != -1 { return nil }
                owner[i] = j
            }
        }
        let g = f.statistics.gram
        let scale = (0..<dx).map { g[$0, $0] }.max() ?? 1
        for i in 0..<dx where owner[i] >= 0 {
            for k in 0..<dx where owner[k] >= 0 && owner[k] != owner[i] {
                if abs(g[i, k]) > 1e-10 * max(scale, 1e-300) { return nil }
            }
        }
        return blocks
    }
}
