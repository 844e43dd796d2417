import Foundation
import SparseScapeEngine

/// The explorer's message history: every engine event and every export or save message, with its time, oldest
/// first, the newest `capacity` kept.
public struct MessageLog: Equatable, Sendable {
    /// One message.
    public struct Entry: Equatable, Sendable {
        /// When the UI saw it.
        public var time: Date
        /// The optimizer's iteration then.
        public var iteration: Int
        /// The whole text.
        public var text: String
        /// How it is coloured.
        public var severity: EventSeverity
    }

    /// Most entries kept (older ones are dropped first).
    public static let capacity = 1_000

    /// The entries, oldest first.
    public private(set) var entries: [Entry] = []
    /// Entries dropped for room since the start.
    public private(set) var dropped = 0

    /// An empty log.
    public init() {}

    /// Adds a message at the end, dropping the oldest beyond `capacity`.
    public mutating func append(_ text: String, severity: EventSeverity, iteration: Int, time: Date) {
        entries.append(Entry(time: time, iteration: iteration, text: text, severity: severity))
        if entries.count > Self.capacity {
            let extra = entries.count - Self.capacity
            entries.removeFirst(extra)
            dropped += extra
        }
    }

    /// "14:03:07" in the local time zone.
    public static func clock(_ date: Date, timeZone: TimeZone = .current) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.hour, .minute, .second], from: date)
        func two(_ v: Int?) -> String { let v = v ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        return "\(two(c.hour)):\(two(c.minute)):\(two(c.second))"
    }
}
