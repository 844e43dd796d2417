/// Watches a long descent for an escape to infinity along a valley (the paper's Appendix A): it asks for an escape
/// test each time the descent's segment doubles in length, and keeps the valley's limit once the run escapes.
struct EscapeWatch {
    /// Segment length (steps) before the first test of a new point.
    static let firstTestAfter = 2048
    /// Above this many weights the periodic escape test is skipped (it runs a whole search run from the point).
    static let parameterLimit = 600

    /// The valley's limit when escaping, with the stall epoch it was asked for (nil limit: not known yet).
    private(set) var limit: (epoch: Int, value: Double?)?
    /// Steps into the current history segment after which the run is next tested (doubles each time).
    private(set) var testAfter = Self.firstTestAfter
    /// True while an escape test is in flight.
    private(set) var testPending = false

    /// Forgets the limit and starts the doubling again (the point changed).
    mutating func reset() {
        limit = nil
        testAfter = Self.firstTestAfter
    }

    /// Forgets the limit only (the run was resumed by hand).
    mutating func clearLimit() { limit = nil }

    /// The valley's limit, when known.
    var limitValue: Double? { limit.flatMap { $0.value } }

    /// True when an escape test should be asked for now: when `escaping`, once per epoch (for the limit); otherwise
    /// when a descent that is `descending` (stepping, not stalled) has run `segmentSteps` past the next test.
    func wantsTest(escaping: Bool, epoch: Int, descending: Bool, segmentSteps: Int, parameterCount: Int) -> Bool {
        if escaping { return limit?.epoch != epoch }
        return descending && !testPending && segmentSteps >= testAfter && parameterCount <= Self.parameterLimit
    }

    /// Notes that a test was asked for at `segmentSteps` (the next one waits for twice as long).
    mutating func noteRequest(escaping: Bool, epoch: Int, segmentSteps: Int) {
        if escaping { limit = (epoch, nil) }
        testPending = true
        testAfter = 2 * max(testAfter, segmentSteps)
    }

    /// Notes that a test answered (whatever its generation).
    mutating func noteAnswer() { testPending = false }

    /// Records that the run escapes, with the valley's limit for `epoch`.
    mutating func escaped(epoch: Int, limit value: Double?) { limit = (epoch, value) }
}
