/// When training stops, and what counts as divergence.
public struct StoppingRules: Equatable, Sendable, Codable {
    /// Step budget (sweeps for BCD).
    public var maxSteps: Int
    /// Stop when the gradient norm is at or below this (0 turns the rule off).
    public var gradientTolerance: Double
    /// Stop when the relative gradient (`NumericalResolution`) is at or below this (0 turns the rule off).
    public var relativeGradientTolerance: Double = 0
    /// Stop when |ΔL| ≤ this · max(|L|, 1e-300) for one step (0 turns the rule off).
    public var relativeLossTolerance: Double
    /// The loss has exploded when it exceeds this factor times (initial loss + 1).
    public var explosionFactor: Double
    /// The weights are escaping to infinity when ‖θ‖ exceeds this.
    public var maximumParameterNorm: Double

    /// Validated rules.
    public init(maxSteps: Int = 10_000, gradientTolerance: Double = 1e-8, relativeLossTolerance: Double = 0,
                explosionFactor: Double = 1e8, maximumParameterNorm: Double = 1e6, relativeGradientTolerance: Double = 0) throws {
        guard maxSteps >= 0 else { throw SparseScapeError("the step count must be zero or positive, got \(maxSteps)") }
        guard gradientTolerance.isFinite, gradientTolerance >= 0 else {
            throw SparseScapeError("the gradient tolerance must be a finite number ≥ 0, got \(gradientTolerance)")
        }
        guard relativeLossTolerance.isFinite, relativeLossTolerance >= 0 else {
            throw SparseScapeError("the relative loss tolerance must be a finite number ≥ 0, got \(relativeLossTolerance)")
        }
        guard relativeGradientTolerance.isFinite, relativeGradientTolerance >= 0 else {
            throw SparseScapeError("the relative gradient tolerance must be a finite number ≥ 0, got \(relativeGradientTolerance)")
        }
        guard explosionFactor > 1, maximumParameterNorm > 0 else { throw SparseScapeError("divergence thresholds must be positive") }
        self.maxSteps = maxSteps
        self.gradientTolerance = gradientTolerance
        self.relativeLossTolerance = relativeLossTolerance
        self.explosionFactor = explosionFactor
        self.maximumParameterNorm = maximumParameterNorm
        self.relativeGradientTolerance = relativeGradientTolerance
    }
}

/// Why training stopped.
public enum StopReason: String, Codable, Sendable {
    /// The gradient norm reached the tolerance.
    case converged = "gradient-tolerance"
    /// The loss changed by less than the relative tolerance.
    case lossStalled = "loss-stalled"
    /// The step budget was used up.
    case maxSteps = "max-steps"
    /// No step could lower the loss (line search failed): numerically stationary.
    case noDecrease = "no-decrease"
    /// The loss became non-finite or exploded.
    case diverged
    /// The weights ran off to infinity (norm above the bound) while the loss stayed finite.
    case escaping
    /// Stopped from outside (cancelled).
    case cancelled

    /// True for the failures that must never be reported as results.
    public var isFailure: Bool { self == .diverged || self == .escaping }
}
