/// The partial products of a network's weights at one point: prefixes, suffixes and R = G·P − C.
///
/// With 0-based layers W[0…L−1]: `prefix[l] = W[0]⋯W[l−1]` (dx × d_l, the identity for l = 0) and
/// `suffix[l] = W[l+1]⋯W[L−1]` (d_{l+1} × dy, the identity for l = L−1).
public struct LayerProducts: Sendable {
    /// Dense weights.
    public let weights: [Matrix]
    /// Prefix products, `prefix[l]` for l = 0…L (prefix[L] = P).
    public let prefix: [Matrix]
    /// Suffix products, `suffix[l]` for l = 0…L−1.
    public let suffix: [Matrix]
    /// R = G·P − C, the gradient of the loss with respect to P.
    public let residualGradient: Matrix

    /// Computes the products at `params`.
    public init(_ f: LossFunction, _ params: [Double]) {
        let arch = f.architecture
        let w = arch.weights(from: params)
        let depth = arch.depth
        var pre = [Matrix.identity(arch.inputWidth)]
        for l in 0..<depth { pre.append(pre[l].multiplied(by: w[l])) }
        var suf = [Matrix](repeating: Matrix.identity(arch.outputWidth), count: depth)
        if depth >= 2 { for l in stride(from: depth - 2, through: 0, by: -1) { suf[l] = w[l + 1].multiplied(by: suf[l + 1]) } }
        weights = w
        prefix = pre
        suffix = suf
        residualGradient = f.statistics.gram.multiplied(by: pre[depth]) - f.statistics.cross
    }

    /// The end-to-end product P.
    public var endToEnd: Matrix { prefix[prefix.count - 1] }

    /// W[from]⋯W[to−1] (identity of size d_from when from == to).
    public func span(from: Int, to: Int) -> Matrix {
        var m = Matrix.identity(weights[from].rows)
        for l in from..<to { m = m.multiplied(by: weights[l]) }
        return m
    }
}
