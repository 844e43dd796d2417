/// SNIP's connection sensitivity (Lee et al., 2019): the first-order change of the loss when one weight is removed.
public enum SNIPScores {
    /// |∂L/∂wᵢ · wᵢ| for every free weight at `params` (canonical order).
    ///
    /// - Throws: `SparseScapeError` when the point does not match the network or its gradient is not finite.
    public static func scores(_ f: LossFunction, at params: [Double]) throws -> [Double] {
        guard params.count == f.parameterCount else {
            throw SparseScapeError("the point has \(params.count) values but the network has \(f.parameterCount) free weights")
        }
        let g = f.gradient(params)
        let s = zip(g, params).map { abs($0 * $1) }
        guard s.allSatisfy({ $0.isFinite }) else { throw SparseScapeError("the SNIP scores at this point are not finite") }
        return s
    }

    /// The live weights to prune: `fraction` of them with the lowest scores at `params` (counted as
    /// `MagnitudePruning.smallest` counts, never a layer's last weight).
    public static func lowest(fraction: Double, _ f: LossFunction, at params: [Double],
                              scope: MagnitudePruning.Scope = .global) throws -> [EdgePosition] {
        try MagnitudePruning.smallest(fraction: fraction, params: try scores(f, at: params), architecture: f.architecture, scope: scope)
    }
}
