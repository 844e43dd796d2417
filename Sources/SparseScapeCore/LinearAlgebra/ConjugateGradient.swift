/// Preconditioned conjugate gradients for A·x = b with A symmetric, given as a product, and a diagonal preconditioner.
public enum ConjugateGradient {
    /// How a solve ended.
    public struct Result: Sendable {
        /// The approximate solution.
        public var x: [Double]
        /// Iterations taken.
        public var iterations: Int
        /// ‖b − A·x‖ / ‖b‖ at the end.
        public var relativeResidual: Double
        /// True when a direction of non-positive curvature stopped the iteration (A is not positive definite).
        public var negativeCurvature: Bool
    }

    /// Solves A·x = b from x = 0, `apply(v, out)` writing A·v, with the preconditioner diag(`diagonal`) (entries > 0);
    /// stops at ‖r‖ ≤ `tolerance`·‖b‖, after `maxIterations`, or on non-positive curvature (x is then the last iterate,
    /// still a descent direction for the quadratic when A is the model's matrix).
    public static func solve(_ b: [Double], diagonal: [Double], tolerance: Double, maxIterations: Int,
                             apply: (UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Void) -> Result {
        let n = b.count
        var x = [Double](repeating: 0, count: n)
        let bnorm = dot(b, b).squareRoot()
        if n == 0 || bnorm == 0 { return Result(x: x, iterations: 0, relativeResidual: 0, negativeCurvature: false) }
        var r = b
        var z = (0..<n).map { r[$0] / diagonal[$0] }
        var d = z
        var ad = [Double](repeating: 0, count: n)
        var rz = dot(r, z)
        var iterations = 0
        var residual = 1.0
        while iterations < maxIterations {
            iterations += 1
            d.withUnsafeBufferPointer { dp in ad.withUnsafeMutableBufferPointer { ap in apply(dp.baseAddress!, ap.baseAddress!) } }
            let curvature = dot(d, ad)
            if !(curvature > 0) {
                if iterations == 1 { x = z }
                return Result(x: x, iterations: iterations, relativeResidual: residual, negativeCurvature: true)
            }
            let alpha = rz / curvature
            for i in 0..<n { x[i] += alpha * d[i]; r[i] -= alpha * ad[i] }
            residual = dot(r, r).squareRoot() / bnorm
            if residual <= tolerance { break }
            for i in 0..<n { z[i] = r[i] / diagonal[i] }
            let next = dot(r, z)
            let beta = next / rz
            rz = next
            for i in 0..<n { d[i] = z[i] + beta * d[i] }
        }
        return Result(x: x, iterations: iterations, relativeResidual: residual, negativeCurvature: false)
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for i in 0..<a.count { s += a[i] * b[i] }
        return s
    }
}
