import Foundation

/// Settings of a nudged-elastic-band run.
public struct ElasticBandSettings: Sendable {
    /// Number of images, endpoints included.
    public var images: Int
    /// Iteration budget of the FIRE relaxation.
    public var maxIterations: Int
    /// The band is relaxed when every image's force is at most this (in the data's gradient units, `ProblemScale`).
    public var forceTolerance: Double
    /// Iterations before the highest image starts climbing.
    public var climbAfter: Int
    /// Polled every iteration; when it returns true the run stops with "cancelled".
    public var shouldStop: (@Sendable () -> Bool)?

    /// Validated settings.
    public init(images: Int = 25, maxIterations: Int = 4000, forceTolerance: Double = 1e-5, climbAfter: Int = 50) throws {
        guard images >= 3, images <= 1000 else { throw SparseScapeError("the number of images must be between 3 and 1000, got \(images)") }
        guard maxIterations >= 1 else { throw SparseScapeError("the iteration budget must be at least 1, got \(maxIterations)") }
        guard forceTolerance.isFinite, forceTolerance > 0 else { throw SparseScapeError("the force tolerance must be positive and finite") }
        self.images = images
        self.maxIterations = maxIterations
        self.forceTolerance = forceTolerance
        self.climbAfter = max(0, climbAfter)
    }
}

/// A relaxed band: the images, their losses and arc lengths, and the climbing image.
public struct ElasticBand: Sendable {
    /// The images, endpoints included.
    public var images: [[Double]]
    /// The loss at each image.
    public var losses: [Double]
    /// Cumulative Euclidean arc length at each image.
    public var arcLength: [Double]
    /// The climbing image (the highest interior image), nil when no interior image rises above both endpoints.
    public var climbing: Int?
    /// FIRE iterations taken.
    public var iterations: Int
    /// Loss-and-gradient evaluations.
    public var evaluations: Int
    /// The largest image force at the end.
    public var maxForce: Double
    /// True when the largest force reached the tolerance.
    public var converged: Bool
}

/// The minimum-energy path between two points by the nudged elastic band (Henkelman & Jónsson): images joined by
/// springs along the improved tangent, the true force perpendicular to it, and a climbing image that follows the
/// force reflected along the tangent so that it converges to the saddle; relaxed with FIRE (Bitzek et al., 2006).
public enum NudgedElasticBand {
    /// Relaxes the band from `a` to `b` (endpoints fixed), starting from the straight line.
    public static func run(_ f: LossFunction, from a: [Double], to b: [Double], settings: ElasticBandSettings) throws -> ElasticBand {
        let p = f.parameterCount
        guard a.count == p, b.count == p else { throw SparseScapeError("path endpoints must have \(p) parameters (the network's free weights)") }
        let n = settings.images
        var x: [[Double]] = (0..<n).map { k in let t = Double(k) / Double(n - 1); return (0..<p).map { a[$0] + t * (b[$0] - a[$0]) } }
        var v = [[Double]](repeating: [Double](repeating: 0, count: p), count: n)
        let ws = f.makeWorkspace()
        var evaluations = 0
        func evaluate(_ y: [Double]) -> (Double, [Double]) {
            evaluations += 1
            var g = [Double](repeating: 0, count: p)
            let l = y.withUnsafeBufferPointer { yp in g.withUnsafeMutableBufferPointer { gp in f.evaluate(yp.baseAddress!, gradient: gp.baseAddress!, workspace: ws) } }
            return (l, g)
        }
        var loss = [Double](repeating: 0, count: n), grad = [[Double]](repeating: [], count: n)
        for k in 0..<n { (loss[k], grad[k]) = evaluate(x[k]) }
        // Time step and spring constant from the curvature scale at the endpoints (FIRE is stable for dt ≲ 1/√λmax).
        // The largest curvature at the endpoints and at the middle of the initial band.
        let lmax = max(try Self.largestCurvature(f, a), try Self.largestCurvature(f, b), try Self.largestCurvature(f, x[n / 2]), 1e-300)
        let dtMax = 0.5 / lmax.squareRoot()
        var dt = 0.2 * dtMax
        let spring = 0.2 * lmax
        var alpha = 0.1, sincePositive = 0
        let tolerance = ProblemScale(f).gradientTolerance(settings.forceTolerance)
        var maxForce = Double.infinity
        var climbing: Int? = nil
        var iterations = 0
        while iterations < settings.maxIterations {
            if let stop = settings.shouldStop, stop() { throw SparseScapeError("cancelled") }
            climbing = iterations >= settings.climbAfter ? Self.highestInterior(loss) : nil
            var forces = [[Double]](repeating: [Double](repeating: 0, count: p), count: n)
            maxForce = 0
            for k in 1..<(n - 1) {
                let tau = Self.tangent(x, loss, k)
                var gt = 0.0
                for i in 0..<p { gt += grad[k][i] * tau[i] }
                if k == climbing {
                    for i in 0..<p { forces[k][i] = -grad[k][i] + 2 * gt * tau[i] }
                } else {
                    let dNext = Self.distance(x[k + 1], x[k]), dPrev = Self.distance(x[k], x[k - 1])
                    let s = spring * (dNext - dPrev)
                    for i in 0..<p { forces[k][i] = -grad[k][i] + gt * tau[i] + s * tau[i] }
                }
                // Convergence is judged on the true force perpendicular to the band (and the climbing image's full force).
                var perp = 0.0
                for i in 0..<p { let c = k == climbing ? forces[k][i] : -grad[k][i] + gt * tau[i]; perp += c * c }
                maxForce = max(maxForce, perp.squareRoot())
            }
            if maxForce <= tolerance && (climbing != nil || iterations >= settings.climbAfter) { break }
            // FIRE.
            var power = 0.0, vnorm = 0.0, fnorm = 0.0
            for k in 1..<(n - 1) { for i in 0..<p { power += forces[k][i] * v[k][i]; vnorm += v[k][i] * v[k][i]; fnorm += forces[k][i] * forces[k][i] } }
            vnorm = vnorm.squareRoot(); fnorm = fnorm.squareRoot()
            if power > 0 {
                for k in 1..<(n - 1) { for i in 0..<p { v[k][i] = (1 - alpha) * v[k][i] + alpha * vnorm * forces[k][i] / max(fnorm, 1e-300) } }
                sincePositive += 1
                if sincePositive > 5 { dt = min(dt * 1.1, dtMax); alpha *= 0.99 }
            } else {
                for k in 1..<(n - 1) { for i in 0..<p { v[k][i] = 0 } }
                sincePositive = 0
                dt *= 0.5
                alpha = 0.1
            }
            let saved = (x, loss, grad)
            var finite = true
            for k in 1..<(n - 1) {
                for i in 0..<p { v[k][i] += dt * forces[k][i]; x[k][i] += dt * v[k][i] }
                (loss[k], grad[k]) = evaluate(x[k])
                if !loss[k].isFinite || loss[k] > 1e12 * max(1, abs(loss[0]), abs(loss[n - 1])) { finite = false }
            }
            iterations += 1
            if !finite {
                // Overshoot: step back, stop, and halve the time step (FIRE's own remedy for an uphill move).
                (x, loss, grad) = saved
                for k in 0..<n { for i in 0..<p { v[k][i] = 0 } }
                dt *= 0.5
                alpha = 0.1
                sincePositive = 0
                if dt < 1e-12 * dtMax { throw SparseScapeError("the band diverged (non-finite losses even at a tiny time step)") }
            }
        }
        var arc = [0.0]
        for k in 1..<n { arc.append(arc[k - 1] + Self.distance(x[k], x[k - 1])) }
        return ElasticBand(images: x, losses: loss, arcLength: arc, climbing: Self.highestInterior(loss), iterations: iterations,
                           evaluations: evaluations, maxForce: maxForce, converged: maxForce <= tolerance)
    }

