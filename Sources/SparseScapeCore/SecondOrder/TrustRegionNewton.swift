/// Trust-region Newton on the exact Hessian: one accepted trust-region iteration per step.
///
/// Up to `denseLimit` free weights the subproblem is solved exactly in the Hessian's eigenbasis
/// (`TrustRegionSubproblem`, Moré–Sorensen); above, by Steihaug–CG on exact Hessian-vector products. Before every
/// step each hidden node's incoming and outgoing norms are balanced (`NodeBalancing`, which leaves the loss unchanged),
/// and the pseudo-inverse handles the remaining symmetry zeros, so the rescaling directions never stall it. Near a
/// non-degenerate critical point the model is exact to third order and convergence is quadratic; where the predicted
/// reduction falls to rounding level a step is accepted when it lowers ‖∇L‖ instead.
public final class TrustRegionNewton: Optimizer {
    public let kind = OptimizerKind.newton
    let f: LossFunction
    let workspace: EvaluationWorkspace
    let balancing: NodeBalancing
    let count: Int
    let initialRadius: Double
    /// Largest network for which the dense eigen-solution is used.
    public static let denseLimit = 600
    /// The current trust radius (nil before the first step).
    public private(set) var radius: Double?
    /// Rounding level of the loss (its value is a difference of terms of size ½‖Y‖²).
    let lossNoise: Double
    /// Largest number of conjugate-gradient iterations per step above `denseLimit`.
    let maxCGIterations: Int

    /// Newton with initial trust radius `initialRadius` (scaled by max(1, ‖θ‖) at the first step); above
    /// `denseLimit` weights each step runs at most `maxCGIterations` CG iterations (default 200, so one step stays
    /// short in the explorer; a polish may allow more).
    public init(_ f: LossFunction, initialRadius: Double = 1, maxCGIterations: Int = 200) {
        self.f = f
        workspace = f.makeWorkspace()
        balancing = NodeBalancing(f.architecture)
        count = f.parameterCount
        self.initialRadius = initialRadius
        lossNoise = 1e-13 * max(1, f.statistics.targetNormSquared)
        self.maxCGIterations = maxCGIterations
    }

    public func step(_ params: UnsafeMutablePointer<Double>, loss: inout Double, gradient: UnsafeMutablePointer<Double>) -> Bool {
        if balancing.balance(params) > 0 {
            loss = f.evaluate(params, gradient: gradient, workspace: workspace)
        }
        let x = Array(UnsafeBufferPointer(start: params, count: count))
        let g = Array(UnsafeBufferPointer(start: gradient, count: count))
        let xnorm = EuclideanNorm.of(x)
        let gnorm = EuclideanNorm.of(g)
        var delta = radius ?? initialRadius * max(1, xnorm)
        let model: (Double) -> (step: [Double], predictedReduction: Double, onBoundary: Bool)
        if count <= Self.denseLimit {
            guard let h = try? f.hessian(x), let sub = try? TrustRegionSubproblem(hessian: h, gradient: g) else { return false }
            model = { sub.solve(radius: $0) }
        } else {
            let op = HessianOperator(f, at: x)
            let cap = maxCGIterations
            model = { SteihaugCG.solve(op, gradient: g, radius: $0, maxIterations: cap) }
        }
        var trial = [Double](repeating: 0, count: count)
        var trialGradient = [Double](repeating: 0, count: count)
        for _ in 0..<60 {
            let (s, pred, boundary) = model(delta)
            let snorm = EuclideanNorm.of(s)
            if snorm == 0 || !snorm.isFinite { radius = delta; return false }
            for i in 0..<count { trial[i] = x[i] + s[i] }
            let l = trial.withUnsafeBufferPointer { tp in
                trialGradient.withUnsafeMutableBufferPointer { gp in f.evaluate(tp.baseAddress!, gradient: gp.baseAddress!, workspace: workspace) }
            }
            var accept = false
            var rho = -1.0
            if l.isFinite {
                if pred <= 100 * lossNoise && abs(loss - l) <= 10 * lossNoise {
                    // At rounding level the loss cannot judge the step: the gradient can.
                    let tg = EuclideanNorm.of(trialGradient)
                    accept = tg < gnorm
                    rho = accept ? 1 : -1
                } else if pred > 0 {
                    rho = (loss - l) / pred
                    accept = rho > 1e-4
                }
            }
            if rho < 0.25 { delta = 0.25 * snorm } else if rho > 0.75 && boundary { delta = min(2 * delta, 1e10) }
            if accept {
                radius = delta
                for i in 0..<count { params[i] = trial[i]; gradient[i] = trialGradient[i] }
                loss = l
                return true
            }
            if delta <= 1e-15 * max(1, xnorm) { break }
        }
        radius = delta
        return false
    }

    public func reset() { radius = nil }
}
