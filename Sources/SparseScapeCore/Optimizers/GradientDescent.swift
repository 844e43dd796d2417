/// Gradient descent with a fixed step: θ ← θ − η∇L(θ).
public final class GradientDescent: Optimizer {
    public let kind = OptimizerKind.gd
    let f: LossFunction
    let workspace: EvaluationWorkspace
    let learningRate: Double
    let count: Int

    init(_ f: LossFunction, learningRate: Double) {
        self.f = f
        self.workspace = f.makeWorkspace()
        self.learningRate = learningRate
        self.count = f.parameterCount
    }

    public func step(_ params: UnsafeMutablePointer<Double>, loss: inout Double, gradient: UnsafeMutablePointer<Double>) -> Bool {
        let eta = learningRate
        for i in 0..<count { params[i] -= eta * gradient[i] }
        loss = f.evaluate(params, gradient: gradient, workspace: workspace)
        return true
    }

    public func reset() {}
}
