/// Newton to full precision from a nearby point: the last phase of every search run.
///
/// Runs `TrustRegionNewton` (balanced, exact Hessian) until ‖∇L‖ stops improving or reaches
/// `target`; a first-order end point at ‖∇L‖ ≈ 10⁻⁴ typically reaches 10⁻¹⁴ in a handful of iterations.
public enum NewtonPolish {
    /// The polished point.
    public struct Result: Sendable {
        /// Final parameters.
        public var params: [Double]
        /// Final loss.
        public var loss: Double
        /// Final gradient norm.
        public var gradientNorm: Double
        /// Newton iterations taken.
        public var iterations: Int
    }

    /// Polishes `start`; stops at ‖∇L‖ ≤ `target`, after `maxIterations`, when no step is accepted, or when ‖θ‖
    /// exceeds `normLimit` (the point is then running away, not converging).
    public static func run(_ f: LossFunction, start: [Double], target: Double = 0, maxIterations: Int = 60,
                           normLimit: Double = .infinity) -> Result {
        let newton = TrustRegionNewton(f, initialRadius: 0.1, maxCGIterations: min(max(200, 2 * f.parameterCount), 1000))
        let ws = f.makeWorkspace()
        var params = start
        var gradient = [Double](repeating: 0, count: f.parameterCount)
        var loss = 0.0, gnorm = 0.0, iterations = 0
        let floor = ProblemScale(f).gradientTolerance(1e-8 * max(1, f.statistics.cross.frobeniusNormSquared.squareRoot()))
        params.withUnsafeMutableBufferPointer { pb in
            gradient.withUnsafeMutableBufferPointer { gb in
                let p = pb.baseAddress!, g = gb.baseAddress!
                loss = f.evaluate(p, gradient: g, workspace: ws)
                gnorm = norm(g, f.parameterCount)
                var best = gnorm, stalled = 0
                while iterations < maxIterations && gnorm > target && gnorm.isFinite {
                    if !newton.step(p, loss: &loss, gradient: g) { break }
                    iterations += 1
                    gnorm = norm(g, f.parameterCount)
                    if norm(p, f.parameterCount) > normLimit { break }
                    // Rounding floor: near it, stop after three iterations without a 2× improvement.
                    if gnorm < 0.5 * best { best = gnorm; stalled = 0 } else if gnorm <= floor { stalled += 1; if stalled >= 3 { break } }
                }
            }
        }
        return Result(params: params, loss: loss, gradientNorm: gnorm, iterations: iterations)
    }

    static func norm(_ v: UnsafePointer<Double>, _ n: Int) -> Double {
        var s = 0.0
        for i in 0..<n { s += v[i] * v[i] }
        return s.squareRoot()
    }
}
