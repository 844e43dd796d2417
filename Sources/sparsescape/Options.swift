import ArgumentParser
import SparseScapeCore

/// `--json`.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print machine-readable JSON instead of text.")
    var json = false
}

/// The optimizer options shared by train and search.
struct OptimizerOptions: ParsableArguments {
    @Option(name: .long, help: "Optimizer: gd, armijo, momentum, adam, bcd, lbfgs, newton or lm (default: the config's, else gd for train and the explorer, lm for search and prune).")
    var optimizer: String?

    @Option(name: .long, parsing: .unconditional, help: "Step size (gd, momentum, adam; the first trial step for armijo and lbfgs, the first trust radius for newton, the first damping for lm; default: the config's, else from the curvature at the start for gd and momentum, 0.01 for adam, 1 for armijo, lbfgs and newton, 0.001 for lm).")
    var lr: Double?

    /// Validated settings, falling back to the config's recommendation, then to `fallback`; a fixed-step method
    /// (gd, momentum) given no step size by either takes it from the curvature at `start` (`CurvatureStep`).
    func settings(config: NetworkConfig, fallback: OptimizerKind, f: LossFunction? = nil, start: [Double]? = nil) throws -> OptimizerSettings {
        let kind = try optimizer.map { try OptimizerKind.parse($0) } ?? config.optimizer ?? fallback
        var rate = lr ?? (kind == config.optimizer || optimizer == nil ? config.learningRate : nil)
        if let lr, !(lr.isFinite && lr > 0) { throw SparseScapeError("--lr must be a positive finite number, got \(lr)") }
        if rate == nil, kind == .gd || kind == .momentum, let f, let start { rate = try CurvatureStep.size(f, at: start) }
        return try OptimizerSettings(kind: kind, learningRate: rate)
    }
}

/// Parses a seed with a clear error.
func parseSeed(_ s: Int) throws -> UInt64 {
    try CountOption.check(s, atLeast: 0, "--seed")
    return UInt64(s)
}
