import Dispatch
import Foundation
import SparseScapeCore

extension OptimizerLoop {
    /// The config's reference points that exist under the current mask, with their losses.
    func configKnownPoints() -> [KnownPoint] {
        let configArch = shared.config.architecture
        return shared.config.points.compactMap { entry in
            guard let q = ParameterRemap.realize(entry.params, from: configArch, to: f.architecture) else { return nil }
            let l = f.loss(q)
            return l.isFinite ? KnownPoint(loss: l, source: "reference point '\(entry.label)'", params: q) : nil
        }
    }

    /// Offers every config reference point as best known.
    func offerConfigPoints() {
        for p in configKnownPoints() { offerBest(p) }
    }

    /// Adopts `candidate` as best known when it is lower (by more than rounding).
    func offerBest(_ candidate: KnownPoint) {
        guard candidate.loss.isFinite else { return }
        if let p = candidate.params, p.count != count { return }
        if let b = bestKnown, candidate.loss >= b.loss - 1e-12 * max(1, abs(b.loss)) { return }
        bestKnown = candidate
    }

    /// Reference points for certification: the config's and the best known.
    func knownPoints() -> [KnownPoint] {
        var out = configKnownPoints()
        if let b = bestKnown { out.append(b) }
        return out
    }

    /// Asks the analysis thread for a slice (the point moved, or a command changed the picture) and/or a certificate
    /// (the run stalled); at most one request is outstanding per generation.
    func requestAnalysisIfNeeded(now: Double) {
        let generation = shared.generation.load(ordering: .relaxed)
        if let inFlight, inFlight.generation == generation { return }
        let current = currentParams
        var wantSlice = true
        if let last = lastSliceAttempt, last.generation == generation, last.params.count == count {
            var d2 = 0.0, c2 = 0.0
            for i in 0..<count { let d = current[i] - last.params[i]; d2 += d * d; c2 += last.params[i] * last.params[i] }
            wantSlice = d2.squareRoot() > 1e-3 * max(c2.squareRoot(), 1e-12)
        }
        var wantCertificate = false
        if stalled && failure == nil {
            let answered = certificateEpoch == stallEpoch || certificateFailedEpoch == stallEpoch
            if certifyRequestedEpoch != stallEpoch {
                wantCertificate = true
            } else if !answered && certifyRequestGeneration != generation {
                wantCertificate = true  // the request's answer was dropped as stale: ask again
            } else if certificateEpoch == stallEpoch, certificate?.classification == .notCritical, now - certifyRequestTime > 1 {
                wantCertificate = true
            }
        }
        guard wantSlice || wantCertificate else { return }
        var sliceJob: SliceJob?
        if wantSlice {
            var mode = directionMode
            if mode == .towardBest && !hasDistinctBestPoint { mode = .random }
            let best = bestKnown?.params.flatMap { $0.count == count ? $0 : nil }
            sliceJob = SliceJob(mode: mode, frozen: frozen, path: path.points, best: best, grid: shared.sliceGrid,
                                span: shared.sliceSpan, seed: shared.directionSeed)
            lastSliceAttempt = (generation, current)
        }
        var certifyJob: CertifyJob?
        if wantCertificate {
            certifyJob = CertifyJob(epoch: stallEpoch, known: knownPoints())
            certifyRequestedEpoch = stallEpoch
            certifyRequestGeneration = generation
            certifyRequestTime = now
        }
        requestCounter += 1
        let request = AnalysisRequest(id: requestCounter, generation: generation, f: f, params: current, iteration: iteration,
                                      slice: sliceJob, certify: certifyJob)
        shared.analysisRequest.withLock { $0 = request }
        shared.analysisWake.signal()
        inFlight = (requestCounter, generation)
    }

