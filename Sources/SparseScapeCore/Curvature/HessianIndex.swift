/// The Morse index of a point (how many Hessian eigenvalues are negative) and their eigenvectors, from Hessian-vector
/// products alone: for networks whose Hessian is too large to form and decompose.
///
/// Lanczos (`LanczosEigensolver`) finds the smallest eigenvalue and its Ritz vector; while that eigenvalue is below
/// −threshold, the vector joins a deflation basis and Lanczos runs again, from a new random start, on its orthogonal complement, so a repeated
/// negative eigenvalue (which one Krylov space holds only once) is counted as often as it occurs. The threshold is the
/// dense solver's, 10⁻⁸·max(eigenvalue floor, |λ|max), with |λ|max from the first run.
public struct HessianIndex: Sendable {
    /// Number of eigenvalues found below −`threshold`.
    public var index: Int
    /// Their unit eigenvectors (Ritz vectors), most negative first, mutually orthogonal.
    public var directions: [[Double]]
    /// The eigenvalues themselves (Ritz values, ascending by discovery).
    public var eigenvalues: [Double]
    /// The threshold below which an eigenvalue counted as negative.
    public var threshold: Double

    /// The index of the Hessian of `f` at `params`, counting at most `limit` negative eigenvalues.
    public init(_ f: LossFunction, at params: [Double], eigenvalueFloor: Double, limit: Int = 64) throws {
        let n = f.parameterCount
        let op = HessianOperator(f, at: params)
        let settings = LanczosSettings(tolerance: 1e-8, relativeToSpectrum: true)
        var basis: [Double] = []
        var found: [[Double]] = [], values: [Double] = []
        var threshold = -1.0
        while found.count < min(limit, n - 1) {
            // A fresh start each run: the Ritz vector found is the old start's whole component in its eigenspace, so
            // that start, deflated, would hold no further copy of a repeated eigenvalue.
            var run = settings
            run.seed = settings.seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(found.count)
            let r = try LanczosEigensolver.extremes(dimension: n, deflation: basis, settings: run, smallestVector: true) {
                op.apply($0, into: $1)
            }
            guard r.lambdaMin.isFinite, r.lambdaMax.isFinite else { throw SparseScapeError("the Hessian's extremes are not finite") }
            if threshold < 0 { threshold = 1e-8 * max(eigenvalueFloor, abs(r.lambdaMin), abs(r.lambdaMax)) }
            guard r.lambdaMin < -threshold, let v = r.smallestRitzVector else { break }
            basis += v
            found.append(v)
            values.append(r.lambdaMin)
        }
        index = found.count
        directions = found
        eigenvalues = values
        self.threshold = max(threshold, 0)
    }
}
