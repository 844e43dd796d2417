/// A command from the UI, applied by the session between steps, atomically.
public enum EngineCommand: Equatable, Sendable {
    /// Run or pause.
    case toggleRunning
    /// One optimizer step (when paused or converged).
    case step
    /// Back to the start point (and the config's masks).
    case reset
    /// A new random start (seeded stream).
    case randomRestart
    /// Add small Gaussian noise to the current point.
    case perturb
    /// Prune or revive one weight (layer is 0-based: W[layer] maps widths[layer] → widths[layer+1]).
    case toggleEdge(layer: Int, row: Int, col: Int)
    /// Prune the smallest-magnitude live weights (the session's pruning fraction of them) and keep training.
    case pruneSmallest
    /// Next pruning fraction: 10 → 20 → 30 → 50 → 10 %.
    case cyclePruneFraction
    /// Undo the last toggle or pruning step (mask and point as before it).
    case undoToggle
    /// Revive the pruned edge that the regrow analysis ranks first among those that open a way down.
    case reviveBestHint
    /// Multiply the step size by this factor (e.g. 2 or 0.5).
    case scaleStepSize(Double)
    /// Faster (+1) or slower (−1) pace, through `DescentSpeed.levels`.
    case changeSpeed(Int)
    /// Next optimizer in gd → armijo → momentum → adam → bcd → lbfgs → newton (skipping those that do not apply).
    case cycleOptimizer
    /// Jump to the best-known point.
    case jumpToBest
    /// Run a multi-start search in the background and adopt its best point as best known.
    case runSearch
    /// Compute the minimum-energy path from the current point to the best known minimum in the background.
    case computePath
    /// Next slice directions: random → normalized → hessian → toward:best.
    case cycleDirections
    /// Follow the current point, or freeze the plane.
    case toggleFollow
    /// Basin mode on/off: the plane is frozen and the basins of attraction on it are computed in the background.
    case toggleBasins
    /// Zoom the slice in (+1: half the span) or out (−1).
    case zoomSlice(Int)
    /// A finer (+1) or coarser (−1) slice grid.
    case refineSlice(Int)
}
