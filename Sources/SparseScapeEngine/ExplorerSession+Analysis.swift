import SparseScapeCore

extension ExplorerSession {
    /// Offers every config reference point (under the current mask) as best known.
    func offerConfigPoints() {
        for p in config.knownPoints(under: descent.lossFunction) { best.offer(p, count: descent.parameterCount) }
    }

    /// Reference points for certification: the config's and the best known.
    func knownPoints() -> [KnownPoint] {
        var out = config.knownPoints(under: descent.lossFunction)
        if let b = best.best { out.append(b) }
        return out
    }

    /// The analysis the session needs now, if any: a slice when the point moved or a command changed the picture, a
    /// certificate when stalled, the valley's limit when escaping. At most one request is outstanding.
    func nextAnalysis() -> AnalysisRequest? {
        guard analyses.isIdle else { return nil }
        let current = currentParams
        let iteration = descent.iteration, count = descent.parameterCount
        let schedule = landscape.schedule
        let wantSlice = schedule.wants(current, generation: generation)
        let epoch = status.epoch
        if status.stall.stalled, wantsSteps, let c = status.certificates.certificate(for: epoch), c.classification == .notCritical,
           iteration - status.certificates.certifiedIteration >= StallTracker.window {
            status.certificates.clear()   // not critical yet and descent goes on inside the stall: certify the newer point
        }
        let wantCertificate = status.stall.stalled && status.failure == nil
            && status.certificates.needsRequest(epoch: epoch, generation: generation)
        // A long descent that is not stalling may be running off to infinity along a valley (the paper's Appendix A):
        // test it each time its segment's length doubles.
        let escaping = status.failure == .escaping
        let segmentSteps = trajectory.segmentSteps(at: iteration)
        let wantEscape = escaping
            ? escapeWatch.wantsTest(escaping: true, epoch: epoch, descending: false, segmentSteps: segmentSteps, parameterCount: count)
            : status.failure == nil && escapeWatch.wantsTest(escaping: false, epoch: epoch, descending: wantsSteps && !status.stall.stalled,
                                                             segmentSteps: segmentSteps, parameterCount: count)
        guard wantSlice || wantCertificate || wantEscape else { return nil }
        var sliceJob: SliceJob?
        if wantSlice {
            var mode = schedule.mode
            if mode == .towardBest && !hasDistinctBestPoint { mode = .random }
            sliceJob = SliceJob(mode: mode, frozen: schedule.frozen, energyPath: schedule.energyPath?.images ?? [],
                                saddle: schedule.energyPath?.saddle, path: trajectory.path.points, best: best.params(count: count),
                                grid: schedule.grid, span: schedule.baseSpan * schedule.zoom, seed: directionSeed)
            landscape.schedule.noteRequest(current, generation: generation)
        }
        var certifyJob: CertifyJob?
        if wantCertificate {
            certifyJob = CertifyJob(epoch: epoch, known: knownPoints(),
                                    regrow: count <= Self.regrowParameterLimit && descent.architecture.masks.contains { $0.contains(false) })
            status.certificates.noteRequest(epoch: epoch, generation: generation)
        }
        if wantEscape { escapeWatch.noteRequest(escaping: escaping, epoch: epoch, segmentSteps: segmentSteps) }
        return AnalysisRequest(id: analyses.issue(), generation: generation, f: descent.lossFunction, params: current,
                               iteration: iteration, slice: sliceJob, certify: certifyJob, escapeEpoch: wantEscape ? epoch : nil)
    }

    /// Merges an analysis result (answers of older generations or stall epochs are dropped).
    func merge(_ r: AnalysisResult) {
        analyses.answered(r.requestID)
        if r.escape != nil { escapeWatch.noteAnswer() }
        guard r.generation == generation else { return }
        if let s = r.slice { landscape.show(s) }
        let epoch = status.epoch
        let count = descent.parameterCount
        if let c = r.certificate, c.epoch == epoch {
            status.certificates.accept(c.certificate, regrow: c.regrow, epoch: epoch, iteration: descent.iteration)
            if c.certificate.classification.isMinimum {
                best.offer(KnownPoint(loss: c.certificate.loss, source: "certified local minimum (iteration \(descent.iteration))",
                                      params: c.params), count: count)
            }
            if let b = c.certificate.bestKnown { best.offer(b, count: count) }
        }
        if let failed = r.certificationFailure, failed.epoch == epoch {
            status.certificates.fail(failed.reason, epoch: epoch)
            event = .failed(.certificate(failed.reason))
        }
        if let e = r.escape, e.epoch == epoch, e.escaping {
            if status.failure != .escaping { event = .escaping(iteration: descent.iteration, norm: e.norm) }
            status.fail(.escaping)
            escapeWatch.escaped(epoch: epoch, limit: e.limit)
        }
        if let m = r.sliceFailure { event = .failed(.slice(m)) }
        updateConvergence()
    }