    /// The highest interior image when it rises above both endpoints by more than rounding (10⁻¹⁰ relative).
    static func highestInterior(_ loss: [Double]) -> Int? {
        let n = loss.count
        guard n >= 3 else { return nil }
        let k = (1..<(n - 1)).max { loss[$0] < loss[$1] }!
        let ends = max(loss[0], loss[n - 1])
        return loss[k] > ends + 1e-10 * max(1, abs(ends)) ? k : nil
    }

    /// The improved tangent at image k (Henkelman & Jónsson, 2000), unit length.
    static func tangent(_ x: [[Double]], _ v: [Double], _ k: Int) -> [Double] {
        let p = x[k].count
        let forward = (0..<p).map { x[k + 1][$0] - x[k][$0] }, backward = (0..<p).map { x[k][$0] - x[k - 1][$0] }
        var t: [Double]
        if v[k + 1] > v[k] && v[k] > v[k - 1] { t = forward }
        else if v[k + 1] < v[k] && v[k] < v[k - 1] { t = backward }
        else {
            let up = abs(v[k + 1] - v[k]), down = abs(v[k - 1] - v[k])
            let big = max(up, down), small = min(up, down)
            t = v[k + 1] > v[k - 1] ? (0..<p).map { forward[$0] * big + backward[$0] * small }
                                    : (0..<p).map { forward[$0] * small + backward[$0] * big }
        }
        let norm = EuclideanNorm.of(t)
        return norm > 0 ? t.map { $0 / norm } : (0..<p).map { _ in 0 }
    }

    static func distance(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for i in 0..<a.count { s += (a[i] - b[i]) * (a[i] - b[i]) }
        return s.squareRoot()
    }

    /// λmax of the Hessian at a point (dense spectrum up to the dense limit, else Lanczos).
    static func largestCurvature(_ f: LossFunction, _ x: [Double]) throws -> Double {
        if f.parameterCount <= Certifier.denseSpectrumParameterLimit {
            return try SymmetricEigen(try f.hessian(x), vectors: false).values.last ?? 0
        }
        return try f.hessianExtremes(x, settings: LanczosSettings(tolerance: 1e-6, relativeToSpectrum: true)).lambdaMax
    }
}
