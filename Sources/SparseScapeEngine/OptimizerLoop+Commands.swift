import SparseScapeCore

extension OptimizerLoop {
    /// Takes every queued command and applies them in order, then publishes at once.
    func applyCommands() {
        let list = shared.commands.withLock { queue -> [EngineCommand] in
            let taken = queue
            queue.removeAll()
            shared.commandsPending.store(false, ordering: .releasing)
            return taken
        }
        for command in list {
            shared.generation.add(1, ordering: .releasing)
            apply(command)
        }
        publish(now: Self.now())
    }

    /// Applies one command.
    func apply(_ command: EngineCommand) {
        switch command {
        case .toggleRunning:
            running.toggle()
            if running { failure = nil; noProgress = false }
            message = running ? "running" : "paused"
        case .step:
            guard !running else { return }
            failure = nil
            singleStep()
        case .reset: reset()
        case .randomRestart:
            restartStream += 1
            var rng = SeededGenerator(seed: shared.seed, stream: restartStream)
            if setPoint(f.architecture.randomPoint(&rng)) {
                message = "random restart #\(restartStream) (Gaussian, scale min(0.5, 1/√fan-in), seed \(shared.seed) stream \(restartStream))"
            }
        case .perturb:
            let p = currentParams
            let norm = p.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let sigma = 0.05 * max(1, norm / Double(count).squareRoot())
            if setPoint(p.map { $0 + sigma * noise.gaussian() }) {
                message = "perturbed (Gaussian noise, σ = \(NumberFormat.g(sigma, 3)))"
            }
        case .toggleEdge(let layer, let row, let col): toggleEdge(layer: layer, row: row, col: col)
        case .scaleStepSize(let factor):
            guard factor.isFinite, factor > 0 else { message = "the step-size factor must be positive"; return }
            learningRates[kind] = min(max(learningRate * factor, 1e-8), 1e3)
            rebuildOptimizer()
            message = kind == .bcd ? "bcd takes no step size (kept \(NumberFormat.g(learningRate, 4)))"
                : "step size \(NumberFormat.g(learningRate, 4))"
        case .cycleOptimizer: cycleOptimizer()
        case .jumpToBest: jumpToBest()
        case .runSearch: startSearch()
        case .cycleDirections: cycleDirections()
        case .toggleFollow: toggleFollow()
        }
    }

    /// One optimizer step (the `step` command).
    func singleStep() {
        let it0 = iteration
        if !optimizer.step(params, loss: &loss, gradient: gradient) {
            noProgress = true
            message = "no step possible (no decrease): the point is numerically stationary"
        } else {
            iteration = it0 + 1
            stepsTaken += 1
            if !(loss <= explosionLimit) { diverge(); return }
            if iteration >= history.nextIteration, !recordHistory(iteration: iteration, loss: loss) { diverge(); return }
        }
        checkHealth()
    }

    /// Moves to `new` (same mask); refuses (false, with a message) a point whose loss is not finite.
    @discardableResult
    func setPoint(_ new: [Double]) -> Bool {
        guard new.count == count, new.allSatisfy({ $0.isFinite }) else { message = "that point is not finite"; return false }
        let old = currentParams
        params.update(from: new, count: count)
        pointChanged()
        if !loss.isFinite {
            params.update(from: old, count: count)
            pointChanged()
            message = "the loss at that point is not finite; stayed put"
            return false
        }
        return true
    }

    /// Back to the config's start point and masks, with the history cleared.
    func reset() {
        let configArch = shared.config.architecture
        let start = shared.config.startPoint(seed: shared.seed)
        if f.architecture != configArch {
            let old = f.architecture
            install(configLoss, params: start)
            remapAfterMaskChange(from: old)
        } else {
            params.update(from: start, count: count)
        }
        iteration = 0
        history.clear(at: 0)
        path.clear()
        maskChanges = []
        certificate = nil
        frozen = nil
        restartStream = 0
        pointChanged()
        recordHistory(iteration: 0, loss: loss)
        message = "reset to the start point"
    }

