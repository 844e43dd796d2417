import SparseScapeCore

extension ExplorerSession {
    /// The config's reference points that exist under the current mask, with their losses.
    func configKnownPoints() -> [KnownPoint] {
        let configArch = config.architecture
        return config.points.compactMap { entry in
            guard let q = ParameterRemap.realize(entry.params, from: configArch, to: f.architecture) else { return nil }
            let l = f.loss(q)
            return l.isFinite ? KnownPoint(loss: l, source: "reference point '\(entry.label)'", params: q) : nil
        }
    }

    /// Offers every config reference point as best known.
    func offerConfigPoints() {
        for p in configKnownPoints() { best.offer(p, count: count) }
    }

    /// Reference points for certification: the config's and the best known.
    func knownPoints() -> [KnownPoint] {
        var out = configKnownPoints()
        if let b = best.best { out.append(b) }
        return out
    }

    /// The analysis the session needs now, if any: a slice when the point moved or a command changed the picture, a
    /// certificate when stalled, the valley's limit when escaping. At most one request is outstanding.
    func nextAnalysis() -> AnalysisRequest? {
        if inFlight != nil { return nil }
        let current = currentParams
        let wantSlice = slices.wants(current, generation: generation)
        let epoch = stall.epoch
        if stall.stalled, wantsSteps, let c = certificates.certificate(for: epoch), c.classification == .notCritical,
           iteration - certificates.certifiedIteration >= StallTracker.window {
            certificates.clear()   // not critical yet and descent goes on inside the stall: certify the newer point
        }
        let wantCertificate = stall.stalled && failure == nil && certificates.needsRequest(epoch: epoch, generation: generation)
        // A long descent that is not stalling may be running off to infinity along a valley (the paper's Appendix A):
        // test it each time its segment's length doubles.
        let segmentSteps = iteration - (history.segmentStarts.last ?? 0)
        let wantEscape = (failure == .escaping && escapeLimit?.epoch != epoch)
            || (failure == nil && wantsSteps && !stall.stalled && !escapeCheckPending && segmentSteps >= escapeCheckAfter
                && count <= Self.escapeTestParameterLimit)
        guard wantSlice || wantCertificate || wantEscape else { return nil }
        var sliceJob: SliceJob?
        if wantSlice {
            var mode = slices.mode
            if mode == .towardBest && !hasDistinctBestPoint { mode = .random }
            sliceJob = SliceJob(mode: mode, frozen: slices.frozen, energyPath: slices.energyPath?.images ?? [],
                                saddle: slices.energyPath?.saddle, path: path.points, best: best.params(count: count),
                                grid: slices.grid, span: slices.baseSpan * slices.zoom, seed: directionSeed)
            slices.noteRequest(current, generation: generation)
        }
        var certifyJob: CertifyJob?
        if wantCertificate {
            certifyJob = CertifyJob(epoch: epoch, known: knownPoints(),
                                    regrow: count <= Self.regrowParameterLimit && f.architecture.masks.contains { $0.contains(false) })
            certificates.noteRequest(epoch: epoch, generation: generation)
        }
        if wantEscape {
            if failure == .escaping { escapeLimit = (epoch, nil) }
            escapeCheckPending = true
            escapeCheckAfter = 2 * max(escapeCheckAfter, segmentSteps)
        }
        requestCounter += 1
        inFlight = requestCounter
        return AnalysisRequest(id: requestCounter, generation: generation, f: f, params: current, iteration: iteration,
                               slice: sliceJob, certify: certifyJob, escapeEpoch: wantEscape ? epoch : nil)
    }

    /// Seed of the slices' random directions.
    var directionSeed: UInt64 { seed &+ 0x51_1CE }

    /// Merges an analysis result (answers of older generations or stall epochs are dropped).
    func merge(_ r: AnalysisResult) {
        if inFlight == r.requestID { inFlight = nil }
        if r.escape != nil { escapeCheckPending = false }
        guard r.generation == generation else { return }
        if let s = r.slice {
            slice = s
            attachBasins()
        }
        let epoch = stall.epoch
        if let c = r.certificate, c.epoch == epoch {
            certificates.accept(c.certificate, regrow: c.regrow, epoch: epoch, iteration: iteration)
            if c.certificate.classification.isMinimum {
                best.offer(KnownPoint(loss: c.certificate.loss, source: "certified local minimum (iteration \(iteration))", params: c.params), count: count)
            }
            if let b = c.certificate.bestKnown { best.offer(b, count: count) }
        }
        if let failed = r.certificationFailure, failed.epoch == epoch {
            certificates.fail(failed.reason, epoch: epoch)
            event = .failed("certificate: \(failed.reason)")
        }
        if let e = r.escape {
            escapeCheckPending = false
            if e.epoch == epoch, e.escaping {
                if failure != .escaping { event = .escaping(iteration: iteration, norm: e.norm) }
                failure = .escaping
                escapeLimit = (epoch, e.limit)
            }
        }
        if let m = r.failure { event = .failed(m) }
        updateConvergence()
    }

    /// Background jobs asked for since the last call (the runner starts them).
    func takeJobs() -> [BackgroundJob] {
        defer { pendingJobs.removeAll() }
        return pendingJobs
    }

