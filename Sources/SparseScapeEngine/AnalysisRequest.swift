import SparseScapeCore

/// Work for the analysis thread: a slice and/or a certificate of one point, tagged with the generation it belongs to.
struct AnalysisRequest: Sendable {
    /// Identifies the request (results carry it back).
    var id: Int
    /// The command generation when the request was made; results of older generations are dropped.
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
}

/// What a slice needs besides the point.
struct SliceJob: Sendable {
    /// The direction mode (ignored when `frozen` is set).
    var mode: SliceDirectionMode
    /// The frozen plane, when not following.
    var frozen: FrozenPlane?
    /// The recent path, oldest first.
    var path: [[Double]]
    /// The best-known point (current mask), when it has parameters.
    var best: [Double]?
    /// Points per axis.
    var grid: Int
    /// Base half-width (scaled by the point's size).
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
}

/// The analysis thread's answer to one request.
struct AnalysisResult: Sendable {
    /// The request it answers.
    var requestID: Int
    /// The request's generation.
    var generation: Int
    /// The computed slice.
    var slice: SliceSnapshot?
    /// The certificate, with the epoch and point it belongs to.
    var certificate: (certificate: Certificate, epoch: Int, params: [Double])?
    /// The epoch whose certification failed, with why.
    var certificationFailure: (epoch: Int, reason: String)?
    /// A message for the status line.
    var message: String?
}

/// A finished multi-start search, with the mask it ran under.
struct SearchOutcome: Sendable {
    /// The architecture searched.
    var architecture: NetworkArchitecture
    /// The search result, or the error message.
    var result: Result<SearchResult, SparseScapeError>
}
