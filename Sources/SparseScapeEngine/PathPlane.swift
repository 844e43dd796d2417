import SparseScapeCore

/// The slice plane through a path's start, its saddle (or highest image) and its end.
enum PathPlane {
    /// The plane centred between `start` and `end`: d1 along end − start, d2 toward `middle` (orthogonalised; a
    /// seeded random direction when the three points are collinear), wide enough for every image.
    static func through(start: [Double], middle: [Double], end: [Double], images: [[Double]], seed: UInt64) throws -> FrozenPlane {
        let n = start.count
        guard n > 0, end.count == n, middle.count == n else { throw SparseScapeError("the path's points do not match") }
        let center = (0..<n).map { 0.5 * (start[$0] + end[$0]) }
        func norm(_ v: [Double]) -> Double { EuclideanNorm.of(v) }
        func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
        var d1 = (0..<n).map { end[$0] - start[$0] }
        let length = norm(d1)
        guard length > 0, length.isFinite else { throw SparseScapeError("the path's ends coincide") }
        d1 = d1.map { $0 / length }
        var d2 = (0..<n).map { middle[$0] - center[$0] }
        let along = dot(d2, d1)
        d2 = (0..<n).map { d2[$0] - along * d1[$0] }
        if norm(d2) <= 1e-9 * length {
            var rng = SeededGenerator(seed: seed, stream: 0xA7)
            d2 = rng.gaussianVector(n, scale: 1)
            let a = dot(d2, d1)
            d2 = (0..<n).map { d2[$0] - a * d1[$0] }
        }
        let m = norm(d2)
        guard m > 0, m.isFinite else { throw SparseScapeError("no second direction for the path's plane") }
        d2 = d2.map { $0 / m }
        var reach = 0.5 * length
        for p in images + [middle] where p.count == n {
            let v = (0..<n).map { p[$0] - center[$0] }
            reach = max(reach, abs(dot(v, d1)), abs(dot(v, d2)))
        }
        return FrozenPlane(center: center, d1: d1, d2: d2, directions: "path", span: 1.2 * reach)
    }
}
