import SparseScapeCore

extension ExplorerSession {
    /// Applies one command (every command starts a new generation: analyses asked for before it are dropped).
    public func apply(_ command: EngineCommand) {
        generation += 1
        switch command {
        case .toggleRunning:
            running.toggle()
            if running && failure != nil { failure = nil; stall.leave(); escapeLimit = nil }
            // The verdict and the title say "paused" / "running"; an event only when there is more to say.
            event = running && converged ? .info("converged: perturb (p), restart (R) or change the network to move on") : nil
        case .step:
            guard !wantsSteps else { event = .refused("n steps only while paused"); return }
            singleStep()
        case .reset: reset()
        case .randomRestart:
            restartStream += 1
            var rng = SeededGenerator(seed: seed, stream: restartStream)
            if setPoint(f.architecture.randomPoint(&rng)) {
                event = .info("random restart #\(restartStream) (Gaussian, scale min(0.5, 1/√fan-in), seed \(seed) stream \(restartStream))")
            }
        case .perturb:
            let p = currentParams
            let norm = EuclideanNorm.of(p)
            let sigma = 0.05 * max(1, norm / Double(count).squareRoot())
            if setPoint(p.map { $0 + sigma * noise.gaussian() }) {
                event = .info("perturbed (Gaussian noise, σ = \(NumberFormat.g(sigma, 3)))")
            }
        case .toggleEdge(let layer, let row, let col): toggleEdge(EdgePosition(layer: layer, row: row, col: col))
        case .undoToggle: undoToggle()
        case .pruneSmallest: pruneSmallest()
        case .cyclePruneFraction:
            let k = Self.pruneFractions.firstIndex(of: pruneFraction) ?? 0
            pruneFraction = Self.pruneFractions[(k + 1) % Self.pruneFractions.count]
            event = .info("the pruning key (m) removes \(Int((pruneFraction * 100).rounded()))% of the live weights")
        case .reviveBestHint: reviveBestHint()
        case .scaleStepSize(let factor):
            guard factor.isFinite, factor > 0 else { event = .refused("the step-size factor must be positive"); return }
            learningRates[kind] = min(max(learningRate * factor, 1e-8), 1e3)
            rebuildOptimizer()
            resume()
            if case .refused = event { return }
            event = .info(kind.takesStepSize ? "step size \(NumberFormat.g(learningRate, 4))" : "\(kind.rawValue) takes no step size (kept \(NumberFormat.g(learningRate, 4)))")
        case .changeSpeed(let delta):
            let next = delta > 0 ? speed.faster : speed.slower
            speed = next
            event = .info("speed \(next.text)")
        case .cycleOptimizer: cycleOptimizer()
        case .jumpToBest: jumpToBest()
        case .runSearch: startSearch()
        case .computePath: startPath()
        case .cycleDirections: cycleDirections()
        case .toggleFollow: toggleFollow()
        case .toggleBasins: toggleBasins()
        case .zoomSlice(let steps):
            event = slices.zoom(in: steps) ? .info("slice span ×\(NumberFormat.g(slices.zoom, 3))") : .refused("the slice cannot zoom further")
        case .refineSlice(let steps):
            event = slices.refine(steps) ? .info("slice grid \(slices.grid)×\(slices.grid)") : .refused("the slice grid is at its limit")
        }
    }

    /// Leaves convergence and the no-progress mark so that the optimizer steps again (a setting changed).
    func resume() {
        converged = false
        stall.clearNoProgress()
    }

    /// One optimizer step (the `step` command).
    func singleStep() {
        failure = nil
        if !optimizer.step(params, loss: &loss, gradient: gradient) {
            stall.markNoProgress()
            event = .refused("no step possible (no decrease): the point is numerically stationary")
        } else {
            iteration += 1
            stepsTaken += 1
            if !(loss <= explosionLimit) { diverge(); return }
            if iteration >= history.nextIteration, !recordHistory() { diverge(); return }
        }
        checkHealth()
    }

    /// Moves to `new` (same mask); refuses a point whose loss is not finite. A new history segment starts there.
    @discardableResult
    func setPoint(_ new: [Double]) -> Bool {
        guard new.count == count, new.allSatisfy({ $0.isFinite }) else { event = .refused("that point is not finite"); return false }
        let old = currentParams
        params.update(from: new, count: count)
        pointChanged()
        if !loss.isFinite {
            params.update(from: old, count: count)
            pointChanged()
            event = .refused("the loss at that point is not finite; stayed put")
            return false
        }
        history.startSegment(at: iteration)
        recordHistory()
        checkHealth()
        return true
    }

