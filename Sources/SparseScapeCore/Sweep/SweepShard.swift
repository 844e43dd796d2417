import Foundation

/// A deterministic slice `K/N` of a sweep: mask i belongs to shard (i mod N) + 1.
///
/// Shards of the same sweep are disjoint and together cover it, so a Slurm array job or GNU parallel can run
/// them independently and `sweep-merge` can join their output.
public struct SweepShard: Sendable, Equatable, CustomStringConvertible {
    /// K, from 1.
    public let index: Int
    /// N, at least 1.
    public let count: Int

    /// The whole sweep (1/1).
    public static let whole = SweepShard(uncheckedIndex: 1, count: 1)

    /// A validated shard K of N.
    public init(index: Int, count: Int) throws {
        guard count >= 1, index >= 1, index <= count else {
            throw SparseScapeError(.shard, "must be K/N with 1 ≤ K ≤ N, got \(index)/\(count)")
        }
        self.index = index
        self.count = count
    }

    private init(uncheckedIndex: Int, count: Int) {
        index = uncheckedIndex
        self.count = count
    }

    /// Parses "K/N" (e.g. "3/16").
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0].trimmingCharacters(in: .whitespaces)),
              let n = Int(parts[1].trimmingCharacters(in: .whitespaces)) else {
            throw SparseScapeError(.shard, "must be K/N with 1 ≤ K ≤ N (e.g. 3/16), got \(SafeText.quoted(text))")
        }
        try self.init(index: k, count: n)
    }

    /// True when mask `i` (0-based, in the sweep's order) belongs to this shard.
    public func contains(_ i: Int) -> Bool { i % count + 1 == index }

    /// This shard's mask indices among `total`.
    public func indices(total: Int) -> StrideTo<Int> { stride(from: index - 1, to: total, by: count) }

    /// The shards K of `count` that hold at least one of `indices`, in increasing order.
    public static func shards(holding indices: some Sequence<Int>, count: Int) -> [Int] {
        Set(indices.map { $0 % count + 1 }).sorted()
    }

    /// "K/N".
    public var description: String { "\(index)/\(count)" }
}
