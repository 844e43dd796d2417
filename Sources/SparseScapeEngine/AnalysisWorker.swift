import Dispatch
import SparseScapeCore

/// The analysis thread's loop: takes the latest request, certifies and slices, posts results (skipping stale ones).
struct AnalysisWorker {
    /// The shared state.
    let shared: EngineShared

    /// Runs until `stop()`.
    func run() {
        BLASThreads.holdingSingle { loop() }
    }

    /// The loop itself (OpenBLAS held at one thread beside the optimizer's).
    private func loop() {
        while !shared.stopping {
            _ = shared.analysisWake.wait(timeout: .now() + .milliseconds(500))
            if shared.stopping { break }
            guard let request = shared.analysisRequest.withLock({ r -> AnalysisRequest? in defer { r = nil }; return r }) else { continue }
            let result = Self.execute(request) { request.generation != shared.generation.load(ordering: .acquiring) || shared.stopping }
            shared.post(result)
        }
    }

    /// Computes what `request` asks for; `isStale` is checked between the parts (a stale request is answered empty).
    static func execute(_ request: AnalysisRequest, isStale: () -> Bool = { false }) -> AnalysisResult {
        var result = AnalysisResult(requestID: request.id, generation: request.generation)
        if isStale() { return result }
        if let job = request.certify {
            do {
                let cert = try Certifier.certify(request.f, params: request.params, known: job.known)
                var hints: [RegrowEdge] = []
                if job.regrow, cert.classification.isMinimum || cert.classification == .degenerate, !isStale() {
                    hints = regrowHints(request.f, at: request.params)
                }
                result.certificate = (cert, job.epoch, request.params, hints)
            } catch {
                result.certificationFailure = (job.epoch, (error as? SparseScapeError)?.message ?? "\(error)")
            }
        }
        if let epoch = request.escapeEpoch, !isStale() {
            // The search's own pipeline (Levenberg–Marquardt, the polish, the valley follower): a valley is called
            // by the same evidence as in `search`, its limit the lowest loss reached.
            let descent = withoutActuallyEscaping(isStale) { stale in
                (try? RunJudge(request.f)).flatMap { try? RunFinisher.descend(request.f, from: request.params, judge: $0, shouldStop: stale) }
            }
            if let d = descent {
                result.escape = (epoch, d.run.outcome == .escaping, d.run.valleyLimit, d.run.parameterNorm)
            } else {
                result.escape = (epoch, false, nil, 0)
            }
        }
        if let job = request.slice, !isStale() {
            do {
                result.slice = try slice(request, job)
            } catch {
                result.sliceFailure = (error as? SparseScapeError)?.message ?? "\(error)"
            }
        }
        return result
    }

    /// The pruned edges whose revival opens a way down, best first (certified saddles by their most negative λmin,
    /// then edges with a first-order decrease). The point is polished by Newton first: at a first-order stall
    /// (‖∇L‖ ≈ 1e-6) every revived network would otherwise look "not critical" and open a way down on paper.
    static func regrowHints(_ f: LossFunction, at params: [Double]) -> [RegrowEdge] {
        let polished = NewtonPolish.run(f, start: params, maxIterations: 20)
        let start = polished.loss <= f.loss(params) + 1e-12 * max(1, abs(polished.loss)) ? polished.params : params
        guard let report = try? RegrowAnalysis.run(f, params: start) else { return [] }
        return report.edges.filter(\.opensWayDown).sorted {
            ($0.classification == .saddle ? 0 : 1, $0.lambdaMin ?? 0, $0.bestLoss) < ($1.classification == .saddle ? 0 : 1, $1.lambdaMin ?? 0, $1.bestLoss)
        }
    }

    /// Computes the slice of a request: directions, exact grid, path and best-point projections; throws unless all finite.
    static func slice(_ request: AnalysisRequest, _ job: SliceJob) throws -> SliceSnapshot {
        let f = request.f
        let n = f.parameterCount
        let center: [Double], d1: [Double], d2: [Double], name: String, span: Double
        if let plane = job.frozen, plane.center.count == n {
            center = plane.center; d1 = plane.d1; d2 = plane.d2; name = plane.directions; span = plane.span
        } else {
            center = request.params
            let choice: DirectionChoice
            switch job.mode {
            case .random: choice = .random
            case .normalized: choice = .normalized
            case .hessian: choice = .hessian(first: nil, second: nil)
            case .towardBest:
                guard let best = job.best else { throw SparseScapeError("no best-known point to slice toward") }
                choice = .toward(label: "best", point: best)
            }
            (d1, d2) = try SliceDirections.make(f, center: center, choice: choice, seed: job.seed, orthogonalize: true)
            name = job.mode.name
            switch job.mode {
            case .random, .hessian:
                let norm = EuclideanNorm.of(center)
                span = job.span * max(1, norm / Double(max(1, n)).squareRoot())
            case .normalized: span = job.span
            case .towardBest: span = max(job.span, 1.25)
            }
        }
        let projection = try TrajectoryProjection(center: center, d1: d1, d2: d2)
        let poly = try SlicePolynomial(f, center: center, d1: d1, d2: d2)
        let axis = sliceAxis(span: span, count: job.grid)
        let values = poly.grid(alphas: axis, betas: axis)
        guard values.allSatisfy({ $0.isFinite }) else { throw SparseScapeError("the slice has non-finite losses (the point is too large)") }
        func point(_ theta: [Double]) -> SlicePoint? {
            guard theta.count == n else { return nil }
            let c = projection.coordinates(of: theta)
            guard c.alpha.isFinite, c.beta.isFinite else { return nil }
            return SlicePoint(alpha: c.alpha, beta: c.beta)
        }
        let current = point(request.params) ?? SlicePoint(alpha: 0, beta: 0)
        var path = job.path.compactMap(point)
        path.append(current)
        var s = SliceSnapshot(grid: job.grid, span: span, values: values, directions: name, center: center, d1: d1, d2: d2,
                              current: current, path: path, bestKnown: job.best.flatMap(point), frozen: job.frozen != nil,
                              builtAtIteration: request.iteration)
        s.energyPath = job.energyPath.compactMap(point)
        s.saddle = job.saddle.flatMap(point)
        return s
    }
}
