/// Least-squares coordinates of points in a slice plane, for drawing an optimizer's path on the heatmap.
public struct TrajectoryProjection: Sendable {
    let center: [Double]
    let d1: [Double]
    let d2: [Double]
    let inverse: (Double, Double, Double, Double)

    /// The projector onto the plane c + span{d₁, d₂}.
    public init(center: [Double], d1: [Double], d2: [Double]) throws {
        let a = SliceDirections.dot(d1, d1), b = SliceDirections.dot(d1, d2), c = SliceDirections.dot(d2, d2)
        let det = a * c - b * b
        guard det > 1e-14 * max(a * c, 1e-300) else { throw SparseScapeError("the slice directions are parallel") }
        self.center = center
        self.d1 = d1
        self.d2 = d2
        inverse = (c / det, -b / det, -b / det, a / det)
    }

    /// (α, β) minimising ‖θ − c − α·d₁ − β·d₂‖, and that distance (how far θ is from the plane).
    public func coordinates(of theta: [Double]) -> (alpha: Double, beta: Double, distance: Double) {
        let r = zip(theta, center).map { $0 - $1 }
        let p = SliceDirections.dot(d1, r), q = SliceDirections.dot(d2, r)
        let alpha = inverse.0 * p + inverse.1 * q
        let beta = inverse.2 * p + inverse.3 * q
        var dist = 0.0
        for i in r.indices { let e = r[i] - alpha * d1[i] - beta * d2[i]; dist += e * e }
        return (alpha, beta, dist.squareRoot())
    }
}
