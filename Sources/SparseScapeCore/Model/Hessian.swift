/// Exact second derivatives of the loss over the free parameters.
extension LossFunction {
    /// Largest number of free parameters for which the dense Hessian is formed (about 1.3 GB).
    public static let maximumDenseHessianParameters = 12_000

    /// The exact Hessian over the free parameters (p × p, symmetric), for any depth.
    ///
    /// Block (l, m) of layers l ≤ m has entries (AₗᵀGAₘ)[a,c]·(BₗBₘᵀ)[b,d] (Gauss–Newton part) plus,
    /// for l < m, (W_{l+1}⋯W_{m−1})[b,c]·(AₗᵀRBₘᵀ)[a,d], where A and B are prefix and suffix products.
    public func hessian(_ params: [Double]) throws -> Matrix {
        try secondDerivatives(params, residualTerm: true)
    }

    /// The Gauss–Newton matrix JᵀJ over the free parameters (J the Jacobian of X·W₁⋯W_L): the Hessian without its
    /// residual term, positive semi-definite everywhere; block (l, m) has entries (AₗᵀGAₘ)[a,c]·(BₗBₘᵀ)[b,d].
    public func gaussNewtonMatrix(_ params: [Double]) throws -> Matrix {
        try secondDerivatives(params, residualTerm: false)
    }

    /// The Hessian (`residualTerm`) or its Gauss–Newton part.
    func secondDerivatives(_ params: [Double], residualTerm: Bool) throws -> Matrix {
        let p = parameterCount
        guard p <= Self.maximumDenseHessianParameters else {
            throw SparseScapeError("the dense Hessian of \(p) parameters is too large (limit \(Self.maximumDenseHessianParameters))")
        }
        try MemoryBudget.require(MemoryBudget.doubles(p, p), for: "the dense Hessian of \(p) weights")
        let arch = architecture
        let depth = arch.depth
        let prod = LayerProducts(self, params)
        let g = statistics.gram
        let gA = prod.prefix.map { g.multiplied(by: $0) }  // G·A_l
        var h = Matrix(rows: p, cols: p)
        for l in 0..<depth {
            // W_{l+1}⋯W_{m−1}, extended by one factor per block: the row of blocks costs O(L) products, not O(L²).
            var span = Matrix.identity(arch.widths[l + 1])
            let residualA = residualTerm ? prod.prefix[l].transposeMultiplied(by: prod.residualGradient) : Matrix(rows: 0, cols: 0)  // d_l × d_L
            for m in l..<depth {
                if m > l + 1 { span = span.multiplied(by: prod.weights[m - 1]) }
                let ga = prod.prefix[l].transposeMultiplied(by: gA[m])            // d_l × d_m
                let bb = prod.suffix[l].multiplied(by: prod.suffix[m].transposed)  // d_{l+1} × d_{m+1}
                let cross: (Matrix, Matrix)? = residualTerm && l < m
                    ? (span,                                                       // d_{l+1} × d_m
                       residualA.multiplied(by: prod.suffix[m].transposed))        // d_l × d_{m+1}
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
    ///
    /// Builds a `HessianOperator` at `params` (BLAS-backed, no p×p matrix) and applies it once; for many
    /// products at the same point keep the operator (`hessianOperator(at:)`).
    public func hessianVectorProduct(_ params: [Double], _ v: [Double]) -> [Double] {
        precondition(v.count == parameterCount, "the vector has \(v.count) entries, expected \(parameterCount)")
        return HessianOperator(self, at: params).apply(v)
    }
}
