import SparseScapeCore

/// Every random stream and seed of a session, derived from its one seed in one place: the slice directions, the
/// perturbation noise, the random restarts and the background searches.
struct SessionRandomness {
    /// The seed every stream is derived from.
    let seed: UInt64
    /// Random restarts taken since the start or the last reset (each draws from its own stream).
    private(set) var restartCount = 0
    /// Background searches started (each gets its own seed).
    private(set) var searchCount = 0
    /// The stream of the perturbation noise and of revived weights' values.
    var noise: SeededGenerator

    /// The streams of `seed`.
    init(seed: UInt64) {
        self.seed = seed
        noise = SeededGenerator(seed: seed, stream: 0x0B5E_55ED)
    }

    /// The seed of the slices' random directions for a session seeded with `seed` (the exports record it).
    static func directionSeed(for seed: UInt64) -> UInt64 { seed &+ 0x51_1CE }

    /// The seed of this session's slice directions.
    var directionSeed: UInt64 { Self.directionSeed(for: seed) }

    /// The generator of the next random restart, with its number (1, 2, …).
    mutating func nextRestart() -> (number: Int, generator: SeededGenerator) {
        restartCount += 1
        return (restartCount, SeededGenerator(seed: seed, stream: restartCount))
    }

    /// The seed of the next background search.
    mutating func nextSearchSeed() -> UInt64 {
        searchCount += 1
        return seed &+ UInt64(searchCount) &* 0x9E37_79B9_7F4A_7C15
    }

    /// Restarts are numbered from 1 again (the session was reset).
    mutating func resetRestarts() { restartCount = 0 }
}
