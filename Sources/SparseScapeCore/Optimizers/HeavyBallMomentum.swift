/// Heavy-ball momentum: v ← βv − η∇L(θ), θ ← θ + v, with β = 0.9.
public final class HeavyBallMomentum: Optimizer {
    public let kind = OptimizerKind.momentum
    /// The momentum coefficient β.
    public static let beta = 0.9
    let f: LossFunction
    let workspace: EvaluationWorkspace
    let learningRate: Double
    let count: Int
    private let velocity: UnsafeMutablePointer<Double>

    init(_ f: LossFunction, learningRate: Double) {
        self.f = f
        self.workspace = f.makeWorkspace()
        self.learningRate = learningRate
        self.count = f.parameterCount
        velocity = .allocate(capacity: max(1, count))
        velocity.initialize(repeating: 0, count: max(1, count))
    }

    deinit { velocity.deallocate() }

    public func step(_ params: UnsafeMutablePointer<Double>, loss: inout Double, gradient: UnsafeMutablePointer<Double>) -> Bool {
        for i in 0..<count {
            velocity[i] = Self.beta * velocity[i] - learningRate * gradient[i]
            params[i] += velocity[i]
        }
        loss = f.evaluate(params, gradient: gradient, workspace: workspace)
        return true
    }

    public func reset() { velocity.update(repeating: 0, count: max(1, count)) }
}