    /// Queues a 16-restart multi-start search.
    func startSearch() {
        guard !background.search else { event = .refused("a search is already running"); return }
        searchCounter += 1
        do {
            let optimizerSettings = try OptimizerSettings(kind: SearchDefaults.optimizer)
            let settings = try SearchSettings(restarts: Self.searchRestarts,
                                              seed: seed &+ UInt64(searchCounter) &* 0x9E37_79B9_7F4A_7C15,
                                              optimizer: optimizerSettings,
                                              rules: try StoppingRules(maxSteps: SearchDefaults.steps(for: SearchDefaults.optimizer), gradientTolerance: 0))
            pendingJobs.append(.search(f: f, settings: settings, known: knownPoints()))
            background.search = true
            event = .info("searching: \(Self.searchRestarts) random restarts (\(optimizerSettings.kind.rawValue))…")
        } catch {
            event = .failed("search: \((error as? SparseScapeError)?.message ?? "\(error)")")
        }
    }

    /// Queues the minimum-energy path from the current point to the best known minimum.
    func startPath() {
        guard !background.path else { event = .refused("a path is already being computed"); return }
        guard let end = best.params(count: count) else {
            event = .refused("no best-known minimum to walk to yet (let descent stall, or search: S)")
            return
        }
        guard hasDistinctBestPoint else { event = .refused("the point is the best known minimum: no path to compute"); return }
        pendingJobs.append(.path(f: f, start: currentParams, end: end, generation: generation))
        background.path = true
        event = .info("computing the minimum-energy path to the best known minimum (L = \(NumberFormat.g(best.best?.loss ?? .nan, 6)))…")
    }

    /// Merges a finished background job.
    func merge(_ result: BackgroundResult) {
        switch result {
        case .search(let arch, let outcome):
            background.search = false
            mergeSearch(architecture: arch, outcome)
        case .basins(let plane, let outcome):
            background.basins = false
            guard slices.basins, slices.frozen == plane else { return }   // the plane changed meanwhile: dropped
            switch outcome {
            case .success(let grid):
                slices.basinMap = (plane, grid)
                attachBasins()
                let minima = grid.basins.filter { $0.kind == .minimum }.count
                event = .info("basins: \(grid.basins.count) found (\(minima) minima) on a \(grid.alphas.count)×\(grid.betas.count) grid")
            case .failure(let e):
                event = .failed("basins: \(e.message)")
            }
        case .path(let asked, let outcome):
            background.path = false
            // A path belongs to the point it started from: drop it if a command moved on since.
            guard asked == generation else {
                event = .info("path finished, but the point changed since it was asked for: press P again")
                return
            }
            switch outcome {
            case .success(let r): adoptPath(r)
            case .failure(let e): event = .failed("path: \(e.message)")
            }
        }
    }

    /// Puts the basin map on the current slice when both belong to the same plane, with the current point's basin.
    func attachBasins() {
        guard let map = slices.basinMap, var s = slice, s.center == map.plane.center, s.d1 == map.plane.d1, s.d2 == map.plane.d2 else {
            slice?.basins = nil
            return
        }
        let g = map.grid
        let n = g.alphas.count
        func index(_ v: Double) -> Int? {
            guard n > 1, map.plane.span > 0 else { return nil }
            let t = (v + map.plane.span) / (2 * map.plane.span) * Double(n - 1)
            guard t.isFinite, t >= -0.5, t <= Double(n - 1) + 0.5 else { return nil }
            return min(n - 1, max(0, Int(t.rounded())))
        }
        var current: Int?
        if let i = index(s.current.alpha), let j = index(s.current.beta) { current = g.labels[i * n + j] }
        s.basins = BasinOverlay(grid: n, labels: g.labels, basins: g.basins, current: current)
        slice = s
    }

    /// Adopts a search's lowest point as best known when it is lower.
    func mergeSearch(architecture: NetworkArchitecture, _ outcome: Result<SearchResult, SparseScapeError>) {
        switch outcome {
        case .success(let result):
            guard let top = result.minima.first else {
                event = .searchFinished(restarts: result.restarts, minima: 0, lowest: nil, improved: false)
                return
            }
            let before = best.best?.loss
            if let q = ParameterRemap.realize(top.params, from: architecture, to: f.architecture) {
                best.offer(KnownPoint(loss: f.loss(q), source: "search (restart \(top.firstRestart))", params: q), count: count)
            }
            event = .searchFinished(restarts: result.restarts, minima: result.minima.count, lowest: top.loss, improved: best.best?.loss != before)
        case .failure(let e):
            event = .failed("search failed: \(e.message)")
        }
    }

    /// Shows a computed path: the numbers, and the slice on the plane through start, saddle (or top) and end.
    func adoptPath(_ r: PathResult) {
        let p = r.path
        let saddle = p.saddle?.params ?? p.images[p.losses.indices.max(by: { p.losses[$0] < p.losses[$1] }) ?? 0]
        energyPath = EnergyPathSummary(startLoss: p.startLoss, endLoss: p.endLoss, barrier: p.barrier, saddleLoss: p.saddle?.loss,
                                       saddleIndex: p.saddle?.index, lineBarrier: p.lineBarrier, losses: p.losses, converged: p.converged)
        event = .pathFound(barrier: p.barrier, saddleLoss: p.saddle?.loss, lineBarrier: p.lineBarrier)
        if let plane = try? PathPlane.through(start: p.images.first ?? currentParams, middle: saddle, end: p.images.last ?? saddle,
                                              images: p.images, seed: directionSeed) {
            slices.frozen = plane
            slices.energyPath = (p.images, p.saddle?.params)
            slices.invalidate()
        }
        // The path ran from the point as it was; make the generation current so that the slice is asked for now.
        generation += 1
    }
}
