/// How one run of a multi-start search ended, after its Newton polish.
public enum RunOutcome: String, Codable, Sendable {
    /// It reached a critical point (‖∇L‖ within the certification tolerance), which was grouped and certified.
    case critical
    /// ‖θ‖ runs off to infinity along a valley while the loss falls to a limit (`ValleyFollower`'s evidence).
    case escaping
    /// The loss became non-finite or exploded.
    case diverged
    /// Neither: the polish and the continued descent both failed; `reason` says why.
    case unconverged
}

/// One run of a multi-start search: where it ended and why.
public struct SearchRun: Codable, Equatable, Sendable {
    /// Index of the random start.
    public var restart: Int
    /// How it ended.
    public var outcome: RunOutcome
    /// Final loss (after the polish).
    public var loss: Double
    /// Final ‖∇L‖.
    public var gradientNorm: Double
    /// Final relative gradient (`NumericalResolution`): ‖∇L‖ against the size of the terms it is made of.
    public var relativeGradient: Double
    /// Final ‖θ‖.
    public var parameterNorm: Double
    /// Steps of the first (chosen) optimizer and why it stopped.
    public var steps: Int
    /// The first optimizer's stop reason.
    public var stopReason: StopReason
    /// Newton polish iterations.
    public var polishIterations: Int
    /// Levenberg–Marquardt steps of the continuation (a run that had not converged after its polish).
    public var continuationSteps: Int
    /// One sentence: why the run has this outcome.
    public var reason: String
    /// For a critical run: the index of its point in the search's `minima`.
    public var point: Int?
    /// For an escaping run: the index of its valley in the search's `valleys`, and the extrapolated limit.
    public var valley: Int?
    /// The valley's limiting loss for an escaping run.
    public var valleyLimit: Double?
}

/// A valley at infinity: runs whose loss converged to the same limit while ‖θ‖ grew without bound.
public struct EscapeValley: Codable, Equatable, Sendable {
    /// The limiting loss: the lowest of its runs' estimates (Aitken extrapolation along the valley where the decrements
    /// converge, else the lowest loss reached; double precision resolves slow valleys to about 10⁻⁵).
    public var limit: Double
    /// The lowest loss actually reached along it.
    public var lowestLoss: Double
    /// How many runs went there.
    public var count: Int
    /// The first restart that went there.
    public var firstRestart: Int
}
