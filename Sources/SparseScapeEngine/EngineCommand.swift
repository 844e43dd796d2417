/// A command from the UI, applied by the optimizer thread between steps, atomically.
public enum EngineCommand: Equatable, Sendable {
    /// Run or pause.
    case toggleRunning
    /// One optimizer step (when paused).
    case step
    /// Back to the start point (and the config's masks).
    case reset
    /// A new random start (seeded stream).
    case randomRestart
    /// Add small Gaussian noise to the current point.
    case perturb
    /// Prune or revive one weight (layer is 0-based: W[layer] maps widths[layer] → widths[layer+1]).
    case toggleEdge(layer: Int, row: Int, col: Int)
    /// Multiply the step size by this factor (e.g. 2 or 0.5).
    case scaleStepSize(Double)
    /// Next optimizer in gd → armijo → momentum → adam → bcd → lbfgs → newton (skipping bcd where it does not apply).
    case cycleOptimizer
    /// Jump to the best-known point.
    case jumpToBest
    /// Run a multi-start search in the background and adopt its best point as best known.
    case runSearch
    /// Next slice directions: random → normalized → hessian → toward:best.
    case cycleDirections
    /// Follow the current point, or freeze the plane.
    case toggleFollow
}
