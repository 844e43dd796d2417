/// How far Hessian eigenvalues can move between a point whose gradient is small but not zero and the critical point
/// that gradient points to: the part of an eigenvalue's uncertainty that is not rounding.
///
/// Newton's correction δ = −H⁺∇L (over the eigenvalues above the rounding level) leads to the nearby critical point,
/// and eigenvalue i moves by about q_iᵀ(H(θ + δ) − H(θ))q_i there. Up to `exactLimit` weights this is computed
/// (the eigenvectors by `dsyevd`, H(θ + δ)·q by one Hessian-vector product each); above, the bound
/// 3·(|λ|max/‖θ‖)·‖∇L‖/|λ_i| of a loss whose third derivatives are of the size |λ|max/‖θ‖ is used.
enum EigenvalueShift {
    /// Largest network for which the shifts are computed from the eigenvectors.
    static let exactLimit = 1500

    /// The shift of each eigenvalue `indices[j]` of `hessian` (ascending `eigenvalues`) at `params` with `gradient`.
    /// ‖θ‖ is floored at `normFloor` (near θ = 0 the third derivatives stay finite while |λ|max/‖θ‖ does not).
    static func estimate(_ f: LossFunction, _ params: [Double], hessian h: Matrix, eigenvalues eig: [Double],
                         gradient g: [Double], indices: [Int], rounding: Double, normFloor: Double) throws -> [Double] {
        let p = params.count
        let radius = eig.map(abs).max() ?? 0
        let gnorm = EuclideanNorm.of(g)
        let tnorm = max(EuclideanNorm.of(params), normFloor, Double.leastNormalMagnitude)
        let bounds = indices.map { 3 * (radius / tnorm) * gnorm / max(abs(eig[$0]), rounding) }
        // Where the bound already leaves the eigenvalue resolved, nothing more is needed.
        if zip(indices, bounds).allSatisfy({ 2 * $1 + rounding < abs(eig[$0]) }) || p > exactLimit { return bounds }
        let decomposition = try SymmetricEigen(h, vectors: true)
        guard let q = decomposition.vectors else { return bounds }
        let values = decomposition.values
        var delta = [Double](repeating: 0, count: p)
        for j in 0..<p where abs(values[j]) > rounding {
            var c = 0.0
            for i in 0..<p { c += q[i, j] * g[i] }
            c /= values[j]
            for i in 0..<p { delta[i] -= c * q[i, j] }
        }
        let moved = HessianOperator(f, at: (0..<p).map { params[$0] + delta[$0] })
        return indices.map { index in
            let v = (0..<p).map { q[$0, index] }
            let hv = moved.apply(v)
            var rayleigh = 0.0
            for i in 0..<p { rayleigh += v[i] * hv[i] }
            return abs(rayleigh - values[index])
        }
    }
}
