/// Newton to full precision from a nearby point: the last phase of every search run, training finish and pruning level.
///
/// Each iteration balances the hidden nodes and solves (H + μD)·s = −∇L with the exact Hessian H and Marquardt's
/// scaling D (`DampedSystem`: Cholesky up to its dense limit, preconditioned CG above), μ starting at 10⁻⁶ (the
/// symmetry directions' eigenvalues are rarely exactly zero) and raised until H + μD is positive definite; a step is kept when it lowers the loss beyond its resolution, or, at the
/// loss's rounding level, when it lowers ‖∇L‖. As μ falls toward 10⁻¹² the step is Newton's, so convergence to a
/// non-degenerate minimum is quadratic, and D makes it independent of the units of each weight. The symmetry
/// directions (where H is singular) are held by μD instead of stalling the solve.
public enum NewtonPolish {
    /// The polished point.
    public struct Result: Sendable {
        /// Final parameters.
        public var params: [Double]
        /// Final loss.
        public var loss: Double
        /// Final ‖∇L‖.
        public var gradientNorm: Double
        /// Final relative gradient (`NumericalResolution`).
        public var relativeGradient: Double
        /// Newton iterations taken.
        public var iterations: Int
    }

    /// Polishes `start` (`shouldStop` is polled before each iteration); stops when the relative gradient is below the
    /// rounding level and stops halving, after
    /// `maxIterations`, when no step is accepted, or when ‖θ‖ exceeds `normLimit` (the point is running away).
    public static func run(_ f: LossFunction, start: [Double], maxIterations: Int = 60,
                           normLimit: Double = .infinity, shouldStop: (() -> Bool)? = nil) -> Result {
        let n = f.parameterCount
        let balancing = NodeBalancing(f.architecture)
        var x = balancing.balanced(start)
        var (loss, g) = f.lossAndGradient(x)
        var relative = NumericalResolution(f, at: x).relativeGradient(g)
        var iterations = 0
        var mu = 1e-6
        var best = relative, beyondRounding = 0
        let ws = f.makeWorkspace()
        var trialGradient = [Double](repeating: 0, count: n)
        while iterations < maxIterations && loss.isFinite && n > 0 {
            if let shouldStop, shouldStop() { break }
            let products = LayerProducts(f, x)
            guard let system = DampedSystem(f, at: x, products: products, gaussNewton: false) else { break }
            let resolution = NumericalResolution(f, products: products).lossResolution
            let gnorm = norm(g)
            let negative = g.map { -$0 }
            var accepted = false
            for _ in 0..<24 {
                guard let solve = system.solver(damping: mu), let s = solve(negative, 1e-10), s.allSatisfy({ $0.isFinite }) else {
                    mu *= 16
                    if mu > 1e8 { break }
                    continue
                }
                let trial = (0..<n).map { x[$0] + s[$0] }
                let l = trial.withUnsafeBufferPointer { tp in
                    trialGradient.withUnsafeMutableBufferPointer { gp in f.evaluate(tp.baseAddress!, gradient: gp.baseAddress!, workspace: ws) }
                }
                let lower = l < loss - resolution
                let level = abs(l - loss) <= resolution && norm(trialGradient) < gnorm
                if l.isFinite && (lower || level) {
                    x = balancing.balanced(trial)
                    (loss, g) = f.lossAndGradient(x)
                    mu = max(mu / 16, 1e-12)
                    accepted = true
                    break
                }
                mu *= 16
                if mu > 1e8 { break }
            }
            if !accepted { break }
            iterations += 1
            relative = NumericalResolution(f, at: x).relativeGradient(g)
            if norm(x) > normLimit { break }
            // At 10⁻¹² (the rounding level of the relative gradient) the point is critical; up to two more iterations
            // are taken while each still halves it (quadratic convergence reaches the last digits, ‖∇L‖ ≈ 10⁻¹⁵·scale).
            let improved = relative < 0.5 * best
            if improved { best = relative }
            if relative <= NumericalResolution.roundingGradient {
                beyondRounding += 1
                if !improved || beyondRounding > 2 { break }
            }
        }
        return Result(params: x, loss: loss, gradientNorm: norm(g), relativeGradient: relative, iterations: iterations)
    }

    static func norm(_ v: [Double]) -> Double { EuclideanNorm.of(v) }
}
