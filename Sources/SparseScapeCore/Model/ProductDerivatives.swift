/// Derivatives of the end-to-end product P = W₁⋯W_L along a direction, and their pull-back to the free weights.
///
/// These are the pieces of second-order least-squares methods: the Jacobian-transpose J_Pᵀ applied to a dx × dy
/// matrix (`pullback`), the second directional derivative of P (`productCurvature`, the geodesic acceleration's
/// r_vv) and the diagonal of the Gauss–Newton matrix (`gaussNewtonDiagonal`, Marquardt's scaling).
extension LossFunction {
    /// The free-weight vector whose layer-l block is Aₗᵀ·M·Bₗᵀ (Aₗ = W₁⋯W_{l−1}, Bₗ = W_{l+1}⋯W_L): J_Pᵀ applied to M.
    /// With M = G·P − C this is the gradient.
    public func pullback(_ products: LayerProducts, _ m: Matrix) -> [Double] {
        let arch = architecture
        var out = [Double](repeating: 0, count: parameterCount)
        for l in 0..<arch.depth {
            let right = l == arch.depth - 1 ? m : m.multiplied(by: products.suffix[l].transposed)
            let block = l == 0 ? right : products.prefix[l].transposeMultiplied(by: right)
            let off = arch.parameterOffsets[l]
            for (k, pos) in arch.freePositions[l].enumerated() { out[off + k] = block.data[pos] }
        }
        return out
    }

    /// d²/dt² P(θ + t·v) at t = 0: twice the sum over layer pairs l < m of W₁⋯V_l⋯V_m⋯W_L (zero for one layer).
    public func productCurvature(_ products: LayerProducts, along v: [Double]) -> Matrix {
        let arch = architecture
        let directions = arch.weights(from: v)
        // Coefficients of t⁰, t¹, t² in (W₁ + tV₁)⋯(W_l + tV_l), built layer by layer.
        var c0 = products.weights[0]
        var c1 = directions[0]
        var c2 = Matrix(rows: c0.rows, cols: c0.cols)
        for l in 1..<max(1, arch.depth) {
            let w = products.weights[l], d = directions[l]
            c2 = c2.multiplied(by: w) + c1.multiplied(by: d)
            c1 = c1.multiplied(by: w) + c0.multiplied(by: d)
            c0 = c0.multiplied(by: w)
        }
        return 2 * c2
    }

    /// The diagonal of the Gauss–Newton matrix JᵀJ: for weight (l, a, b), (AₗᵀGAₗ)[a,a]·(BₗBₗᵀ)[b,b].
    public func gaussNewtonDiagonal(_ products: LayerProducts) -> [Double] {
        let arch = architecture
        let g = statistics.gram
        var out = [Double](repeating: 0, count: parameterCount)
        for l in 0..<arch.depth {
            let rows = arch.widths[l], cols = arch.widths[l + 1]
            let a = products.prefix[l]
            let ga = l == 0 ? g : g.multiplied(by: a)
            var left = [Double](repeating: 0, count: rows)
            for j in 0..<rows {
                if l == 0 { left[j] = g[j, j]; continue }
                var s = 0.0
                for i in 0..<a.rows { s += a[i, j] * ga[i, j] }
                left[j] = s
            }
            let b = products.suffix[l]
            var right = [Double](repeating: 0, count: cols)
            for j in 0..<cols {
                var s = 0.0
                for q in 0..<b.cols { s += b[j, q] * b[j, q] }
                right[j] = s
            }
            let off = arch.parameterOffsets[l]
            for (k, pos) in arch.freePositions[l].enumerated() { out[off + k] = left[pos / cols] * right[pos % cols] }
        }
        return out
    }
}
