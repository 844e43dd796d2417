import Foundation

/// How fast the explorer's optimizer steps: a number of steps per second, or unlimited.
public struct DescentSpeed: Equatable, Sendable {
    /// The settings the speed keys move through, slowest first; nil is unlimited.
    public static let levels: [Double?] = [1, 3, 10, 30, 100, 300, 1_000, 3_000, 10_000, 100_000, nil]
    /// The default, 100 steps per second: theorem5's plain gradient descent (about 800 steps to its stall) takes
    /// about eight seconds, its loss falling over the first one or two.
    public static let standard = DescentSpeed(level: 4)

    /// Index into `levels`.
    public let level: Int

    /// The speed at `level` (clamped into the table).
    public init(level: Int) { self.level = min(max(0, level), Self.levels.count - 1) }

    /// The nearest level to `stepsPerSecond` (nil or non-finite: unlimited).
    public init(stepsPerSecond: Double?) {
        guard let r = stepsPerSecond, r.isFinite, r > 0 else { self.init(level: Self.levels.count - 1); return }
        var best = 0
        for (k, v) in Self.levels.enumerated() {
            guard let v else { continue }
            if abs(log(v / r)) < abs(log((Self.levels[best] ?? v) / r)) { best = k }
        }
        self.init(level: best)
    }

    /// Steps per second, or nil when unlimited.
    public var stepsPerSecond: Double? { Self.levels[level] }
    /// True when the optimizer runs as fast as it can.
    public var isUnlimited: Bool { stepsPerSecond == nil }
    /// One level faster (stays at unlimited).
    public var faster: DescentSpeed { DescentSpeed(level: level + 1) }
    /// One level slower (stays at the slowest).
    public var slower: DescentSpeed { DescentSpeed(level: level - 1) }
    /// "300 it/s" or "unlimited".
    public var text: String {
        guard let r = stepsPerSecond else { return "unlimited" }
        return r >= 1000 ? "\(Int(r) / 1000)k it/s" : "\(Int(r)) it/s"
    }
}