    /// Back to the start point and the config's masks, with the history cleared.
    func reset() {
        let configArch = config.architecture
        if f.architecture != configArch {
            let old = f.architecture
            install(configLoss, params: startPoint)
            remapAfterMaskChange(from: old)
        } else {
            params.update(from: startPoint, count: count)
        }
        iteration = 0
        history.clear(at: 0)
        path.clear()
        maskChanges = []
        undo.clear()
        slices.follow()
        restartStream = 0
        pointChanged()
        recordHistory()
        checkHealth()
        event = .info("reset to the start point")
    }

    /// Prunes or revives one weight: rebuilds the loss, remaps the point, rebuilds the optimizer; remembered for undo.
    func toggleEdge(_ e: EdgePosition, revivedValue: Double? = nil, opensWayDown: Bool = false) {
        let old = f.architecture
        guard e.isValid(for: old) else {
            event = .refused("no edge (layer \(e.layer), row \(e.row), col \(e.col)) in widths \(old.widths)")
            return
        }
        let pruning = old.masks[e.layer][e.row * old.widths[e.layer + 1] + e.col]
        let newArch: NetworkArchitecture, newF: LossFunction
        do {
            newArch = try old.toggling(layer: e.layer, row: e.row, col: e.col)
            newF = try f.with(architecture: newArch)
        } catch {
            event = .refused("cannot toggle \(e.label): \((error as? SparseScapeError)?.message ?? "\(error)")")
            return
        }
        if pruning && newArch.parameterCount == 0 { event = .refused("cannot prune the last free weight"); return }
        let current = currentParams
        undo.push(.init(edges: [e], architecture: old, params: current))
        var moved = ParameterRemap.remap(current, from: old, to: newArch)
        let happened: EngineEvent
        if pruning {
            happened = .pruned(e, was: current[old.parameterIndex(layer: e.layer, row: e.row, col: e.col)!])
        } else {
            let value = revivedValue ?? ReviveRule.value(layer: e.layer, params: current, arch: old, normal: noise.gaussian())
            moved[newArch.parameterIndex(layer: e.layer, row: e.row, col: e.col)!] = value
            happened = .revived(e, value: value, opensWayDown: opensWayDown)
        }
        install(newF, params: moved)
        maskChanged(from: old)
        if case .refused = event {} else { event = happened }
    }

    /// After the mask changed from `old`: remapped state, a mask-change mark, a fresh point and a new history segment.
    func maskChanged(from old: NetworkArchitecture) {
        remapAfterMaskChange(from: old)
        maskChanges.append(iteration)
        pointChanged()
        history.startSegment(at: iteration)
        recordHistory()
        checkHealth()
    }

    /// Prunes the smallest-magnitude live weights (`pruneFraction` of them, globally) and keeps training: a
    /// magnitude-pruning step to watch (does it create a stall?). Undoable as one step.
    func pruneSmallest() {
        let old = f.architecture
        let current = currentParams
        let edges: [EdgePosition], newF: LossFunction
        do {
            edges = try MagnitudePruning.smallest(fraction: pruneFraction, params: current, architecture: old)
            guard !edges.isEmpty else { event = .refused("nothing left to prune (every layer keeps at least one weight)"); return }
            newF = try f.with(architecture: try MagnitudePruning.pruning(edges, from: old))
        } catch {
            event = .refused("cannot prune: \((error as? SparseScapeError)?.message ?? "\(error)")")
            return
        }
        undo.push(.init(edges: edges, architecture: old, params: current))
        install(newF, params: ParameterRemap.remap(current, from: old, to: newF.architecture))
        maskChanged(from: old)
        if case .refused = event {} else { event = .prunedSmallest(edges, fraction: pruneFraction) }
    }

    /// Undoes the newest toggle: the mask and the point as they were just before it.
    func undoToggle() {
        guard let entry = undo.pop() else { event = .refused("nothing to undo"); return }
        let old = f.architecture
        do {
            install(try f.with(architecture: entry.architecture), params: entry.params)
        } catch {
            event = .failed("cannot undo: \((error as? SparseScapeError)?.message ?? "\(error)")")
            return
        }
        maskChanged(from: old)
        event = .undone(entry.edges)
    }

    /// Revives the first pruned edge of the current regrow hints (the lowest loss after reviving it).
    func reviveBestHint() {
        guard stall.stalled, let hint = certificates.regrowHints(for: stall.epoch).first(where: \.opensWayDown) else {
            event = .refused(stall.stalled && certificates.answered(stall.epoch)
                ? "no pruned edge opens a way down here" : "regrow hints come with the certificate of a stall")
            return
        }
        toggleEdge(EdgePosition(layer: hint.layer, row: hint.row, col: hint.col), opensWayDown: true)
    }

    /// Switches to another loss function (mask) and point: buffers, workspace, optimizer.
    func install(_ newF: LossFunction, params new: [Double]) {
        let n = newF.parameterCount
        if n != count {
            params.deallocate()
            gradient.deallocate()
            params = .allocate(capacity: max(1, n))
            params.initialize(repeating: 0, count: max(1, n))
            gradient = .allocate(capacity: max(1, n))
            gradient.initialize(repeating: 0, count: max(1, n))
        }
        count = n
        params.update(from: new, count: n)
        f = newF
        workspace = newF.makeWorkspace()
        checkpoint = new
        rebuildOptimizer()
    }

