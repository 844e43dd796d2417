import SparseScapeCore

extension ExplorerSession {
    /// Applies one command (every command starts a new generation: analyses asked for before it are dropped).
    public func apply(_ command: EngineCommand) {
        analyses.newGeneration()
        switch command {
        case .toggleRunning:
            status.running.toggle()
            if status.running && status.failure != nil {
                status.clearFailure(leavingStall: true)
                escapeWatch.clearLimit()
            }
            // The verdict and the title say "paused" / "running"; an event only when there is more to say.
            event = status.running && status.converged ? .stillConverged : nil
        case .step:
            guard !wantsSteps else { event = .refused(.stepWhileRunning); return }
            singleStep()
        case .reset: reset()
        case .randomRestart:
            var restart = randomness.nextRestart()
            if setPoint(descent.architecture.randomPoint(&restart.generator)) {
                event = .randomRestart(number: restart.number, seed: randomness.seed)
            }
        case .perturb:
            let p = currentParams
            let norm = EuclideanNorm.of(p)
            let sigma = 0.05 * max(1, norm / Double(p.count).squareRoot())
            if setPoint(p.map { $0 + sigma * randomness.noise.gaussian() }) { event = .perturbed(sigma: sigma) }
        case .toggleEdge(let layer, let row, let col): toggleEdge(EdgePosition(layer: layer, row: row, col: col))
        case .undoToggle: undoToggle()
        case .pruneSmallest: pruneSmallest()
        case .cyclePruneFraction:
            let k = Self.pruneFractions.firstIndex(of: pruneFraction) ?? 0
            pruneFraction = Self.pruneFractions[(k + 1) % Self.pruneFractions.count]
            event = .pruneFractionChanged(pruneFraction)
        case .reviveBestHint: reviveBestHint()
        case .scaleStepSize(let factor):
            guard factor.isFinite, factor > 0 else { event = .refused(.nonPositiveStepFactor); return }
            let fellBack = descent.setStepSize(learningRate * factor)
            status.resume()
            if let fellBack { event = .refused(.fellBackToGD(reason: fellBack)); return }
            event = .stepSizeChanged(optimizer: descent.optimizerKind, stepSize: learningRate)
        case .changeSpeed(let delta):
            speed = delta > 0 ? speed.faster : speed.slower
            event = .speedChanged(speed)
        case .cycleOptimizer:
            if let kind = descent.cycleOptimizer(through: Self.optimizerCycle) {
                status.resume()
                event = .optimizerChanged(kind, stepSize: descent.stepSize(of: kind))
            }
        case .jumpToBest: jumpToBest()
        case .runSearch: startSearch()
        case .computePath: startPath()
        case .cycleDirections: cycleDirections()
        case .toggleFollow: toggleFollow()
        case .toggleBasins: toggleBasins()
        case .zoomSlice(let steps):
            event = landscape.schedule.zoom(in: steps) ? .sliceZoomed(factor: landscape.schedule.zoom) : .refused(.zoomLimit)
        case .refineSlice(let steps):
            event = landscape.schedule.refine(steps) ? .sliceGridChanged(points: landscape.schedule.grid) : .refused(.gridLimit)
        }
    }

    /// One optimizer step (the `step` command).
    func singleStep() {
        status.clearFailure(leavingStall: false)
        if !descent.step() {
            status.markNoProgress()
            event = .refused(.noDecrease)
        } else {
            descent.iteration += 1
            descent.stepsTaken += 1
            if !(descent.loss <= descent.explosionLimit) { diverge(); return }
            if descent.iteration >= trajectory.history.nextIteration, !recordHistory() { diverge(); return }
        }
        checkHealth()
    }

    /// Moves to `new` (same mask); refuses a point whose loss is not finite. A new history segment starts there.
    @discardableResult
    func setPoint(_ new: [Double]) -> Bool {
        guard new.count == descent.parameterCount, new.allSatisfy({ $0.isFinite }) else {
            event = .refused(.pointNotFinite)
            return false
        }
        let old = currentParams
        descent.move(to: new)
        pointChanged()
        if !descent.loss.isFinite {
            descent.move(to: old)
            pointChanged()
            event = .refused(.lossNotFinite)
            return false
        }
        trajectory.history.startSegment(at: descent.iteration)
        recordHistory()
        checkHealth()
        return true
    }

