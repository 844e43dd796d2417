/// The colour pairs handed out so far, one per foreground/background combination.
///
/// Pair numbers stay below the terminal's pair count. When every pair is in use `pair(fg:bg:)` returns nil; the caller then calls `reset()` and redraws the whole
/// frame, since redefining a pair recolours every cell already drawn with it.
struct ColorPairTable {
    /// The result of a look-up.
    enum Allocation: Equatable {
        /// A pair already defined with these colours.
        case existing(Int32)
        /// A fresh pair number the caller must define with these colours.
        case new(Int32)
    }

    /// Pair numbers run from 1 to `limit − 1` (pair 0 is the terminal's default colours).
    let limit: Int32
    private var pairs: [Int: Int32] = [:]
    private var next: Int32 = 1

    /// A table for a terminal with `limit` colour pairs.
    init(limit: Int32) { self.limit = max(1, limit) }

    /// How many pairs are in use.
    var count: Int { pairs.count }

    /// The pair for colour numbers `fg` and `bg` (−1: the terminal's default), or nil when the table is full.
    mutating func pair(fg: Int, bg: Int) -> Allocation? {
        let key = fg << 26 | (bg + 1)
        if let p = pairs[key] { return .existing(p) }
        guard next < limit else { return nil }
        let p = next
        next += 1
        pairs[key] = p
        return .new(p)
    }

    /// Forgets every pair, so numbers are handed out again from 1.
    mutating func reset() {
        pairs.removeAll(keepingCapacity: true)
        next = 1
    }
}