    /// Rebuilds the optimizer for the current loss, kind and step size (gd when the kind does not apply).
    func rebuildOptimizer() {
        do {
            optimizer = try OptimizerSettings(kind: kind, learningRate: learningRate).makeOptimizer(for: f)
        } catch {
            let why = (error as? SparseScapeError)?.message ?? "\(error)"
            kind = .gd
            if let gd = try? OptimizerSettings(kind: .gd, learningRate: learningRate).makeOptimizer(for: f) { optimizer = gd }
            event = .refused("switched to gd: \(why)")
        }
    }

    /// After a mask change: path, best-known point and planes follow the new parameter order (or are dropped).
    func remapAfterMaskChange(from old: NetworkArchitecture) {
        let new = f.architecture
        path.remap { ParameterRemap.remap($0, from: old, to: new) }
        best.remap(from: old, to: f)
        offerConfigPoints()
        slices.follow()
        slice = nil
    }

    /// The next optimizer in the cycle, skipping those that do not apply.
    func cycleOptimizer() {
        let cycle = Self.optimizerCycle
        var index = cycle.firstIndex(of: kind) ?? 0
        for _ in 0..<cycle.count {
            index = (index + 1) % cycle.count
            let candidate = cycle[index]
            let rate = learningRates[candidate] ?? candidate.defaultLearningRate
            if let opt = try? OptimizerSettings(kind: candidate, learningRate: rate).makeOptimizer(for: f) {
                optimizer = opt
                kind = candidate
                resume()
                event = .info("optimizer \(candidate.rawValue)" + (candidate.takesStepSize ? " (step \(NumberFormat.g(rate, 4)))" : ""))
                return
            }
        }
    }

    /// Moves to the best-known point when it has parameters for the current mask.
    func jumpToBest() {
        guard let b = best.best else { event = .refused("no best-known point yet (try a search: S)"); return }
        guard let p = best.params(count: count) else {
            event = .refused("the best-known value L = \(NumberFormat.g(b.loss, 6)) (\(b.source)) has no point to jump to")
            return
        }
        if setPoint(p) { event = .info("jumped to the best-known point (L = \(NumberFormat.g(b.loss, 6)), \(b.source))") }
    }

    /// Next slice directions, skipping hessian for large networks and toward:best without a best point.
    func cycleDirections() {
        var mode = slices.mode.next
        for _ in 0..<4 {
            if mode == .hessian && count > SliceDirectionMode.hessianParameterLimit { mode = mode.next; continue }
            if mode == .towardBest && !hasDistinctBestPoint { mode = mode.next; continue }
            break
        }
        slices.mode = mode
        slices.follow()
        event = .info("slice directions: \(mode.name)")
    }

    /// True when the best-known point has parameters for this mask and differs from the current point.
    var hasDistinctBestPoint: Bool {
        guard let p = best.params(count: count) else { return false }
        for i in 0..<count where p[i] != params[i] { return true }
        return false
    }

    /// Basin mode on (the plane frozen where it is, its basins computed in the background) or off.
    func toggleBasins() {
        if slices.basins {
            slices.basins = false
            slices.basinMap = nil
            slice?.basins = nil
            event = .info("basin mode off")
            return
        }
        if slices.frozen == nil {
            guard let s = slice, s.center.count == count else { event = .refused("no slice yet to map the basins of"); return }
            slices.frozen = FrozenPlane(center: s.center, d1: s.d1, d2: s.d2, directions: s.directions, span: s.span)
            slices.invalidate()
        }
        slices.basins = true
        startBasins()
    }

    /// Queues the basin map of the frozen plane (a coarser grid than the slice's: 21 points per axis, 11 above 600 weights).
    func startBasins() {
        guard slices.basins, let plane = slices.frozen, !background.basins else { return }
        let grid = count <= 600 ? 21 : 11
        pendingJobs.append(.basins(f: f, plane: plane, grid: grid, known: knownPoints()))
        background.basins = true
        event = .info("basins: descent from \(grid)×\(grid) points of the plane in the background…")
    }

    /// Freezes the plane of the latest slice, or lets it follow the point again.
    func toggleFollow() {
        if slices.frozen != nil {
            slices.follow()
            event = .info("the plane follows the point")
        } else if let s = slice, s.center.count == count {
            slices.frozen = FrozenPlane(center: s.center, d1: s.d1, d2: s.d2, directions: s.directions, span: s.span)
            slices.invalidate()
            event = .info("plane frozen")
        } else {
            event = .refused("no slice to freeze yet")
        }
    }
}
