/// One optimization method operating in place on a canonical parameter vector.
///
/// Pruned weights are not parameters, so every optimizer leaves them exactly zero.
public protocol Optimizer: AnyObject {
    /// Which method this is.
    var kind: OptimizerKind { get }
    /// Advances `params` by one step (one sweep for BCD).
    ///
    /// On entry `loss` and `gradient` hold the values at `params`; on exit they hold the values at the new point.
    /// Returns false when no step could be taken (a line search found no decrease).
    func step(_ params: UnsafeMutablePointer<Double>, loss: inout Double, gradient: UnsafeMutablePointer<Double>) -> Bool
    /// Forgets internal state (momentum, Adam moments, line-search memory).
    func reset()
}

/// Settings shared by all optimizers.
public struct OptimizerSettings: Equatable, Sendable, Codable {
    /// The method.
    public var kind: OptimizerKind
    /// Step size (initial trial step for Armijo; unused by BCD).
    public var learningRate: Double

    /// Settings with the method's default step size unless one is given.
    public init(kind: OptimizerKind, learningRate: Double? = nil) throws {
        let lr = learningRate ?? kind.defaultLearningRate
        guard lr.isFinite, lr > 0 else { throw SparseScapeError("the step size must be a positive finite number, got \(lr)") }
        self.kind = kind
        self.learningRate = lr
    }

    /// Builds the optimizer for a loss function.
    public func makeOptimizer(for f: LossFunction) throws -> any Optimizer {
        switch kind {
        case .gd: return GradientDescent(f, learningRate: learningRate)
        case .armijo: return ArmijoGradientDescent(f, initialStep: learningRate)
        case .momentum: return HeavyBallMomentum(f, learningRate: learningRate)
        case .adam: return Adam(f, learningRate: learningRate)
        case .bcd: return try BlockCoordinateDescent(f)
        case .newton: return TrustRegionNewton(f, initialRadius: learningRate)
        case .lbfgs: return LimitedMemoryBFGS(f, initialStep: learningRate)
        case .lm: return LevenbergMarquardt(f, initialDamping: learningRate)
        }
    }
}
