import SparseScapeCore

/// Lower bounds of count-like options (restarts, steps, grid points, …), checked before any work with a message that
/// names the option and the value it got: "--restarts must be at least 1 (got -1)".
enum CountOption {
    /// Throws unless `value` (when given) is at least `minimum`.
    static func check(_ value: Int?, atLeast minimum: Int, _ option: String) throws {
        guard let value, value < minimum else { return }
        throw SparseScapeError(minimum == 0 ? "\(option) must be zero or positive (got \(value))"
                                            : "\(option) must be at least \(minimum) (got \(value))")
    }
}
