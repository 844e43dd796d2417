import SparseScapeCore

/// Something that just happened in the engine, as typed data: the UI words it (with its own key names).
public enum EngineEvent: Equatable, Sendable {
    /// A weight was pruned; `was` is its value before.
    case pruned(EdgePosition, was: Double)
    /// A weight was revived at `value`; `opensWayDown` when the regrow analysis said so.
    case revived(EdgePosition, value: Double, opensWayDown: Bool)
    /// The last mask change was undone.
    case undone([EdgePosition])
    /// The smallest-magnitude live weights were pruned (`fraction` of the live ones) and training continues.
    case prunedSmallest([EdgePosition], fraction: Double)
    /// The pruning command now removes `fraction` of the live weights.
    case pruneFractionChanged(Double)
    /// The loss became non-finite or exploded at `iteration`; the last finite point was restored.
    case diverged(iteration: Int, optimizer: OptimizerKind, step: Double)
    /// ‖θ‖ passed the escape bound at `iteration`.
    case escaping(iteration: Int, norm: Double)
    /// The run converged and the optimizer paused itself.
    case converged(iteration: Int)
    /// Run was asked for on a converged run: nothing moves until the point or the network changes.
    case stillConverged
    /// A random restart (the `number`th since the start, drawn from stream `number` of `seed`).
    case randomRestart(number: Int, seed: UInt64)
    /// The point was perturbed by Gaussian noise of standard deviation `sigma`.
    case perturbed(sigma: Double)
    /// Back to the start point and the config's masks, the history cleared.
    case resetToStart
    /// Moved to the best-known point.
    case jumpedToBest(loss: Double, source: String)
    /// The step size of `optimizer` is now `stepSize` (kept unused when the optimizer takes none).
    case stepSizeChanged(optimizer: OptimizerKind, stepSize: Double)
    /// The pace changed.
    case speedChanged(DescentSpeed)
    /// The optimizer changed (with its step size).
    case optimizerChanged(OptimizerKind, stepSize: Double)
    /// The slice's span is now `factor` times the base span.
    case sliceZoomed(factor: Double)
    /// The slice grid is now `points` × `points`.
    case sliceGridChanged(points: Int)
    /// The slice directions are now chosen by `mode`.
    case directionsChanged(SliceDirectionMode)
    /// The plane follows the point again.
    case planeFollows
    /// The plane was frozen where it is.
    case planeFrozen
    /// Basin mode was switched off.
    case basinModeOff
    /// A background search of `restarts` restarts with `optimizer` started.
    case searchStarted(restarts: Int, optimizer: OptimizerKind)
    /// A background search finished.
    case searchFinished(restarts: Int, minima: Int, lowest: Double?, improved: Bool)
    /// A minimum-energy path to the best known minimum (loss `target`) is being computed.
    case pathStarted(target: Double)
    /// A minimum-energy path was found.
    case pathFound(barrier: Double, saddleLoss: Double?, lineBarrier: Double)
    /// A path finished after a command moved the point: dropped.
    case pathOutdated
    /// The basins of the frozen plane are being mapped from `grid` × `grid` points.
    case basinsStarted(grid: Int)
    /// The basin map arrived: `basins` basins, `minima` of them minima, on an `alphas` × `betas` grid.
    case basinsFound(basins: Int, minima: Int, alphas: Int, betas: Int)
    /// A request that could not be carried out (nothing changed).
    case refused(EngineRefusal)
    /// A computation that failed.
    case failed(EngineFailureReport)

    /// How serious it is.
    public var severity: EventSeverity {
        switch self {
        case .refused, .escaping: return .warning
        case .diverged, .failed: return .error
        default: return .info
        }
    }
}

/// Why a command was refused (nothing changed).
public enum EngineRefusal: Equatable, Sendable {
    /// A single step while the optimizer runs.
    case stepWhileRunning
    /// A step-size factor that is not positive and finite.
    case nonPositiveStepFactor
    /// The slice is at its smallest or largest zoom.
    case zoomLimit
    /// The slice grid is at its finest or coarsest.
    case gridLimit
    /// No step decreases the loss: the point is numerically stationary.
    case noDecrease
    /// A point with a non-finite coordinate.
    case pointNotFinite
    /// The loss at the new point is not finite (the point stayed put).
    case lossNotFinite
    /// No such weight position in a network of `widths`.
    case noSuchEdge(EdgePosition, widths: [Int])
    /// The weight cannot be toggled (`reason` from the core).
    case cannotToggle(EdgePosition, reason: String)
    /// Pruning the last free weight.
    case lastWeight
    /// Magnitude pruning found nothing left to prune (every layer keeps a weight).
    case nothingToPrune
    /// Magnitude pruning failed (`reason` from the core).
    case cannotPrune(reason: String)
    /// Undo with nothing to undo.
    case nothingToUndo
    /// No pruned edge opens a way down at the certified stall.
    case noRegrowHint
    /// Regrow hints exist only once a stall is certified.
    case regrowNeedsCertificate
    /// The optimizer does not apply to the network (`reason`): the session fell back to gd.
    case fellBackToGD(reason: String)
    /// No best-known point yet.
    case noBestKnown
    /// The best-known value has no parameters to move to.
    case bestKnownHasNoPoint(loss: Double, source: String)
    /// Basin mode without a slice to map.
    case noSliceForBasins
    /// Freezing without a slice.
    case noSliceToFreeze
    /// A search while one runs.
    case searchRunning
    /// A path while one is computed.
    case pathRunning
    /// A path with no best-known minimum to walk to.
    case noMinimumToWalkTo
    /// A path from the best-known minimum to itself.
    case atBestKnown
}

/// A computation that failed, with the core's message.
public enum EngineFailureReport: Equatable, Sendable {
    /// The certificate of a stall could not be computed.
    case certificate(String)
    /// The slice could not be computed.
    case slice(String)
    /// The undo could not rebuild the network.
    case undo(String)
    /// A search could not be set up.
    case searchSetup(String)
    /// A background job failed.
    case job(BackgroundJobKind, String)
}

/// How serious an event is.
public enum EventSeverity: Equatable, Sendable {
    /// Normal feedback.
    case info
    /// Nothing changed, or something to watch.
    case warning
    /// Something failed.
    case error
}
