/// A line search satisfying the strong Wolfe conditions (Nocedal & Wright, Algorithms 3.5 and 3.6).
///
/// Finds α with L(x + αd) ≤ L(x) + c₁α∇L·d and |∇L(x + αd)·d| ≤ c₂|∇L·d|, bracketing and then zooming with
/// safeguarded cubic interpolation. Every trial evaluates the loss and gradient, so the accepted point's gradient is
/// returned with it.
public struct StrongWolfeLineSearch {
    /// Sufficient-decrease constant c₁.
    public var c1 = 1e-4
    /// Curvature constant c₂ (0.9 for quasi-Newton directions).
    public var c2 = 0.9
    /// Largest number of function evaluations.
    public var maxEvaluations = 40

    /// The accepted point: step, loss and gradient at x + αd.
    public struct Point {
        /// α.
        public var step: Double
        /// L(x + αd).
        public var loss: Double
        /// ∇L(x + αd).
        public var gradient: [Double]
    }

    /// Searches along `d` from `x` (with loss `l0` and directional derivative `slope0` < 0); nil when no step qualifies.
    public func search(_ f: LossFunction, workspace: EvaluationWorkspace, x: [Double], d: [Double], loss l0: Double,
                       slope slope0: Double, initialStep: Double) -> Point? {
        guard slope0 < 0 else { return nil }
        let n = x.count
        var evaluations = 0
        var trial = [Double](repeating: 0, count: n)
        func evaluate(_ a: Double) -> (loss: Double, slope: Double, gradient: [Double]) {
            evaluations += 1
            for i in 0..<n { trial[i] = x[i] + a * d[i] }
            var g = [Double](repeating: 0, count: n)
            let l = trial.withUnsafeBufferPointer { tp in
                g.withUnsafeMutableBufferPointer { gp in f.evaluate(tp.baseAddress!, gradient: gp.baseAddress!, workspace: workspace) }
            }
            var s = 0.0
            for i in 0..<n { s += g[i] * d[i] }
            return (l, s, g)
        }
        var previous = (step: 0.0, loss: l0, slope: slope0)
        var a = initialStep
        var first = true
        while evaluations < maxEvaluations {
            let e = evaluate(a)
            if !e.loss.isFinite || e.loss > l0 + c1 * a * slope0 || (!first && e.loss >= previous.loss) {
                return zoom(lo: previous, hi: (a, e.loss, e.slope), l0: l0, slope0: slope0, evaluate: evaluate, count: { evaluations })
            }
            if abs(e.slope) <= -c2 * slope0 { return Point(step: a, loss: e.loss, gradient: e.gradient) }
            if e.slope >= 0 {
                return zoom(lo: (a, e.loss, e.slope), hi: previous, l0: l0, slope0: slope0, evaluate: evaluate, count: { evaluations })
            }
            previous = (a, e.loss, e.slope)
            a *= 2
            first = false
        }
        return nil
    }

    private func zoom(lo: (step: Double, loss: Double, slope: Double), hi: (step: Double, loss: Double, slope: Double),
                      l0: Double, slope0: Double,
                      evaluate: (Double) -> (loss: Double, slope: Double, gradient: [Double]), count: () -> Int) -> Point? {
        var lo = lo, hi = hi
        var best: Point? = nil
        while count() < maxEvaluations {
            let width = hi.step - lo.step
            if abs(width) <= 1e-16 * max(1, abs(lo.step)) { break }
            var a = Self.cubicMinimizer(lo, hi) ?? (lo.step + 0.5 * width)
            let low = min(lo.step, hi.step) + 0.1 * abs(width), high = max(lo.step, hi.step) - 0.1 * abs(width)
            if !(a >= low && a <= high) { a = lo.step + 0.5 * width }
            let e = evaluate(a)
            if !e.loss.isFinite || e.loss > l0 + c1 * a * slope0 || e.loss >= lo.loss {
                hi = (a, e.loss, e.slope)
            } else {
                best = Point(step: a, loss: e.loss, gradient: e.gradient)
                if abs(e.slope) <= -c2 * slope0 { return best }
                if e.slope * (hi.step - lo.step) >= 0 { hi = lo }
                lo = (a, e.loss, e.slope)
            }
        }
        // No strong-Wolfe point within budget: a point with sufficient decrease still makes progress.
        return best
    }

    /// The minimiser of the cubic interpolating values and slopes at both ends (nil when it has none).
    static func cubicMinimizer(_ a: (step: Double, loss: Double, slope: Double), _ b: (step: Double, loss: Double, slope: Double)) -> Double? {
        let d1 = a.slope + b.slope - 3 * (a.loss - b.loss) / (a.step - b.step)
        let disc = d1 * d1 - a.slope * b.slope
        guard disc >= 0 else { return nil }
        let d2 = (b.step > a.step ? 1.0 : -1.0) * disc.squareRoot()
        let denom = b.slope - a.slope + 2 * d2
        guard denom != 0 else { return nil }
        let t = b.step - (b.step - a.step) * (b.slope + d2 - d1) / denom
        return t.isFinite ? t : nil
    }
}
