/// Levenberg–Marquardt on the residual X·W₁⋯W_L − Y, with Marquardt's scaling, geodesic acceleration and delayed
/// gratification: the default solver of searches, training finishes, pruning levels and the explorer's `S`.
///
/// The first steps are L-BFGS's, while they pay (at most 300, each 20 lowering the loss by more than 1%): an L-BFGS
/// step costs a gradient where an LM step costs a factorisation, a thousand times more on a network of a thousand
/// weights, but on ill-conditioned data L-BFGS soon crawls. Then each step balances the hidden nodes (`NodeBalancing`, which leaves the loss unchanged), then solves
/// (JᵀJ + μD)·v = −∇L with J the Jacobian of X·W₁⋯W_L and D = diag(JᵀJ) (`DampedSystem`: Cholesky up to its dense
/// limit, 2,500 weights; preconditioned CG above). The geodesic acceleration a = −(JᵀJ + μD)⁻¹·Jᵀ·X·P_vv, with P_vv the second
/// derivative of W₁⋯W_L along v, bends the step along the curved valleys that sparse networks have (hidden nodes that
/// grow while their contributions cancel); the step v + a/2 is taken when 2‖a‖_D ≤ 0.75‖v‖_D and it lowers the loss.
/// μ falls by up to 3 after a success (Nielsen's rule on the model's gain ratio) and rises after a failure, by 2, then
/// 4, 8, … within one step (Transtrum and Sethna's
/// "delayed gratification", which keeps steps short enough to follow such valleys, with Nielsen's escalation so that a
/// far-off start costs a few factorisations, not a dozen). D makes the path independent of the units of X's features.
///
/// Measured against L-BFGS and trust-region Newton on real data (iris, wine raw and standardised, breast cancer,
/// linnerud, digits; `make bench-realdata`): on ill-conditioned data (wine's raw features span 10⁸ in XᵀX) L-BFGS
/// ends thousands of steps later at ‖∇L‖ far from zero where this method converges in tens of steps.
public final class LevenbergMarquardt: Optimizer {
    public let kind = OptimizerKind.lm
    let f: LossFunction
    let workspace: EvaluationWorkspace
    let balancing: NodeBalancing
    let count: Int
    let initialDamping: Double
    /// The current damping μ (relative to D).
    public private(set) var damping: Double
    /// Marquardt's scaling D so far (it never shrinks along a run: Moré's rule).
    private var scaling: [Double]? = nil
    /// Largest network for which a stalled step looks for the Hessian's negative curvature (a dense eigen-decomposition).
    static let negativeCurvatureLimit = 800
    /// Largest ratio 2‖a‖_D / ‖v‖_D at which the geodesic correction is trusted.
    static let accelerationLimit = 0.75

    /// L-BFGS for the first steps, while it makes fast progress (see `step`); nil once LM has taken over.
    private var warmUp: LimitedMemoryBFGS?
    /// Loss after the warm-up's last 20 steps (for its progress test), and the warm-up steps taken.
    private var warmUpWindow = (loss: Double.infinity, steps: 0)
    /// Most L-BFGS steps before LM takes over.
    public static let warmUpLimit = 300
    /// Relative fall of the loss over 20 L-BFGS steps below which LM takes over.
    public static let warmUpProgress = 1e-2

    /// LM starting with damping `initialDamping` (relative to Marquardt's scaling; 10⁻³ unless told); `warmUp` lets
    /// L-BFGS take the first steps while they pay.
    public init(_ f: LossFunction, initialDamping: Double = 1e-3, warmUp: Bool = true) {
        self.warmUp = warmUp && f.parameterCount > 0 ? LimitedMemoryBFGS(f) : nil
        self.f = f
        workspace = f.makeWorkspace()
        balancing = NodeBalancing(f.architecture)
        count = f.parameterCount
        self.initialDamping = initialDamping
        damping = initialDamping
    }