    /// Back to the start point and the config's masks, with the history cleared.
    func reset() {
        if descent.architecture != origin.lossFunction.architecture {
            let old = descent.architecture
            install(origin.lossFunction, params: origin.startPoint)
            remapAfterMaskChange(from: old)
        } else {
            descent.move(to: origin.startPoint)
        }
        descent.iteration = 0
        trajectory.clear(at: 0)
        undo.clear()
        landscape.schedule.follow()
        randomness.resetRestarts()
        pointChanged()
        recordHistory()
        checkHealth()
        event = .resetToStart
    }

    /// Prunes or revives one weight: rebuilds the loss, remaps the point, rebuilds the optimizer; remembered for undo.
    func toggleEdge(_ e: EdgePosition, revivedValue: Double? = nil, opensWayDown: Bool = false) {
        let old = descent.architecture
        guard e.isValid(for: old) else { event = .refused(.noSuchEdge(e, widths: old.widths)); return }
        let pruning = old.masks[e.layer][e.row * old.widths[e.layer + 1] + e.col]
        let newArch: NetworkArchitecture, newLoss: LossFunction
        do {
            newArch = try old.toggling(layer: e.layer, row: e.row, col: e.col)
            newLoss = try descent.lossFunction.with(architecture: newArch)
        } catch {
            event = .refused(.cannotToggle(e, reason: Self.message(of: error)))
            return
        }
        if pruning && newArch.parameterCount == 0 { event = .refused(.lastWeight); return }
        let current = currentParams
        undo.push(.init(edges: [e], architecture: old, params: current))
        var moved = ParameterRemap.remap(current, from: old, to: newArch)
        let happened: EngineEvent
        if pruning {
            happened = .pruned(e, was: current[old.parameterIndex(layer: e.layer, row: e.row, col: e.col)!])
        } else {
            let value = revivedValue
                ?? ReviveRule.value(layer: e.layer, params: current, arch: old, normal: randomness.noise.gaussian())
            moved[newArch.parameterIndex(layer: e.layer, row: e.row, col: e.col)!] = value
            happened = .revived(e, value: value, opensWayDown: opensWayDown)
        }
        event = nil
        install(newLoss, params: moved)
        maskChanged(from: old)
        if case .refused = event {} else { event = happened }
    }

    /// After the mask changed from `old`: remapped state, a mask-change mark, a fresh point and a new history segment.
    func maskChanged(from old: NetworkArchitecture) {
        remapAfterMaskChange(from: old)
        trajectory.markMaskChange(at: descent.iteration)
        pointChanged()
        trajectory.history.startSegment(at: descent.iteration)
        recordHistory()
        checkHealth()
    }

    /// Prunes the smallest-magnitude live weights (`pruneFraction` of them, globally) and keeps training: a
    /// magnitude-pruning step to watch (does it create a stall?). Undoable as one step.
    func pruneSmallest() {
        let old = descent.architecture
        let current = currentParams
        let edges: [EdgePosition], newLoss: LossFunction
        do {
            edges = try MagnitudePruning.smallest(fraction: pruneFraction, params: current, architecture: old)
            guard !edges.isEmpty else { event = .refused(.nothingToPrune); return }
            newLoss = try descent.lossFunction.with(architecture: try MagnitudePruning.pruning(edges, from: old))
        } catch {
            event = .refused(.cannotPrune(reason: Self.message(of: error)))
            return
        }
        undo.push(.init(edges: edges, architecture: old, params: current))
        event = nil
        install(newLoss, params: ParameterRemap.remap(current, from: old, to: newLoss.architecture))
        maskChanged(from: old)
        if case .refused = event {} else { event = .prunedSmallest(edges, fraction: pruneFraction) }
    }

