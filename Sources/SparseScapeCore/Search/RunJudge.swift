/// What finishing a run needs to know about its network, computed once per network: the escape scale, the proven
/// lower bound of the global minimum and the critical tolerance.
public struct RunJudge: Sendable {
    /// The balanced norm beyond which a first phase is stopped and its valley examined.
    public let scale: EscapeScale
    /// The proven lower bound of the global minimum (its closed form where a theorem gives one, else the dense and
    /// per-output relaxations of `GlobalMinimum`); no valley's limit lies below it.
    public let lowerBound: Double
    /// The relative gradient (`NumericalResolution`) at or below which a run has reached a critical point.
    public let criticalTolerance: Double
    /// Levenberg–Marquardt steps the continuation of a run that did not converge may take.
    public var continuationSteps: Int
    /// Newton iterations of the polish.
    public var polishIterations: Int

    /// The judge of runs on `f`.
    public init(_ f: LossFunction, criticalTolerance: Double = NumericalResolution.criticalGradient,
                continuationSteps: Int = 1500, polishIterations: Int = 50) throws {
        scale = try EscapeScale(f)
        if let closed = try GlobalMinimum.closedForm(f) {
            lowerBound = closed.value
        } else {
            lowerBound = try GlobalMinimum.denseRelaxation(f).value
        }
        self.criticalTolerance = criticalTolerance
        self.continuationSteps = continuationSteps
        self.polishIterations = polishIterations
    }

    /// The rules of a first phase under this judge: stopped at a relative gradient of 10⁻⁴ (or the critical tolerance
    /// when larger), where the Newton polish converges in a few steps, or once the balanced ‖θ‖ passes 4× the escape
    /// scale (the finish then examines the valley).
    public func bounded(_ rules: StoppingRules) -> StoppingRules {
        var r = rules
        r.maximumParameterNorm = min(r.maximumParameterNorm, 4 * scale.farNorm)
        if r.relativeGradientTolerance == 0 { r.relativeGradientTolerance = max(criticalTolerance, Self.handOff) }
        return r
    }

    /// Relative gradient at which a first phase hands over to the Newton polish.
    public static let handOff = 1e-4
}
