/// The discrete symmetries of a sparse network: sign flips of hidden nodes and permutations of hidden nodes that
/// map the masks onto themselves. Both leave W₁⋯W_L, hence the loss, unchanged.
public enum HiddenNodeSymmetries {
    /// Permutations of each hidden layer (up to 7 nodes) that preserve every mask; the identity first.
    public static func maskPermutations(_ arch: NetworkArchitecture) -> [[[Int]]] {
        guard arch.depth >= 2 else { return [[]] }
        var perLayer: [[[Int]]] = []
        for l in 1..<arch.depth {
            let h = arch.widths[l]
            guard h <= 7 else { perLayer.append([Array(0..<h)]); continue }
            let inCols = arch.widths[l - 1], outCols = arch.widths[l + 1]
            func keeps(_ pi: [Int]) -> Bool {
                for j in 0..<h {
                    for i in 0..<inCols where arch.masks[l - 1][i * h + j] != arch.masks[l - 1][i * h + pi[j]] { return false }
                    for q in 0..<outCols where arch.masks[l][j * outCols + q] != arch.masks[l][pi[j] * outCols + q] { return false }
                }
                return true
            }
            perLayer.append(permutations(h).filter(keeps))
        }
        // Cartesian product over layers (kept small: at most 64 combinations).
        var combos: [[[Int]]] = [[]]
        for options in perLayer { combos = combos.flatMap { c in options.map { c + [$0] } }.prefix(64).map { $0 } }
        return combos
    }

    /// `params` with hidden node j of layer l moved to position pi[l-1][j].
    public static func permuted(_ arch: NetworkArchitecture, _ params: [Double], _ pi: [[Int]]) -> [Double] {
        var w = arch.weights(from: params)
        for (k, perm) in pi.enumerated() {
            let l = k + 1
            let win = w[l - 1], wout = w[l]
            var nin = win, nout = wout
            for j in 0..<perm.count {
                for i in 0..<win.rows { nin[i, perm[j]] = win[i, j] }
                for q in 0..<wout.cols { nout[perm[j], q] = wout[j, q] }
            }
            w[l - 1] = nin; w[l] = nout
        }
        return arch.parameters(from: w)
    }

    /// `params` with the sign of every hidden node flipped where that brings it closer to `reference`.
    public static func signAligned(_ arch: NetworkArchitecture, _ params: [Double], to reference: [Double]) -> [Double] {
        guard arch.depth >= 2 else { return params }
        var out = params
        for l in 1..<arch.depth {
            for j in 0..<arch.widths[l] {
                let idx = (0..<arch.widths[l - 1]).compactMap { arch.parameterIndex(layer: l - 1, row: $0, col: j) }
                    + (0..<arch.widths[l + 1]).compactMap { arch.parameterIndex(layer: l, row: j, col: $0) }
                var same = 0.0, flipped = 0.0
                for i in idx { same += (out[i] - reference[i]) * (out[i] - reference[i]); flipped += (out[i] + reference[i]) * (out[i] + reference[i]) }
                if flipped < same { for i in idx { out[i] = -out[i] } }
            }
        }
        return out
    }

    /// `params` with the hidden nodes whose bit is set in `pattern` sign-flipped (nodes numbered layer by layer).
    public static func signFlipped(_ arch: NetworkArchitecture, _ params: [Double], pattern: Int) -> [Double] {
        guard arch.depth >= 2 else { return params }
        var out = params
        var bit = 0
        for l in 1..<arch.depth {
            for j in 0..<arch.widths[l] {
                defer { bit += 1 }
                guard pattern & (1 << bit) != 0 else { continue }
                for i in 0..<arch.widths[l - 1] { if let k = arch.parameterIndex(layer: l - 1, row: i, col: j) { out[k] = -out[k] } }
                for q in 0..<arch.widths[l + 1] { if let k = arch.parameterIndex(layer: l, row: j, col: q) { out[k] = -out[k] } }
            }
        }
        return out
    }

    /// Number of hidden nodes (the bits of a sign pattern).
    public static func hiddenNodeCount(_ arch: NetworkArchitecture) -> Int {
        arch.depth >= 2 ? arch.widths[1..<arch.depth].reduce(0, +) : 0
    }

    static func permutations(_ n: Int) -> [[Int]] {
        if n <= 1 { return [Array(0..<n)] }
        var out: [[Int]] = []
        for rest in permutations(n - 1) {
            for pos in 0...rest.count { var r = rest; r.insert(n - 1, at: pos); out.append(r) }
        }
        return out.sorted { $0 == Array(0..<n) ? true : ($1 == Array(0..<n) ? false : $0.lexicographicallyPrecedes($1)) }
    }
}
