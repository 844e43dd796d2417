import SparseScapeCore

/// Renders a training result for people.
public enum TrainingReport {
    /// Largest network whose parameters the report lists (larger ones are written with --out).
    public static let listedParameters = 24

    /// A multi-line report. `finish` is `RunFinisher`'s verdict on a run that stopped short of a critical point (nil
    /// when none was needed); `relativeGradient` is the end point's.
    public static func text(_ r: TrainingResult, name: String, settings: OptimizerSettings, finish: SearchRun? = nil,
                            relativeGradient: Double) -> String {
        typealias N = NumberFormat
        var lines = ["\(name): \(settings.kind.rawValue) (step \(N.g(settings.learningRate, 4))), \(r.steps) steps, stopped: \(r.stopReason.rawValue)"]
        switch r.stopReason {
        case .diverged: lines.append("DIVERGED: the loss became non-finite or exploded (start \(N.g(r.initialLoss, 6))); no result. Try a smaller --lr, or lm.")
        case .escaping: lines.append("ESCAPING: the weights ran off to infinity (‖θ‖ above the bound) while the loss stayed at \(N.g(r.loss, 10)); no minimum was reached.")
        default:
            lines.append("loss          \(N.g(r.loss, 15))   (start \(N.g(r.initialLoss, 10)))")
            lines.append("gradient norm \(N.g(r.gradientNorm, 3))   (relative \(N.g(relativeGradient, 2)))")
            if r.params.count <= listedParameters {
                lines.append("params        [\(r.params.map { N.g($0, 10) }.joined(separator: ", "))]")
            } else {
                lines.append("params        \(r.params.count) weights, ‖θ‖ = \(N.g(r.parameterNorm, 4)) (--out FILE writes them)")
            }
        }
        if let e = finish {
            switch e.outcome {
            case .escaping:
                lines.append("finish: a valley at infinity: ‖θ‖ → ∞, the loss still falling: its limit is ≤ \(N.g(e.valleyLimit ?? e.loss, 10)) (the lowest loss reached); no minimum. (\(e.reason))")
            case .critical:
                lines.append("finish: the end point polishes to a critical point at L = \(N.g(e.loss, 12)) (relative gradient \(N.g(e.relativeGradient, 2)); certify it to classify it)")
            case .unconverged, .diverged:
                lines.append("finish: not converged: \(e.reason); try more --steps or another --optimizer")
            }
        }
        return lines.joined(separator: "\n")
    }
}
