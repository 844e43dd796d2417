/// Decides whether a descent that did not converge is running off to infinity along a valley, and to which loss.
///
/// An escape is what the paper's Appendix A shows: ‖θ‖ grows without bound while the loss decreases to a limit that
/// no finite point attains. The test continues the descent with L-BFGS (which follows such valleys quickly) and
/// records the loss each time ‖θ‖ doubles. The run escapes when ‖θ‖ grows by `growthFactor` with the loss falling
/// and the decrements per doubling shrinking (a convergent sequence); the limit is then estimated by Aitken's Δ²
/// extrapolation of the last three doublings (the loss approaches it like c·‖θ‖^−a). A run that instead reaches a
/// critical point, or whose norm stays bounded, is not an escape.
public enum EscapeTest {
    /// What the test found.
    public struct Verdict: Codable, Equatable, Sendable {
        /// True when the run escapes to infinity.
        public var escaping: Bool
        /// The valley's limiting loss (extrapolated), when escaping.
        public var limit: Double?
        /// The lowest loss seen along the continuation (an upper bound of the limit).
        public var lowestLoss: Double
        /// ‖θ‖ at the start and at the end of the continuation.
        public var startNorm: Double
        /// ‖θ‖ at the end.
        public var endNorm: Double
        /// L-BFGS steps taken.
        public var steps: Int
        /// ‖∇L‖ at the end.
        public var gradientNorm: Double
        /// The end point.
        public var params: [Double]
    }

    /// Continues descent from `start` for at most `maxSteps` steps.
    /// `stopWhenFar` ends the continuation as soon as the balanced point passes the escape scale (checked every 64 steps).
    public static func run(_ f: LossFunction, start: [Double], growthFactor: Double = 64, maxSteps: Int = 20_000,
                           gradientTolerance: Double = 1e-10, stopWhenFar: EscapeScale? = nil) -> Verdict {
        let optimizer = LimitedMemoryBFGS(f)
        let ws = f.makeWorkspace()
        var params = start
        let n = f.parameterCount
        var gradient = [Double](repeating: 0, count: n)
        let startNorm = max(norm(start), 1e-300)
        var loss = 0.0, gnorm = 0.0, steps = 0
        var doublings: [Double] = []   // loss each time ‖θ‖ passes startNorm·2^k
        var nextMark = 2 * max(startNorm, 1)
        var endNorm = startNorm
        params.withUnsafeMutableBufferPointer { pb in
            gradient.withUnsafeMutableBufferPointer { gb in
                let p = pb.baseAddress!, g = gb.baseAddress!
                loss = f.evaluate(p, gradient: g, workspace: ws)
                while steps < maxSteps {
                    if !optimizer.step(p, loss: &loss, gradient: g) {
                        optimizer.reset()
                        if !optimizer.step(p, loss: &loss, gradient: g) { break }
                    }
                    steps += 1
                    var g2 = 0.0, t2 = 0.0
                    for i in 0..<n { g2 += g[i] * g[i]; t2 += p[i] * p[i] }
                    gnorm = g2.squareRoot(); endNorm = t2.squareRoot()
                    if !loss.isFinite { break }
                    while endNorm >= nextMark { doublings.append(loss); nextMark *= 2 }
                    if gnorm <= gradientTolerance { break }
                    if endNorm >= growthFactor * max(startNorm, 1) { break }
                    if let far = stopWhenFar, steps & 63 == 0, endNorm > far.farNorm,
                       far.isFar(Array(UnsafeBufferPointer(start: p, count: n))) { break }
                }
            }
        }
        var verdict = Verdict(escaping: false, limit: nil, lowestLoss: loss, startNorm: startNorm, endNorm: endNorm,
                              steps: steps, gradientNorm: gnorm, params: params)
        guard loss.isFinite, gnorm > gradientTolerance, endNorm >= growthFactor * max(startNorm, 1), doublings.count >= 3 else {
            return verdict
        }
        let k = doublings.count
        let (a, b, c) = (doublings[k - 3], doublings[k - 2], doublings[k - 1])
        let d1 = a - b, d2 = b - c
        // Decreasing loss, with shrinking decrements per doubling of ‖θ‖: a convergent approach to a limit.
        guard d1 >= 0, d2 >= 0, d2 <= d1 else { return verdict }
        verdict.escaping = true
        let denom = d1 - d2
        var limit = denom > 0 ? c - d2 * d2 / denom : c
        if !limit.isFinite || limit > c { limit = c }
        verdict.limit = max(0, limit)   // the loss is a sum of squares
        return verdict
    }

    static func norm(_ v: [Double]) -> Double { EuclideanNorm.of(v) }
}
