/// Follows a descent that has not converged, with Levenberg–Marquardt, to tell a critical point, a valley at infinity
/// and a run that is merely slow apart, by evidence.
///
/// A valley at infinity is what the paper's Appendix A shows: ‖θ‖ grows without bound while the loss decreases to a
/// limit no finite point attains. The follower records the loss each time the balanced ‖θ‖ doubles. It proves a valley
/// when, over at least three doublings, the loss fell at every doubling by shrinking amounts well above its resolution
/// (the fall is real) and the last fall is a thousandth of the whole (the run creeps along the valley); the limit
/// reported is the lowest loss reached, an upper bound that never lies below the proven lower bound (`limit(…)`).
/// The descent runs until it no longer lowers the loss beyond the loss's resolution (over 20 steps), so that a point
/// whose small gradient comes from creeping along a valley is not taken for a critical point (the gradient of a valley
/// falls with ‖θ‖, its loss keeps falling by resolvable amounts). Without a valley, a run that ends within the
/// critical tolerance ends at a critical point; anything else is unconverged, with what was seen.
public enum ValleyFollower {
    /// How the continuation ended.
    public enum Outcome: String, Codable, Sendable {
        /// The relative gradient reached the critical tolerance.
        case critical
        /// A valley at infinity, proven as described above.
        case valley
        /// Neither within the step budget (or the descent stopped without converging).
        case unconverged
    }

    /// What the follower found.
    public struct Verdict: Sendable {
        /// How it ended.
        public var outcome: Outcome
        /// For a valley: the lowest loss reached along it, an upper bound of its limit (never below the lower bound).
        public var limit: Double?
        /// The lowest loss reached.
        public var lowestLoss: Double
        /// ‖θ‖ at the start and at the end.
        public var startNorm: Double
        /// ‖θ‖ at the end.
        public var endNorm: Double
        /// Levenberg–Marquardt steps taken.
        public var steps: Int
        /// ‖∇L‖ at the end.
        public var gradientNorm: Double
        /// The relative gradient at the end (`NumericalResolution`).
        public var relativeGradient: Double
        /// The doublings seen.
        public var doublings: [NormDoubling]
        /// The end point.
        public var params: [Double]
    }

    /// Doublings of ‖θ‖ needed before a valley is called.
    public static let doublingsNeeded = 3

    /// Continues the descent from `start` for at most `maxSteps` steps;
    /// `lowerBound` is the proven lower bound of the global minimum (−∞ when none), `criticalTolerance` the relative
    /// gradient of a critical point.
    /// `history` is the record of the run that led to `start` (its first phase), continued here. The follower stops
    /// as soon as the record proves a valley, when the descent no longer lowers the loss beyond its resolution, or
    /// after `maxSteps`.
    public static func run(_ f: LossFunction, start: [Double], history: [NormDoubling] = [], lowerBound: Double,
                           criticalTolerance: Double, maxSteps: Int = 1500, shouldStop: (() -> Bool)? = nil) -> Verdict {
        let n = f.parameterCount
        let optimizer = LevenbergMarquardt(f, warmUp: false)
        let ws = f.makeWorkspace()
        var params = NodeBalancing(f.architecture).balanced(start)
        var gradient = [Double](repeating: 0, count: n)
        let startNorm = norm(params)
        var loss = 0.0, steps = 0, relative = 0.0
        var recorder: NormDoublingRecorder? = nil
        var endNorm = startNorm
        var stopped = false
        var windowLoss = 0.0, resolution = 0.0
        params.withUnsafeMutableBufferPointer { pb in
            gradient.withUnsafeMutableBufferPointer { gb in
                let p = pb.baseAddress!, g = gb.baseAddress!
                loss = f.evaluate(p, gradient: g, workspace: ws)
                recorder = NormDoublingRecorder(continuing: history, startNorm: startNorm, loss: loss)
                resolution = NumericalResolution(f, at: Array(UnsafeBufferPointer(start: p, count: n))).lossResolution
                windowLoss = loss
                while steps < maxSteps {
                    if let shouldStop, shouldStop() { stopped = true; break }
                    if !optimizer.step(p, loss: &loss, gradient: g) { break }
                    steps += 1
                    if !loss.isFinite { break }
                    endNorm = EuclideanNorm.of(p, count: n)
                    let records = recorder?.doublings.count ?? 0
                    recorder?.record(norm: endNorm, loss: loss)
                    // A new record may complete the evidence of a valley: stop there.
                    if let r = recorder, r.doublings.count > records,
                       limit(r.doublings, lowestLoss: loss, lowerBound: lowerBound, resolution: resolution) != nil { break }
                    // Every 20 steps: a descent that no longer lowers the loss beyond its resolution has stopped.
                    if steps % 20 == 0 {
                        resolution = NumericalResolution(f, at: Array(UnsafeBufferPointer(start: p, count: n))).lossResolution
                        if windowLoss - loss <= 100 * resolution { break }
                        windowLoss = loss
                    }
                }
                let here = NumericalResolution(f, at: Array(UnsafeBufferPointer(start: p, count: n)))
                relative = here.relativeGradient(g)
                resolution = here.lossResolution
            }
        }
        let doublings = recorder?.doublings ?? history
        var verdict = Verdict(outcome: .unconverged, limit: nil, lowestLoss: loss, startNorm: startNorm, endNorm: endNorm,
                              steps: steps, gradientNorm: norm(gradient), relativeGradient: relative,
                              doublings: doublings, params: params)
        if stopped || !loss.isFinite { return verdict }
        if relative > NumericalResolution.roundingGradient,
           let limit = limit(doublings, lowestLoss: loss, lowerBound: lowerBound, resolution: resolution) {
            verdict.outcome = .valley
            verdict.limit = limit
        } else if relative <= criticalTolerance {
            verdict.outcome = .critical
        }
        return verdict
    }

    /// The valley's limit from the records of ‖θ‖ and the loss, or nil unless the evidence of a valley holds: over the
    /// last `doublingsNeeded` doublings of ‖θ‖ the loss fell at every record by more than 100× its `resolution` (the
    /// fall is real), the last fall is no larger than the first of them (the falls shrink: the loss approaches a
    /// limit), and it is below 10⁻³ of the whole fall since the record began (the run is creeping along the valley,
    /// not still descending from its start: a run that grew from a small start to a minimum has its large falls at
    /// its last doublings). The limit reported is the lowest loss reached (never below `lowerBound`): an upper bound
    /// of the valley's infimum, which double precision only approaches. An extrapolation from the records can fall
    /// below the infimum when the descent runs above the valley's floor, so none is claimed.
    public static func limit(_ doublings: [NormDoubling], lowestLoss: Double, lowerBound: Double,
                             resolution: Double) -> Double? {
        let k = doublings.count
        guard k > doublingsNeeded, let first = doublings.first else { return nil }
        let last = Array(doublings.suffix(doublingsNeeded + 1))
        var falls: [Double] = []
        for i in 1..<last.count {
            guard last[i].norm > last[i - 1].norm else { return nil }
            falls.append(last[i - 1].loss - last[i].loss)
        }
        guard falls.allSatisfy({ $0 > 100 * resolution }), falls.last! <= falls.first!,
              falls.last! <= 1e-3 * (first.loss - lowestLoss) else { return nil }
        return max(lowestLoss, lowerBound)
    }

    static func norm(_ v: [Double]) -> Double { EuclideanNorm.of(v) }
}
