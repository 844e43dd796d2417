import ArgumentParser
import SparseScapeCore

/// `--json`.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print machine-readable JSON instead of text.")
    var json = false
}

/// The optimizer options shared by train and search.
struct OptimizerOptions: ParsableArguments {
    @Option(name: .long, help: "Optimizer: gd, armijo, momentum, adam, bcd, lbfgs or newton (default: the preset's, else gd for train; lbfgs for search).")
    var optimizer: String?

    @Option(name: .long, parsing: .unconditional, help: "Step size (initial trial step for armijo; default: the preset's, else 0.01, 1 for armijo).")
    var lr: Double?

    /// Validated settings, falling back to the config's recommendation, then to `fallback`.
    func settings(config: NetworkConfig, fallback: OptimizerKind) throws -> OptimizerSettings {
        let kind = try optimizer.map { try OptimizerKind.parse($0) } ?? config.optimizer ?? fallback
        let rate = lr ?? (kind == config.optimizer || optimizer == nil ? config.learningRate : nil)
        if let lr, !(lr.isFinite && lr > 0) { throw SparseScapeError("--lr must be a positive finite number, got \(lr)") }
        return try OptimizerSettings(kind: kind, learningRate: rate)
    }
}

/// Parses a seed with a clear error.
func parseSeed(_ s: Int) throws -> UInt64 {
    try CountOption.check(s, atLeast: 0, "--seed")
    return UInt64(s)
}
