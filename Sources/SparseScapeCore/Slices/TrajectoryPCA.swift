/// The first two principal directions of an optimizer's trajectory: the slice plane that shows the path
/// (Li et al. 2018, "Visualizing the loss landscape of neural nets", and their loss-landscape code).
///
/// The rows of D are the differences θᵢ − c for every point of the trajectory (c is the slice's center, normally
/// the trajectory's last point, whose row is then zero). With `.mean` the columns of D are centred first, as
/// scikit-learn's PCA does in loss-landscape, so the directions do not depend on c; with `.uncentered` they are
/// not, and the plane c + span{d₁, d₂} is the one through c closest to the points (least total squared off-plane
/// distance). d₁, d₂ are the first two right singular vectors of D (LAPACK `dgesdd`), of unit norm, each signed
/// so that the trajectory's first point has a coordinate ≤ 0 along it (the path runs toward +α, +β); the explained
/// variance ratios are sᵢ² / Σ s².
public struct TrajectoryPCA: Equatable, Sendable {
    /// Whether the differences are mean-centred before the SVD.
    public enum Centering: String, Codable, Equatable, Sendable {
        /// Mean-centred (scikit-learn's PCA, as loss-landscape uses it).
        case mean
        /// Not centred: the best plane through the center.
        case uncentered
    }

    /// The plane's center c.
    public let center: [Double]
    /// First principal direction (unit norm).
    public let d1: [Double]
    /// Second principal direction (unit norm, orthogonal to d₁).
    public let d2: [Double]
    /// All singular values of D, descending.
    public let singularValues: [Double]
    /// s₁² / Σ s² and s₂² / Σ s²: the fractions of the trajectory's variance along d₁ and d₂.
    public let explainedVarianceRatio: [Double]
    /// The centering used.
    public let centering: Centering

    /// The principal directions of `points` around `center`.
    public init(points: [[Double]], center: [Double], centering: Centering = .mean) throws {
        let n = center.count
        guard n >= 2 else { throw SparseScapeError("a PCA plane needs at least 2 parameters, the network has \(n)") }
        guard points.allSatisfy({ $0.count == n }) else {
            throw SparseScapeError("the trajectory's points must have \(n) values (the network's free weights)")
        }
        let m = points.count
        guard m >= (centering == .mean ? 3 : 2) else {
            throw SparseScapeError("the trajectory has \(m) point\(m == 1 ? "" : "s"): a PCA plane needs at least \(centering == .mean ? 3 : 2)")
        }
        var d = Matrix(rows: m, cols: n)
        for (i, p) in points.enumerated() { for j in 0..<n { d.data[i * n + j] = p[j] - center[j] } }
        if centering == .mean {
            var mean = [Double](repeating: 0, count: n)
            for i in 0..<m { for j in 0..<n { mean[j] += d.data[i * n + j] } }
            for j in 0..<n { mean[j] /= Double(m) }
            for i in 0..<m { for j in 0..<n { d.data[i * n + j] -= mean[j] } }
        }
        guard d.data.allSatisfy({ $0.isFinite }) else { throw SparseScapeError("the trajectory contains a non-finite value") }
        let svd = try SingularValueDecomposition(d)
        let s = svd.singularValues
        guard let s1 = s.first, s1 > 0 else { throw SparseScapeError("the trajectory does not move: every point equals the center") }
        guard s.count >= 2, s[1] > 1e-12 * s1 else {
            throw SparseScapeError("the trajectory's points lie on a line: there is no second principal direction")
        }
        let first = zip(points[0], center).map { $0 - $1 }
        func row(_ k: Int) -> [Double] {
            var v = Array(svd.vt.data[(k * n)..<((k + 1) * n)])
            let along = SliceDirections.dot(first, v)
            var flip = along > 1e-12 * SliceDirections.norm(first)
            if abs(along) <= 1e-12 * SliceDirections.norm(first) {
                // The start is (numerically) on the other axis: sign by the largest component instead.
                let big = v.indices.max { abs(v[$0]) < abs(v[$1]) }!
                flip = v[big] < 0
            }
            if flip { v = v.map { -$0 } }
            return v
        }
        let total = s.reduce(0) { $0 + $1 * $1 }
        self.center = center
        d1 = row(0)
        d2 = row(1)
        singularValues = s
        explainedVarianceRatio = [s[0] * s[0] / total, s[1] * s[1] / total]
        self.centering = centering
    }
}
