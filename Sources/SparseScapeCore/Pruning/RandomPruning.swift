/// Random pruning: a seeded uniform choice of the live weights, globally or the same fraction in every layer.
public enum RandomPruning {
    /// One uniform score per live weight (canonical order) from `seed`: the same seed always gives the same scores.
    public static func scores(architecture arch: NetworkArchitecture, seed: UInt64) -> [Double] {
        var g = SeededGenerator(seed: seed)
        return (0..<arch.parameterCount).map { _ in g.uniform() }
    }

    /// The live weights to prune: `fraction` of them (counted as `MagnitudePruning.smallest` counts, never a layer's
    /// last weight), those with the smallest seeded scores. The choices for a larger fraction contain those for a
    /// smaller one (same seed and scope), so a schedule of random levels is nested.
    ///
    /// - Throws: `SparseScapeError` when the fraction is not in [0, 1).
    public static func choose(fraction: Double, architecture arch: NetworkArchitecture, scope: MagnitudePruning.Scope = .global,
                              seed: UInt64) throws -> [EdgePosition] {
        try MagnitudePruning.smallest(fraction: fraction, params: scores(architecture: arch, seed: seed), architecture: arch, scope: scope)
    }
}
