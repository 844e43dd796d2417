/// Gradient descent with Armijo backtracking: the step halves until L(θ − t∇L) ≤ L(θ) − c·t·‖∇L‖².
///
/// Each accepted step lowers the loss; the next search starts from twice the last accepted step
/// (never above the initial step), so easy stretches are not slowed by a short memory.
public final class ArmijoGradientDescent: Optimizer {
    public let kind = OptimizerKind.armijo
    let f: LossFunction
    let workspace: EvaluationWorkspace
    let initialStep: Double
    let count: Int
    /// Sufficient-decrease constant c.
    public static let sufficientDecrease = 1e-4
    /// Smallest trial step before the search gives up.
    public static let minimumStep = 1e-30
    private var lastStep: Double
    private let trial: UnsafeMutablePointer<Double>

    init(_ f: LossFunction, initialStep: Double) {
        self.f = f
        self.workspace = f.makeWorkspace()
        self.initialStep = initialStep
        self.lastStep = initialStep
        self.count = f.parameterCount
        self.trial = .allocate(capacity: max(1, count))
        trial.initialize(repeating: 0, count: max(1, count))
    }

    deinit { trial.deallocate() }

    public func step(_ params: UnsafeMutablePointer<Double>, loss: inout Double, gradient: UnsafeMutablePointer<Double>) -> Bool {
        var g2 = 0.0
        for i in 0..<count { g2 += gradient[i] * gradient[i] }
        if g2 == 0 { return false }
        var t = min(initialStep, 2 * lastStep)
        while t >= Self.minimumStep {
            for i in 0..<count { trial[i] = params[i] - t * gradient[i] }
            let l = f.evaluate(trial, gradient: nil, workspace: workspace)
            if l.isFinite && l <= loss - Self.sufficientDecrease * t * g2 {
                params.update(from: trial, count: count)
                loss = f.evaluate(params, gradient: gradient, workspace: workspace)
                lastStep = t
                return true
            }
            t *= 0.5
        }
        return false
    }

    public func reset() { lastStep = initialStep }
}