    public func step(_ params: UnsafeMutablePointer<Double>, loss: inout Double, gradient: UnsafeMutablePointer<Double>) -> Bool {
        if count == 0 { return false }
        // An L-BFGS step costs a gradient where an LM step costs a factorisation: L-BFGS goes first, for at most
        // `warmUpLimit` steps and while 20 of its steps lower the loss by more than `warmUpProgress` of itself.
        if let lbfgs = warmUp {
            if warmUpWindow.steps % 20 == 0 {
                if warmUpWindow.steps >= Self.warmUpLimit || !(loss < (1 - Self.warmUpProgress) * warmUpWindow.loss) { warmUp = nil }
                warmUpWindow.loss = loss
            }
            if warmUp != nil {
                warmUpWindow.steps += 1
                if lbfgs.step(params, loss: &loss, gradient: gradient) { return true }
                warmUp = nil
            }
        }
        if balancing.balance(params) > 0 {
            loss = f.evaluate(params, gradient: gradient, workspace: workspace)
        }
        let x = Array(UnsafeBufferPointer(start: params, count: count))
        let g = Array(UnsafeBufferPointer(start: gradient, count: count))
        if norm(g) == 0 || !loss.isFinite { return false }
        let products = LayerProducts(f, x)
        guard let system = DampedSystem(f, at: x, products: products, gaussNewton: true, scaling: scaling) else { return false }
        scaling = system.scaling
        let resolution = NumericalResolution(f, products: products).lossResolution
        let current = Point(x: x, g: g, loss: loss, resolution: resolution)
        if let next = gaussNewtonStep(system, products, current) ?? hessianStep(f, products, current) ?? negativeCurvatureStep(current) {
            for i in 0..<count { params[i] = next.x[i]; gradient[i] = next.g[i] }
            loss = next.loss
            return true
        }
        return false
    }

    /// A point with its gradient, loss and the loss's resolution there.
    struct Point {
        var x: [Double]
        var g: [Double]
        var loss: Double
        var resolution: Double
    }

    /// The Levenberg–Marquardt step on the Gauss–Newton model with geodesic acceleration, or nil when no damping gives
    /// a step that lowers the loss.
    private func gaussNewtonStep(_ system: DampedSystem, _ products: LayerProducts, _ p: Point) -> Point? {
        let negative = p.g.map { -$0 }
        // Rejections raise μ by 2, 4, 8, … (Nielsen): a far-off start costs a few factorisations, not a dozen.
        var raise = 2.0
        func reject() { damping *= raise; raise = min(2 * raise, 64) }
        for _ in 0..<60 {
            if !(damping <= 1e16) { damping = 1e16; return nil }
            guard let solve = system.solver(damping: damping), let v = solve(negative, 1e-4), v.allSatisfy({ $0.isFinite }) else {
                reject()
                continue
            }
            // A step whose model decrease the loss cannot resolve is no progress: too damped for this gradient (far
            // along a valley ‖J‖ is large and the steps tiny), so lower μ; at the floor the point is stationary here.
            var predicted = 0.0
            for i in 0..<count { predicted -= p.g[i] * v[i] }
            if predicted < 1e-3 * p.resolution {
                if damping <= 1e-12 { return nil }
                damping = max(damping / 100, 1e-15)
                continue
            }
            var stepVector = v
            if f.architecture.depth >= 2 {
                let curvature = f.productCurvature(products, along: v)
                let pulled = f.pullback(products, f.statistics.gram.multiplied(by: curvature))
                if let a = solve(pulled.map { -$0 }, 1e-2), a.allSatisfy({ $0.isFinite }) {
                    let vn = system.scaledNorm(v), an = system.scaledNorm(a)
                    // Beyond the limit the correction is not trusted: the plain step is tried with this factorisation.
                    if 2 * an <= Self.accelerationLimit * vn {
                        for i in 0..<count { stepVector[i] += 0.5 * a[i] }
                    }
                }
            }
            if let next = accepted(p, stepVector) {
                // Nielsen's update by the gain ratio ρ of the Gauss–Newton model: μ·max(1/3, 1 − (2ρ − 1)³), so μ falls
                // by 3 where the model predicted the fall well and stays where it did poorly (a smaller μ would only be
                // rejected next).
                let mv = system.apply(v)
                var model = predicted
                for i in 0..<count { model -= 0.5 * v[i] * mv[i] }
                let rho = model > 0 ? (p.loss - next.loss) / model : 0
                let t = 2 * min(max(rho, 0), 1) - 1
                damping = max(damping * max(1.0 / 3, 1 - t * t * t), 1e-15)
                return next
            }
            reject()
        }
        return nil
    }

