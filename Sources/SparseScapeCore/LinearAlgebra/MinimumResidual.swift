/// MINRES (Paige–Saunders) for A·x = b with A symmetric, possibly indefinite or singular, given as a product, and a
/// diagonal positive-definite preconditioner M: the iterate x_k minimises ‖A·x − b‖_{M⁻¹} over the k-th Krylov space,
/// so the residual never grows. Recurrences as in SciPy's `minres`.
public enum MinimumResidual {
    /// How a solve ended.
    public struct Result: Sendable {
        /// The approximate solution.
        public var x: [Double]
        /// Iterations taken (operator applications).
        public var iterations: Int
        /// ‖b − A·x‖_{M⁻¹} / ‖b‖_{M⁻¹} at the end.
        public var relativeResidual: Double
    }

    /// Solves from x = 0 with M = diag(`preconditioner`) (entries > 0), `apply(v, out)` writing A·v; stops at a
    /// relative residual ≤ `tolerance` or after `maxIterations`.
    public static func solve(_ b: [Double], preconditioner: [Double], tolerance: Double, maxIterations: Int,
                             apply: (UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Void) -> Result {
        let n = b.count
        var x = [Double](repeating: 0, count: n)
        var r1 = b
        var y = (0..<n).map { b[$0] / preconditioner[$0] }
        let beta1 = dot(r1, y).squareRoot()
        guard n > 0, beta1 > 0, beta1.isFinite else { return Result(x: x, iterations: 0, relativeResidual: 0) }
        var r2 = r1
        var oldb = 0.0, beta = beta1, dbar = 0.0, epsln = 0.0, phibar = beta1
        var cs = -1.0, sn = 0.0
        var w = [Double](repeating: 0, count: n), w1 = w, w2 = w
        var v = w
        var iterations = 0
        while iterations < maxIterations {
            iterations += 1
            let s = 1 / beta
            for i in 0..<n { v[i] = s * y[i] }
            v.withUnsafeBufferPointer { vp in y.withUnsafeMutableBufferPointer { yp in apply(vp.baseAddress!, yp.baseAddress!) } }
            if iterations >= 2 { let c = beta / oldb; for i in 0..<n { y[i] -= c * r1[i] } }
            let alfa = dot(v, y)
            let c = alfa / beta
            for i in 0..<n { y[i] -= c * r2[i] }
            swap(&r1, &r2)
            r2 = y
            for i in 0..<n { y[i] = r2[i] / preconditioner[i] }
            oldb = beta
            beta = max(dot(r2, y), 0).squareRoot()
            let oldeps = epsln
            let delta = cs * dbar + sn * alfa
            let gbar = sn * dbar - cs * alfa
            epsln = sn * beta
            dbar = -cs * beta
            let gamma = max((gbar * gbar + beta * beta).squareRoot(), Double.ulpOfOne)
            cs = gbar / gamma
            sn = beta / gamma
            let phi = cs * phibar
            phibar = sn * phibar
            let denom = 1 / gamma
            swap(&w1, &w2)      // w1 ← old w2
            swap(&w2, &w)       // w2 ← old w; w holds old w1's storage (overwritten next)
            for i in 0..<n {
                w[i] = (v[i] - oldeps * w1[i] - delta * w2[i]) * denom
                x[i] += phi * w[i]
            }
            if !(phibar.isFinite) || phibar <= tolerance * beta1 || beta == 0 { break }
        }
        return Result(x: x, iterations: iterations, relativeResidual: phibar / beta1)
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for i in 0..<a.count { s += a[i] * b[i] }
        return s
    }
}