    /// Undoes the newest toggle: the mask and the point as they were just before it.
    func undoToggle() {
        guard let entry = undo.pop() else { event = .refused(.nothingToUndo); return }
        let old = descent.architecture
        do {
            install(try descent.lossFunction.with(architecture: entry.architecture), params: entry.params)
        } catch {
            event = .failed(.undo(Self.message(of: error)))
            return
        }
        maskChanged(from: old)
        event = .undone(entry.edges)
    }

    /// Revives the first pruned edge of the current regrow hints (the lowest loss after reviving it).
    func reviveBestHint() {
        let stalled = status.stall.stalled, epoch = status.epoch
        guard stalled, let hint = status.certificates.regrowHints(for: epoch).first(where: \.opensWayDown) else {
            event = .refused(stalled && status.certificates.answered(epoch) ? .noRegrowHint : .regrowNeedsCertificate)
            return
        }
        toggleEdge(EdgePosition(layer: hint.layer, row: hint.row, col: hint.col), opensWayDown: true)
    }

    /// Switches to another loss function (mask) and point (an event when the optimizer had to fall back to gd).
    func install(_ newLoss: LossFunction, params new: [Double]) {
        if let why = descent.install(newLoss, point: new) { event = .refused(.fellBackToGD(reason: why)) }
    }

    /// After a mask change: path, best-known point and planes follow the new parameter order (or are dropped).
    func remapAfterMaskChange(from old: NetworkArchitecture) {
        trajectory.remapPath(from: old, to: descent.architecture)
        best.remap(from: old, to: descent.lossFunction)
        offerConfigPoints()
        landscape.maskChanged()
    }

    /// Moves to the best-known point when it has parameters for the current mask.
    func jumpToBest() {
        guard let b = best.best else { event = .refused(.noBestKnown); return }
        guard let p = best.params(count: descent.parameterCount) else {
            event = .refused(.bestKnownHasNoPoint(loss: b.loss, source: b.source))
            return
        }
        if setPoint(p) { event = .jumpedToBest(loss: b.loss, source: b.source) }
    }

    /// Next slice directions, skipping hessian for large networks and toward:best without a best point.
    func cycleDirections() {
        var mode = landscape.schedule.mode.next
        for _ in 0..<4 {
            if mode == .hessian && descent.parameterCount > SliceDirectionMode.hessianParameterLimit { mode = mode.next; continue }
            if mode == .towardBest && !hasDistinctBestPoint { mode = mode.next; continue }
            break
        }
        landscape.schedule.mode = mode
        landscape.schedule.follow()
        event = .directionsChanged(mode)
    }

    /// True when the best-known point has parameters for this mask and differs from the current point.
    var hasDistinctBestPoint: Bool {
        guard let p = best.params(count: descent.parameterCount) else { return false }
        for i in 0..<descent.parameterCount where p[i] != descent.point[i] { return true }
        return false
    }

    /// Basin mode on (the plane frozen where it is, its basins computed in the background) or off.
    func toggleBasins() {
        if landscape.schedule.basins {
            landscape.basinsOff()
            event = .basinModeOff
            return
        }
        if landscape.schedule.frozen == nil {
            guard landscape.freezeLatest(count: descent.parameterCount) else { event = .refused(.noSliceForBasins); return }
        }
        landscape.schedule.basins = true
        startBasins()
    }

    /// Queues the basin map of the frozen plane (a coarser grid than the slice's: 21 points per axis, 11 above 600 weights).
    func startBasins() {
        guard landscape.schedule.basins, let plane = landscape.schedule.frozen, !jobs.isRunning(.basins) else { return }
        let grid = descent.parameterCount <= 600 ? 21 : 11
        jobs.enqueue(.basins(f: descent.lossFunction, plane: plane, grid: grid, known: knownPoints()))
        event = .basinsStarted(grid: grid)
    }

    /// Freezes the plane of the latest slice, or lets it follow the point again.
    func toggleFollow() {
        if landscape.schedule.frozen != nil {
            landscape.schedule.follow()
            event = .planeFollows
        } else if landscape.freezeLatest(count: descent.parameterCount) {
            event = .planeFrozen
        } else {
            event = .refused(.noSliceToFreeze)
        }
    }

    /// The message of a core error.
    static func message(of error: any Error) -> String { (error as? SparseScapeError)?.message ?? "\(error)" }
}
