/// The loss along a line θ(t) = c + t·d (exact, from the slice polynomial), with the interpolation test:
/// is the loss monotone along the path, and how high is the barrier above the higher endpoint?
public struct LineSlice: Sendable {
    /// Sample positions t.
    public let ts: [Double]
    /// Loss at each t.
    public let losses: [Double]
    /// The polynomial t ↦ L(c + t·d), lowest degree first.
    public let polynomial: [Double]
    /// True when the sampled loss never goes up then down or down then up (monotone along the path).
    public let isMonotone: Bool
    /// max_t L(t) − max(L(t₀), L(t_end)), refined on the exact polynomial (0 when there is no barrier).
    public let barrierHeight: Double
    /// Where the maximum is.
    public let barrierPosition: Double

    /// Samples `count` points of t in [from, to] along d from c.
    public init(_ f: LossFunction, center: [Double], direction: [Double], from: Double, to: Double, count: Int) throws {
        guard count >= 2 else { throw SparseScapeError("a line needs at least 2 points, got \(count)") }
        let zero = [Double](repeating: 0, count: center.count)
        let poly = try SlicePolynomial(f, center: center, d1: direction, d2: zero)
        polynomial = poly.alongFirstDirection
        ts = (0..<count).map { from + (to - from) * Double($0) / Double(count - 1) }
        losses = ts.map { Self.evaluate(poly.alongFirstDirection, $0) }
        let scale = max(1, losses.map(abs).max() ?? 1)
        let tol = 1e-12 * scale
        var up = false, down = false
        for i in 1..<losses.count {
            if losses[i] > losses[i - 1] + tol { up = true }
            if losses[i] < losses[i - 1] - tol { down = true }
        }
        isMonotone = !(up && down)
        // Refine the maximum on a fine grid, then by golden-section search around the best sample.
        let fine = max(count, 20_001)
        var bestT = from, bestL = -Double.infinity
        for i in 0..<fine {
            let t = from + (to - from) * Double(i) / Double(fine - 1)
            let l = Self.evaluate(polynomial, t)
            if l > bestL { bestL = l; bestT = t }
        }
        let h = (to - from) / Double(fine - 1)
        var a = max(from, bestT - h), b = min(to, bestT + h)
        let phi = (5.0.squareRoot() - 1) / 2
        for _ in 0..<80 {
            let x1 = b - phi * (b - a), x2 = a + phi * (b - a)
            if Self.evaluate(polynomial, x1) > Self.evaluate(polynomial, x2) { b = x2 } else { a = x1 }
        }
        let refinedT = (a + b) / 2
        let refinedL = Self.evaluate(polynomial, refinedT)
        if refinedL > bestL { bestL = refinedL; bestT = refinedT }
        let ends = max(Self.evaluate(polynomial, from), Self.evaluate(polynomial, to))
        barrierHeight = max(0, bestL - ends)
        barrierPosition = bestT
    }

    /// Horner evaluation of a polynomial given lowest degree first.
    public static func evaluate(_ p: [Double], _ t: Double) -> Double {
        var s = 0.0
        for c in p.reversed() { s = s * t + c }
        return s
    }
}
