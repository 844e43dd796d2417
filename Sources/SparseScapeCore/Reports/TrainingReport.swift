/// Renders a training result for people.
public enum TrainingReport {
    /// A multi-line report.
    public static func text(_ r: TrainingResult, name: String, settings: OptimizerSettings) -> String {
        typealias N = NumberFormat
        var lines = ["\(name): \(settings.kind.rawValue) (step \(N.g(settings.learningRate, 4))), \(r.steps) steps, stopped: \(r.stopReason.rawValue)"]
        switch r.stopReason {
        case .diverged: lines.append("DIVERGED: the loss became non-finite or exploded (start \(N.g(r.initialLoss, 6))); no result. Try a smaller --lr or armijo.")
        case .escaping: lines.append("ESCAPING: the weights ran off to infinity (‖θ‖ above the bound) while the loss stayed at \(N.g(r.loss, 10)); no minimum was reached.")
        default:
            lines.append("loss          \(N.g(r.loss, 15))   (start \(N.g(r.initialLoss, 10)))")
            lines.append("gradient norm \(N.g(r.gradientNorm, 3))")
            lines.append("params        [\(r.params.map { N.g($0, 10) }.joined(separator: ", "))]")
            if r.escapeSuspected {
                lines.append("ESCAPE SUSPECTED: ‖θ‖ grew from \(N.g(r.halfwayParameterNorm, 6)) to \(N.g(r.parameterNorm, 6)) over the second half of the run while the loss kept falling: the weights are drifting off to infinity, this is no minimum.")
            }
        }
        return lines.joined(separator: "\n")
    }
}
