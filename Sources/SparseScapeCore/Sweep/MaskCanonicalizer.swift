/// Canonical forms of sparsity patterns modulo permutations of the hidden nodes.
///
/// A mask is handled as one flat bit string over every weight of every layer (layer by layer, row-major within
/// a layer: the canonical parameter order with nothing skipped), and encoded as an integer whose most significant
/// bit is the first weight. Permuting hidden node j of layer l moves column j of W_l together with row j of
/// W_{l+1}; masks related by such permutations define the same landscape up to relabelling. The canonical form
/// is the lexicographically smallest encoding in the orbit: permutations of every hidden layer but the last are
/// tried by brute force, and for each the last hidden layer's nodes are sorted by (incoming column, outgoing row),
/// which gives the smallest encoding over that layer's permutations directly.
public struct MaskCanonicalizer: Sendable {
    /// Widths `[d0, d1, …, dL]`.
    public let widths: [Int]
    /// Number of weights (masked or not) over all layers.
    public let weightCount: Int
    /// Flat offset of each layer's first weight.
    let offsets: [Int]
    /// For each hidden layer but the last (widths index 1…L−2), all permutations of its nodes.
    let bruteForce: [[[Int]]]

    /// Largest hidden width accepted for exact canonicalisation.
    public static let maximumHiddenWidth = 8
    /// Largest number of weights (the encoding is a 64-bit integer).
    public static let maximumWeights = 62

    /// A canonicaliser for these widths; refuses hidden layers wider than 8 and more than 62 weights.
    public init(widths: [Int]) throws {
        guard widths.count >= 2, widths.allSatisfy({ $0 >= 1 }) else { throw SparseScapeError("invalid widths \(SafeText.list(widths))") }
        let hidden = widths.dropFirst().dropLast()
        if let wide = hidden.first(where: { $0 > Self.maximumHiddenWidth }) {
            throw SparseScapeError("a hidden layer of width \(wide) is too wide for exact enumeration up to node permutations (at most \(Self.maximumHiddenWidth))", remedy: .sampleMasks)
        }
        var offs: [Int] = []
        var total = 0
        for l in 0..<(widths.count - 1) { offs.append(total); total += widths[l] * widths[l + 1] }
        guard total <= Self.maximumWeights else {
            throw SparseScapeError("widths \(SafeText.list(widths)) have \(total) weights, too many for exact enumeration", remedy: .sampleMasks)
        }
        self.widths = widths
        weightCount = total
        offsets = offs
        let depth = widths.count - 1
        bruteForce = depth >= 3 ? (1..<(depth - 1)).map { Self.permutations(of: widths[$0]) } : []
    }

    /// Number of brute-force permutation combinations tried per mask (product over hidden layers but the last).
    public var bruteForceCount: Int { bruteForce.reduce(1) { $0 * $1.count } }

    /// The order of the permutation group (∏ over hidden layers of width!).
    public var groupOrder: Int {
        widths.dropFirst().dropLast().reduce(1) { acc, w in acc * (1...w).reduce(1, *) }
    }

    /// The integer encoding of flat mask bits (the first weight is the most significant bit).
    public func code(_ bits: [Bool]) -> UInt64 {
        var c: UInt64 = 0
        for b in bits { c = (c << 1) | (b ? 1 : 0) }
        return c
    }

    /// The flat mask bits of an encoding.
    public func bits(code: UInt64) -> [Bool] {
        (0..<weightCount).map { k in (code >> UInt64(weightCount - 1 - k)) & 1 == 1 }
    }

    /// Per-layer masks (row-major, rows = inputs) from flat bits.
    public func layerMasks(_ bits: [Bool]) -> [[Bool]] {
        (0..<(widths.count - 1)).map { l in Array(bits[offsets[l]..<(offsets[l] + widths[l] * widths[l + 1])]) }
    }

    /// Flat bits from per-layer masks.
    public func flatBits(_ masks: [[Bool]]) -> [Bool] { masks.flatMap { $0 } }

    /// Applies a permutation to hidden layer `layer` (a widths index, 1…L−1): node j moves to position perm[j].
    public func permuting(_ bits: [Bool], layer: Int, by perm: [Int]) -> [Bool] {
        var out = bits
        let prev = widths[layer - 1], h = widths[layer], next = widths[layer + 1]
        let a = offsets[layer - 1], b = offsets[layer]
        for j in 0..<h {
            let to = perm[j]
            for i in 0..<prev { out[a + i * h + to] = bits[a + i * h + j] }
            for k in 0..<next { out[b + to * next + k] = bits[b + j * next + k] }
        }
        return out
    }

    /// The canonical encoding of a mask's orbit (the smallest encoding over all hidden-node permutations).
    public func canonicalCode(_ bits: [Bool]) -> UInt64 {
        let depth = widths.count - 1
        guard depth >= 2 else { return code(bits) }
        var best = UInt64.max
        var choice = [Int](repeating: 0, count: bruteForce.count)
        while true {
            var current = bits
            for (i, perms) in bruteForce.enumerated() { current = permuting(current, layer: i + 1, by: perms[choice[i]]) }
            best = min(best, code(sortingLastHiddenLayer(current)))
            // Odometer over the brute-force layers.
            var i = 0
            while i < choice.count {
                choice[i] += 1
                if choice[i] < bruteForce[i].count { break }
                choice[i] = 0
                i += 1
            }
            if i == choice.count { break }
        }
        return best
    }

    /// The canonical representative's flat bits.
    public func canonical(_ bits: [Bool]) -> [Bool] { self.bits(code: canonicalCode(bits)) }

    /// Sorts the last hidden layer's nodes by (incoming column top to bottom, outgoing row): for fixed earlier
    /// layers this is the smallest encoding over that layer's permutations.
    func sortingLastHiddenLayer(_ bits: [Bool]) -> [Bool] {
        let m = widths.count - 2
        let prev = widths[m - 1], h = widths[m], next = widths[m + 1]
        let a = offsets[m - 1], b = offsets[m]
        var keys: [(key: UInt64, node: Int)] = []
        keys.reserveCapacity(h)
        for j in 0..<h {
            var key: UInt64 = 0
            for i in 0..<prev { key = (key << 1) | (bits[a + i * h + j] ? 1 : 0) }
            for k in 0..<next { key = (key << 1) | (bits[b + j * next + k] ? 1 : 0) }
            keys.append((key, j))
        }
        keys.sort { $0.key != $1.key ? $0.key < $1.key : $0.node < $1.node }
        var perm = [Int](repeating: 0, count: h)
        for (position, entry) in keys.enumerated() { perm[entry.node] = position }
        return permuting(bits, layer: m, by: perm)
    }

    /// All permutations of 0..<n (lexicographic order).
    static func permutations(of n: Int) -> [[Int]] {
        var out: [[Int]] = []
        var p = Array(0..<n)
        func rec(_ k: Int) {
            if k == n { out.append(p); return }
            for i in k..<n {
                p.swapAt(k, i)
                rec(k + 1)
                p.swapAt(k, i)
            }
        }
        rec(0)
        return out
    }
}
