import SparseScapeCore

/// Work for the analysis thread about one point: a slice, a certificate, the valley's limit, tagged with the
/// session generation it belongs to (answers of older generations are dropped).
struct AnalysisRequest: Sendable {
    /// Identifies the request (results carry it back).
    var id: Int
    /// The session's command generation when the request was made.
    var generation: Int
    /// The loss function under the current mask.
    var f: LossFunction
    /// The current point.
    var params: [Double]
    /// The iteration of the current point.
    var iteration: Int
    /// The slice to compute, if any.
    var slice: SliceJob?
    /// The certification to run, if any.
    var certify: CertifyJob?
    /// The epoch whose run to test for an escape to infinity (and its valley's limit), if any.
    var escapeEpoch: Int?
}

/// What a slice needs besides the point.
struct SliceJob: Sendable {
    /// The direction mode (ignored when `frozen` is set).
    var mode: SliceDirectionMode
    /// The frozen plane, when not following.
    var frozen: FrozenPlane?
    /// A minimum-energy path to project (start first) and its saddle.
    var energyPath: [[Double]]
    /// The path's saddle.
    var saddle: [Double]?
    /// The recent optimizer path, oldest first.
    var path: [[Double]]
    /// The best-known point (current mask), when it has parameters.
    var best: [Double]?
    /// Points per axis.
    var grid: Int
    /// Half-width (scaled by the point's size for unit directions).
    var span: Double
    /// Seed of random directions.
    var seed: UInt64
}

/// What a certification needs besides the point.
struct CertifyJob: Sendable {
    /// The stall epoch being certified.
    var epoch: Int
    /// Reference points for spuriousness.
    var known: [KnownPoint]
    /// Also look for pruned edges that open a way down (when the point is a minimum and the network small enough).
    var regrow: Bool
}

/// The analysis thread's answer to one request.
struct AnalysisResult: Sendable {
    /// The request it answers.
    var requestID: Int
    /// The request's generation.
    var generation: Int
    /// The computed slice.
    var slice: SliceSnapshot?
    /// The certificate, with the epoch and point it belongs to, and the regrow hints.
    var certificate: (certificate: Certificate, epoch: Int, params: [Double], regrow: [RegrowEdge])?
    /// The epoch whose certification failed, with why.
    var certificationFailure: (epoch: Int, reason: String)?
    /// The escape test of an epoch: whether the run escapes, the valley's estimated limit, and ‖θ‖ where the test stopped.
    var escape: (epoch: Int, escaping: Bool, limit: Double?, norm: Double)?
    /// Why the slice could not be computed, when it could not.
    var sliceFailure: String?
}
