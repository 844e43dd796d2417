/// Exact second derivatives of the loss over the free parameters.
extension LossFunction {
    /// Largest number of free parameters for which the dense Hessian is formed (about 1.3 GB).
    public static let maximumDenseHessianParameters = 12_000

    /// The exact Hessian over the free parameters (p × p, symmetric), for any depth.
    ///
    /// Block (l, m) of layers l ≤ m has entries (AₗᵀGAₘ)[a,c]·(BₗBₘᵀ)[b,d] (Gauss–Newton part) plus,
    /// for l < m, (W_{l+1}⋯W_{m−1})[b,c]·(AₗᵀRBₘᵀ)[a,d], where A and B are prefix and suffix products.
    public func hessian(_ params: [Double]) throws -> Matrix {
        let p = parameterCount
        guard p <= Self.maximumDenseHessianParameters else {
            throw SparseScapeError("the dense Hessian of \(p) parameters is too large (limit \(Self.maximumDenseHessianParameters))")
        }
        let arch = architecture
        let depth = arch.depth
        let prod = LayerProducts(self, params)
        let g = statistics.gram
        let gA = prod.prefix.map { g.multiplied(by: $0) }  // G·A_l
        var h = Matrix(rows: p, cols: p)
        for l in 0..<depth {
            for m in l..<depth {
                let ga = prod.prefix[l].transposeMultiplied(by: gA[m])            // d_l × d_m
                let bb = prod.suffix[l].multiplied(by: prod.suffix[m].transposed)  // d_{l+1} × d_{m+1}
                let cross: (Matrix, Matrix)? = l < m
                    ? (prod.span(from: l + 1, to: m),                                   // d_{l+1} × d_m
                       prod.prefix[l].transposeMultiplied(by: prod.residualGradient).multiplied(by: prod.suffix[m].transposed)) // d_l × d_{m+1}
                    : nil
                let cl = arch.widths[l + 1], cm = arch.widths[m + 1]
                let posL = arch.freePositions[l], posM = arch.freePositions[m]
                let offL = arch.parameterOffsets[l], offM = arch.parameterOffsets[m]
                h.data.withUnsafeMutableBufferPointer { hp in
                    for (i, fi) in posL.enumerated() {
                        let a = fi / cl, b = fi % cl
                        let row = (offL + i) * p
                        let startJ = l == m ? i : 0
                        for j in startJ..<posM.count {
                            let fj = posM[j]
                            let c = fj / cm, d = fj % cm
                            var v = ga[a, c] * bb[b, d]
                            if let (mid, s) = cross { v += mid[b, c] * s[a, d] }
                            hp[row + offM + j] = v
                            hp[(offM + j) * p + offL + i] = v
                        }
                    }
                }
            }
        }
        return h
    }

    /// The Hessian applied to a vector, without forming the Hessian.
    public func hessianVectorProduct(_ params: [Double], _ v: [Double]) -> [Double] {
        let arch = architecture
        let depth = arch.depth
        let prod = LayerProducts(self, params)
        let dv = arch.weights(from: v)
        let dx = arch.inputWidth, dy = arch.outputWidth
        // dA[l] = d(prefix[l]); dA[0] = 0; dA[l+1] = dA[l]·W[l] + A[l]·V[l]
        var dA = [Matrix(rows: dx, cols: dx)]
        for l in 0..<depth {
            dA.append(dA[l].multiplied(by: prod.weights[l]) + prod.prefix[l].multiplied(by: dv[l]))
        }
        // dB[l] = d(suffix[l]); dB[L−1] = 0; dB[l−1] = V[l]·B[l] + W[l]·dB[l]
        var dB = [Matrix](repeating: Matrix(rows: dy, cols: dy), count: depth)
        if depth >= 2 {
            for l in stride(from: depth - 1, through: 1, by: -1) {
                dB[l - 1] = dv[l].multiplied(by: prod.suffix[l]) + prod.weights[l].multiplied(by: dB[l])
            }
        }
        let dR = statistics.gram.multiplied(by: dA[depth])
        let r = prod.residualGradient
        var out = [Double]()
        out.reserveCapacity(parameterCount)
        for l in 0..<depth {
            let aT = prod.prefix[l].transposed
            let bT = prod.suffix[l].transposed
            var block = dA[l].transposed.multiplied(by: r).multiplied(by: bT)
            block = block + aT.multiplied(by: dR).multiplied(by: bT)
            block = block + aT.multiplied(by: r).multiplied(by: dB[l].transposed)
            for flat in arch.freePositions[l] { out.append(block.data[flat]) }
        }
        return out
    }
}