    /// Background jobs asked for since the last call (the runner starts them).
    func takeJobs() -> [BackgroundJob] { jobs.take() }

    /// Queues a 16-restart multi-start search.
    func startSearch() {
        guard !jobs.isRunning(.search) else { event = .refused(.searchRunning); return }
        do {
            let optimizerSettings = try OptimizerSettings(kind: SearchDefaults.optimizer)
            let settings = try SearchSettings(restarts: Self.searchRestarts, seed: randomness.nextSearchSeed(),
                                              optimizer: optimizerSettings,
                                              rules: try StoppingRules(maxSteps: SearchDefaults.steps(for: SearchDefaults.optimizer),
                                                                       gradientTolerance: 0))
            jobs.enqueue(.search(f: descent.lossFunction, settings: settings, known: knownPoints()))
            event = .searchStarted(restarts: Self.searchRestarts, optimizer: optimizerSettings.kind)
        } catch {
            event = .failed(.searchSetup(Self.message(of: error)))
        }
    }

    /// Queues the minimum-energy path from the current point to the best known minimum.
    func startPath() {
        guard !jobs.isRunning(.path) else { event = .refused(.pathRunning); return }
        guard let end = best.params(count: descent.parameterCount) else { event = .refused(.noMinimumToWalkTo); return }
        guard hasDistinctBestPoint else { event = .refused(.atBestKnown); return }
        jobs.enqueue(.path(f: descent.lossFunction, start: currentParams, end: end, generation: generation))
        event = .pathStarted(target: best.best?.loss ?? .nan)
    }

    /// Merges a finished background job.
    func merge(_ result: BackgroundResult) {
        switch result {
        case .search(let arch, let outcome):
            jobs.finished(.search)
            mergeSearch(architecture: arch, outcome)
        case .basins(let plane, let outcome):
            jobs.finished(.basins)
            guard landscape.schedule.basins, landscape.schedule.frozen == plane else { return }   // the plane changed meanwhile: dropped
            switch outcome {
            case .success(let grid):
                landscape.adoptBasins(grid, plane: plane)
                let minima = grid.basins.filter { $0.kind == .minimum }.count
                event = .basinsFound(basins: grid.basins.count, minima: minima, alphas: grid.alphas.count, betas: grid.betas.count)
            case .failure(let e):
                event = .failed(.job(.basins, e.message))
            }
        case .path(let asked, let outcome):
            jobs.finished(.path)
            // A path belongs to the point it started from: drop it if a command moved on since.
            guard asked == generation else { event = .pathOutdated; return }
            switch outcome {
            case .success(let r): adoptPath(r)
            case .failure(let e): event = .failed(.job(.path, e.message))
            }
        }
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
            let f = descent.lossFunction
            if let q = ParameterRemap.realize(top.params, from: architecture, to: f.architecture) {
                best.offer(KnownPoint(loss: f.loss(q), source: "search (restart \(top.firstRestart))", params: q), count: descent.parameterCount)
            }
            event = .searchFinished(restarts: result.restarts, minima: result.minima.count, lowest: top.loss,
                                    improved: best.best?.loss != before)
        case .failure(let e):
            event = .failed(.job(.search, e.message))
        }
    }

    /// Shows a computed path: the numbers, and the slice on the plane through start, saddle (or top) and end.
    func adoptPath(_ r: PathResult) {
        let p = r.path
        let saddle = p.saddle?.params ?? p.images[p.losses.indices.max(by: { p.losses[$0] < p.losses[$1] }) ?? 0]
        let summary = EnergyPathSummary(startLoss: p.startLoss, endLoss: p.endLoss, barrier: p.barrier, saddleLoss: p.saddle?.loss,
                                        saddleIndex: p.saddle?.index, lineBarrier: p.lineBarrier, losses: p.losses,
                                        converged: p.converged)
        event = .pathFound(barrier: p.barrier, saddleLoss: p.saddle?.loss, lineBarrier: p.lineBarrier)
        let plane = try? PathPlane.through(start: p.images.first ?? currentParams, middle: saddle, end: p.images.last ?? saddle,
                                           images: p.images, seed: directionSeed)
        landscape.adoptPath(summary, plane: plane, images: p.images, saddle: p.saddle?.params)
        // The path ran from the point as it was; make the generation current so that the slice is asked for now.
        analyses.newGeneration()
    }
}
