/// Renders a training result for people.
public enum TrainingReport {
    /// A multi-line report.
    /// `escapeTest` is the verdict of `RunFinisher` on a run that drifted or escaped (nil when none was run).
    public static func text(_ r: TrainingResult, name: String, settings: OptimizerSettings, escapeTest: SearchRun? = nil) -> String {
        typealias N = NumberFormat
        var lines = ["\(name): \(settings.kind.rawValue) (step \(N.g(settings.learningRate, 4))), \(r.steps) steps, stopped: \(r.stopReason.rawValue)"]
        switch r.stopReason {
        case .diverged: lines.append("DIVERGED: the loss became non-finite or exploded (start \(N.g(r.initialLoss, 6))); no result. Try a smaller --lr or armijo.")
        case .escaping: lines.append("ESCAPING: the weights ran off to infinity (‖θ‖ above the bound) while the loss stayed at \(N.g(r.loss, 10)); no minimum was reached.")
        default:
            lines.append("loss          \(N.g(r.loss, 15))   (start \(N.g(r.initialLoss, 10)))")
            lines.append("gradient norm \(N.g(r.gradientNorm, 3))")
            lines.append("params        [\(r.params.map { N.g($0, 10) }.joined(separator: ", "))]")
        }
        if let e = escapeTest {
            switch e.outcome {
            case .escaping:
                lines.append("ESCAPE: the run follows a valley at infinity, ‖θ‖ → ∞ while the loss falls toward ≈ \(e.valleyLimit.map { N.g($0, 10) } ?? "?") (lowest reached \(N.g(e.loss, 10))); this is no minimum. (\(e.reason))")
            case .critical:
                lines.append("not an escape: a Newton polish from the end point reaches a critical point at L = \(N.g(e.loss, 12)) (‖∇L‖ = \(N.g(e.gradientNorm, 2)))")
            case .unconverged, .diverged:
                lines.append("undecided: \(e.reason)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