    /// Merges analysis results and a finished search (results of older generations are dropped).
    func mergeResults() {
        shared.resultsPending.store(false, ordering: .releasing)
        let results = shared.analysisResults.withLock { r -> [AnalysisResult] in defer { r.removeAll() }; return r }
        let generation = shared.generation.load(ordering: .relaxed)
        for r in results {
            if inFlight?.id == r.requestID { inFlight = nil }
            guard r.generation == generation else { continue }
            if let s = r.slice { slice = s }
            if let c = r.certificate, c.epoch == stallEpoch {
                certificate = c.certificate
                certificateEpoch = c.epoch
                if c.certificate.classification.isMinimum {
                    offerBest(KnownPoint(loss: c.certificate.loss, source: "certified local minimum (iteration \(iteration))", params: c.params))
                }
                if let b = c.certificate.bestKnown { offerBest(b) }
            }
            if let failed = r.certificationFailure, failed.epoch == stallEpoch {
                certificateFailedEpoch = failed.epoch
                message = "certificate: \(failed.reason)"
            }
            if let m = r.message { message = m }
        }
        if let outcome = shared.searchOutcome.withLock({ o -> SearchOutcome? in defer { o = nil }; return o }) {
            mergeSearch(outcome)
        }
        publish(now: Self.now())
    }

    /// Adopts a finished search's lowest point as best known when it is lower.
    func mergeSearch(_ outcome: SearchOutcome) {
        searchRunning = false
        switch outcome.result {
        case .success(let result):
            guard let top = result.minima.first else {
                message = "search: no run of \(result.restarts) reached a critical point"
                return
            }
            let before = bestKnown?.loss
            if let q = ParameterRemap.realize(top.params, from: outcome.architecture, to: f.architecture) {
                offerBest(KnownPoint(loss: f.loss(q), source: "search (restart \(top.firstRestart))", params: q))
            }
            let improved = bestKnown?.loss != before
            message = "search: \(result.restarts) restarts, \(result.minima.count) distinct minima, lowest L = \(NumberFormat.g(top.loss, 6))"
                + (improved ? " (new best known)" : "; best known stays L = \(NumberFormat.g(bestKnown?.loss ?? top.loss, 6))")
        case .failure(let e):
            message = "search failed: \(e.message)"
        }
    }

    /// Starts a 16-restart multi-start search on its own thread (joined by `stop()`).
    func startSearch() {
        guard !searchRunning else { message = "a search is already running"; return }
        searchCounter += 1
        let searchF = f
        let optimizerSettings: OptimizerSettings
        do {
            optimizerSettings = try OptimizerSettings(kind: SearchDefaults.optimizer)
        } catch {
            message = "search: \(error)"
            return
        }
        let settings: SearchSettings
        do {
            settings = try SearchSettings(restarts: ExplorerEngine.searchRestarts,
                                          seed: shared.seed &+ UInt64(searchCounter) &* 0x9E37_79B9_7F4A_7C15,
                                          optimizer: optimizerSettings,
                                          rules: try StoppingRules(maxSteps: SearchDefaults.steps(for: SearchDefaults.optimizer), gradientTolerance: 1e-9))
        } catch {
            message = "search: \(error)"
            return
        }
        let known = knownPoints()
        let shared = self.shared
        let done = DispatchSemaphore(value: 0)
        shared.searchDone.withLock { $0.append(done) }
        searchRunning = true
        let thread = Thread {
            BLASThreads.pinSingle()
            let result: Result<SearchResult, SparseScapeError>
            do {
                result = .success(try MultiStartSearch.run(searchF, settings: settings, known: known))
            } catch let e as SparseScapeError {
                result = .failure(e)
            } catch {
                result = .failure(SparseScapeError("\(error)"))
            }
            shared.searchOutcome.withLock { $0 = SearchOutcome(architecture: searchF.architecture, result: result) }
            shared.resultsPending.store(true, ordering: .releasing)
            shared.optimizerWake.signal()
            done.signal()
        }
        thread.name = "SparseScape search"
        thread.start()
        message = "searching: \(ExplorerEngine.searchRestarts) random restarts (\(optimizerSettings.kind.rawValue))…"
    }
}
