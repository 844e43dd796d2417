/// The session's bookkeeping of analysis requests: the command generation (answers of older generations are
/// dropped) and the one request in flight.
struct AnalysisLedger {
    /// Bumped by every command; analysis answers of older generations are dropped.
    private(set) var generation = 0
    /// The id of the newest request.
    private(set) var lastRequestID = 0
    /// The request in flight, if any (at most one is outstanding).
    private(set) var inFlight: Int?

    /// A new command: a new generation.
    mutating func newGeneration() { generation += 1 }

    /// True when no request is outstanding.
    var isIdle: Bool { inFlight == nil }

    /// A new request's id, marked in flight.
    mutating func issue() -> Int {
        lastRequestID += 1
        inFlight = lastRequestID
        return lastRequestID
    }

    /// The request `id` was answered.
    mutating func answered(_ id: Int) { if inFlight == id { inFlight = nil } }
}
