import Foundation

/// Adam with bias correction (β₁ = 0.9, β₂ = 0.999, ε = 1e-12).
public final class Adam: Optimizer {
    public let kind = OptimizerKind.adam
    /// First-moment decay.
    public static let beta1 = 0.9
    /// Second-moment decay.
    public static let beta2 = 0.999
    /// Denominator floor.
    public static let epsilon = 1e-12
    let f: LossFunction
    let workspace: EvaluationWorkspace
    let learningRate: Double
    let count: Int
    private let m: UnsafeMutablePointer<Double>
    private let v: UnsafeMutablePointer<Double>
    private var t = 0

    init(_ f: LossFunction, learningRate: Double) {
        self.f = f
        self.workspace = f.makeWorkspace()
        self.learningRate = learningRate
        self.count = f.parameterCount
        m = .allocate(capacity: max(1, count))
        v = .allocate(capacity: max(1, count))
        m.initialize(repeating: 0, count: max(1, count))
        v.initialize(repeating: 0, count: max(1, count))
    }

    deinit { m.deallocate(); v.deallocate() }

    public func step(_ params: UnsafeMutablePointer<Double>, loss: inout Double, gradient: UnsafeMutablePointer<Double>) -> Bool {
        t += 1
        let c1 = 1 - pow(Self.beta1, Double(t)), c2 = 1 - pow(Self.beta2, Double(t))
        for i in 0..<count {
            let g = gradient[i]
            m[i] = Self.beta1 * m[i] + (1 - Self.beta1) * g
            v[i] = Self.beta2 * v[i] + (1 - Self.beta2) * g * g
            params[i] -= learningRate * (m[i] / c1) / ((v[i] / c2).squareRoot() + Self.epsilon)
        }
        loss = f.evaluate(params, gradient: gradient, workspace: workspace)
        return true
    }

    public func reset() {
        t = 0
        m.update(repeating: 0, count: max(1, count))
        v.update(repeating: 0, count: max(1, count))
    }
}