    /// Prunes or revives one weight: rebuilds the loss function, remaps the point, rebuilds the optimizer.
    func toggleEdge(layer: Int, row: Int, col: Int) {
        let old = f.architecture
        guard layer >= 0, layer < old.depth, row >= 0, row < old.widths[layer], col >= 0, col < old.widths[layer + 1] else {
            message = "no edge (layer \(layer), row \(row), col \(col)) in widths \(old.widths)"
            return
        }
        let pruning = old.masks[layer][row * old.widths[layer + 1] + col]
        let newArch: NetworkArchitecture, newF: LossFunction
        do {
            newArch = try old.toggling(layer: layer, row: row, col: col)
            newF = try f.with(architecture: newArch)
        } catch {
            message = "cannot toggle that edge: \(error)"
            return
        }
        if pruning && newArch.parameterCount == 0 { message = "cannot prune the last free weight"; return }
        let current = currentParams
        var moved = ParameterRemap.remap(current, from: old, to: newArch)
        let name = "W\(layer + 1)[\(row + 1),\(col + 1)]"
        if pruning {
            message = "pruned \(name) (was \(NumberFormat.g(current[old.parameterIndex(layer: layer, row: row, col: col)!], 4)))"
        } else {
            let off = old.parameterOffsets[layer], n = old.freePositions[layer].count
            var s2 = 0.0
            for k in 0..<n { s2 += current[off + k] * current[off + k] }
            let rms = n > 0 ? (s2 / Double(n)).squareRoot() : 0
            let s = rms > 0 ? rms : 1
            let value = 0.1 * s * noise.gaussian()
            moved[newArch.parameterIndex(layer: layer, row: row, col: col)!] = value
            message = "revived \(name) at \(NumberFormat.g(value, 4)) (\(ExplorerEngine.reviveRule))"
        }
        let note = message
        install(newF, params: moved)
        remapAfterMaskChange(from: old)
        maskChanges.append(iteration)
        pointChanged()
        message = note.map { $0 + (message.map { "; " + $0 } ?? "") }
    }

    /// Switches to another loss function (mask) and point: buffers, workspace, reachability, optimizer.
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
        reachability = Reachability(newF.architecture)
        checkpoint = new
        message = nil
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
            message = "switched to gd: \(why)"
        }
        noProgress = false
    }

    /// After a mask change: path, best-known point and frozen plane follow the new parameter order (or are dropped).
    func remapAfterMaskChange(from old: NetworkArchitecture) {
        let new = f.architecture
        path.remap { ParameterRemap.remap($0, from: old, to: new) }
        let previous = bestKnown
        bestKnown = nil
        if let b = previous, let p = b.params, let q = ParameterRemap.realize(p, from: old, to: new) {
            offerBest(KnownPoint(loss: f.loss(q), source: b.source, params: q))
        }
        offerConfigPoints()
        if frozen != nil { frozen = nil; message = "the plane follows the point again (the mask changed)" }
        slice = nil
        certificate = nil
        lastSliceAttempt = nil
    }

    /// The next optimizer in gd → armijo → momentum → adam → bcd, skipping those that do not apply.
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
                noProgress = false
                message = "optimizer \(candidate.rawValue)" + (candidate == .bcd ? "" : " (step \(NumberFormat.g(rate, 4)))")
                return
            }
        }
    }

    /// Moves to the best-known point when it has parameters for the current mask.
    func jumpToBest() {
        guard let b = bestKnown else { message = "no best-known point yet (try a search)"; return }
        guard let p = b.params, p.count == count else {
            message = "the best-known value L = \(NumberFormat.g(b.loss, 6)) (\(b.source)) has no point to jump to"
            return
        }
        if setPoint(p) { message = "jumped to the best-known point (L = \(NumberFormat.g(b.loss, 6)), \(b.source))" }
    }

    /// Next slice directions, skipping hessian for large networks and toward:best without a best point.
    func cycleDirections() {
        var mode = directionMode.next
        for _ in 0..<4 {
            if mode == .hessian && count > SliceDirectionMode.hessianParameterLimit { mode = mode.next; continue }
            if mode == .towardBest && !hasDistinctBestPoint { mode = mode.next; continue }
            break
        }
        directionMode = mode
        lastSliceAttempt = nil
        if frozen != nil { frozen = nil }
        message = "slice directions: \(mode.name)"
    }

    /// True when the best-known point has parameters for this mask and differs from the current point.
    var hasDistinctBestPoint: Bool {
        guard let p = bestKnown?.params, p.count == count else { return false }
        for i in 0..<count where p[i] != params[i] { return true }
        return false
    }

    /// Freezes the plane of the latest slice, or lets it follow the point again.
    func toggleFollow() {
        if frozen != nil {
            frozen = nil
            lastSliceAttempt = nil
            message = "the plane follows the point"
        } else if let s = slice, s.center.count == count {
            frozen = FrozenPlane(center: s.center, d1: s.d1, d2: s.d2, directions: s.directions, span: s.span)
            lastSliceAttempt = nil
            message = "plane frozen"
        } else {
            message = "no slice to freeze yet"
        }
    }
}