    /// Where the Gauss–Newton model sees no way down, the exact Hessian may (Gauss–Newton is blind to the negative
    /// curvature of a saddle, such as a hidden node that died on the way): a step on H + μD, with μ raised from 10⁻⁸
    /// until H + μD is positive definite and the step lowers the loss; nil when none does.
    private func hessianStep(_ f: LossFunction, _ products: LayerProducts, _ p: Point) -> Point? {
        guard let system = DampedSystem(f, at: p.x, products: products, gaussNewton: false, scaling: scaling) else { return nil }
        let negative = p.g.map { -$0 }
        var mu = 1e-8
        while mu <= 1e8 {
            if let solve = system.solver(damping: mu), let s = solve(negative, 1e-6), s.allSatisfy({ $0.isFinite }),
               let next = accepted(p, s) {
                return next
            }
            mu *= 16
        }
        return nil
    }

    /// At a saddle whose gradient has no component along its negative curvature (a hidden node that died with its in
    /// and out weights at zero) neither model moves: the way down is the Hessian's lowest eigenvector q. The loss along
    /// θ + t·q is an exact polynomial (`SlicePolynomial`), minimised over |t| ≤ 4·max(1, ‖θ‖). Up to
    /// `negativeCurvatureLimit` weights (one eigen-decomposition, paid only where the other steps failed).
    private func negativeCurvatureStep(_ p: Point) -> Point? {
        guard count <= Self.negativeCurvatureLimit, let h = try? f.hessian(p.x), let eig = try? SymmetricEigen(h, vectors: true),
              let q = eig.vectors, let lowest = eig.values.first else { return nil }
        let radius = eig.values.map(abs).max() ?? 0
        guard lowest < -NumericalResolution.eigenvalueResolution(spectralRadius: radius, dimension: count) else { return nil }
        let direction = (0..<count).map { q[$0, 0] }
        guard let line = try? SlicePolynomial(f, center: p.x, d1: direction, d2: [Double](repeating: 0, count: count)) else { return nil }
        let span = 4 * max(1, norm(p.x))
        var best = (t: 0.0, value: line.value(0, 0))
        for k in -400...400 where k != 0 {
            let t = span * Double(k) / 400
            let v = line.value(t, 0)
            if v < best.value { best = (t, v) }
        }
        // Golden-section refinement around the best sample.
        var lo = best.t - span / 400, hi = best.t + span / 400
        for _ in 0..<60 {
            let a = hi - 0.618_033_988_75 * (hi - lo), b = lo + 0.618_033_988_75 * (hi - lo)
            if line.value(a, 0) < line.value(b, 0) { hi = b } else { lo = a }
        }
        let t = 0.5 * (lo + hi)
        guard t != 0 else { return nil }
        return accepted(p, direction.map { t * $0 })
    }

    /// The point p.x + step when it lowers the loss (below the loss's resolution, when it lowers the gradient).
    private func accepted(_ p: Point, _ step: [Double]) -> Point? {
        var trial = p.x
        for i in 0..<count { trial[i] += step[i] }
        var trialGradient = [Double](repeating: 0, count: count)
        let l = trial.withUnsafeBufferPointer { tp in
            trialGradient.withUnsafeMutableBufferPointer { gp in f.evaluate(tp.baseAddress!, gradient: gp.baseAddress!, workspace: workspace) }
        }
        guard l.isFinite, l < p.loss, p.loss - l > p.resolution || norm(trialGradient) < norm(p.g) else { return nil }
        return Point(x: trial, g: trialGradient, loss: l, resolution: p.resolution)
    }

    public func reset() {
        damping = initialDamping
        scaling = nil
        warmUp = nil
    }

    func norm(_ v: [Double]) -> Double { EuclideanNorm.of(v) }
}
