/// A line search satisfying the strong Wolfe conditions (Nocedal & Wright, Algorithms 3.5 and 3.6).
///
/// Finds α with L(x + αd) ≤ L(x) + c₁α∇L·d and |∇L(x + αd)·d| ≤ c₂|∇L·d|, bracketing and then zooming with
/// safeguarded cubic interpolation. Every trial evaluates the loss and gradient into buffers the search owns, so the
/// accepted point's gradient comes with it and nothing is allocated per step.
public final class StrongWolfeLineSearch {
    /// Sufficient-decrease constant c₁.
    public let c1 = 1e-4
    /// Curvature constant c₂ (0.9 for quasi-Newton directions).
    public let c2 = 0.9
    /// Largest number of function evaluations.
    public let maxEvaluations = 40
    let f: LossFunction
    let workspace: EvaluationWorkspace
    let count: Int
    private let trial: UnsafeMutablePointer<Double>
    private let trialGradient: UnsafeMutablePointer<Double>
    /// The gradient at the accepted point (valid after a successful `search`).
    public let acceptedGradient: UnsafeMutablePointer<Double>

    /// A line search for `f`.
    public init(_ f: LossFunction) {
        self.f = f
        workspace = f.makeWorkspace()
        count = f.parameterCount
        let n = max(1, count)
        trial = .allocate(capacity: n); trial.initialize(repeating: 0, count: n)
        trialGradient = .allocate(capacity: n); trialGradient.initialize(repeating: 0, count: n)
        acceptedGradient = .allocate(capacity: n); acceptedGradient.initialize(repeating: 0, count: n)
    }

    deinit { trial.deallocate(); trialGradient.deallocate(); acceptedGradient.deallocate() }

    /// Searches along `d` from `x` (loss `l0`, directional derivative `slope0` < 0); returns (α, L(x + αd)) or nil.
    /// The gradient at x + αd is left in `acceptedGradient`.
    public func search(x: UnsafePointer<Double>, d: UnsafePointer<Double>, loss l0: Double, slope slope0: Double,
                       initialStep: Double) -> (step: Double, loss: Double)? {
        guard slope0 < 0 else { return nil }
        var evaluations = 0
        func evaluate(_ a: Double) -> (loss: Double, slope: Double) {
            evaluations += 1
            for i in 0..<count { trial[i] = x[i] + a * d[i] }
            let l = f.evaluate(trial, gradient: trialGradient, workspace: workspace)
            var s = 0.0
            for i in 0..<count { s += trialGradient[i] * d[i] }
            return (l, s)
        }
        func keep() { acceptedGradient.update(from: trialGradient, count: count) }
        typealias Sample = (step: Double, loss: Double, slope: Double)
        func zoom(_ lo: Sample, _ hi: Sample) -> (step: Double, loss: Double)? {
            var lo = lo, hi = hi
            var best: (step: Double, loss: Double)? = nil
            while evaluations < maxEvaluations {
                let width = hi.step - lo.step
                if abs(width) <= 1e-16 * max(1, abs(lo.step)) { break }
                var a = Self.cubicMinimizer(lo, hi) ?? (lo.step + 0.5 * width)
                let low = min(lo.step, hi.step) + 0.1 * abs(width), high = max(lo.step, hi.step) - 0.1 * abs(width)
                if !(a >= low && a <= high) { a = lo.step + 0.5 * width }
                let e = evaluate(a)
                if !e.loss.isFinite || e.loss > l0 + c1 * a * slope0 || e.loss >= lo.loss {
                    hi = (a, e.loss, e.slope)
                } else {
                    best = (a, e.loss); keep()
                    if abs(e.slope) <= -c2 * slope0 { return best }
                    if e.slope * (hi.step - lo.step) >= 0 { hi = lo }
                    lo = (a, e.loss, e.slope)
                }
            }
            // No strong-Wolfe point within budget: a point with sufficient decrease still makes progress.
            return best
        }
        var previous: Sample = (0, l0, slope0)
        var a = initialStep
        var first = true
        while evaluations < maxEvaluations {
            let e = evaluate(a)
            if !e.loss.isFinite || e.loss > l0 + c1 * a * slope0 || (!first && e.loss >= previous.loss) {
                return zoom(previous, (a, e.loss, e.slope)) ?? (previous.step > 0 ? (previous.step, previous.loss) : nil)
            }
            if abs(e.slope) <= -c2 * slope0 { keep(); return (a, e.loss) }
            if e.slope >= 0 { keep(); let here: Sample = (a, e.loss, e.slope); return zoom(here, previous) ?? (a, e.loss) }
            previous = (a, e.loss, e.slope)
            keep()
            a *= 2
            first = false
        }
        return nil
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
