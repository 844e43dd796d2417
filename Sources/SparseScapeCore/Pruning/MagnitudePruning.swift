/// Magnitude pruning: the live weights of smallest |w| are the ones to prune (Han et al.).
public enum MagnitudePruning {
    /// How the fraction is counted.
    public enum Scope: String, Codable, Sendable, CaseIterable {
        /// The smallest weights of the whole network.
        case global
        /// The smallest weights of each layer, the same fraction in every layer.
        case layerwise
    }

    /// The live weights to prune: `fraction` of the live weights (rounded to the nearest count, at least one when
    /// the fraction is positive), smallest |w| first (ties broken by the canonical order), never the last live
    /// weight of a layer (a layer without weights would make the network's product zero).
    ///
    /// - Throws: `SparseScapeError` when the fraction is not in [0, 1) or the point does not match.
    public static func smallest(fraction: Double, params: [Double], architecture arch: NetworkArchitecture,
                                scope: Scope = .global) throws -> [EdgePosition] {
        guard fraction.isFinite, fraction >= 0, fraction < 1 else {
            throw SparseScapeError("the pruning fraction must be in [0, 1), got \(fraction)")
        }
        guard params.count == arch.parameterCount else {
            throw SparseScapeError("the point has \(params.count) values but the network has \(arch.parameterCount) free weights")
        }
        func positions(_ layer: Int) -> [(EdgePosition, Double)] {
            let cols = arch.widths[layer + 1], off = arch.parameterOffsets[layer]
            return arch.freePositions[layer].enumerated().map { k, flat in
                (EdgePosition(layer: layer, row: flat / cols, col: flat % cols), abs(params[off + k]))
            }
        }
        func take(_ candidates: [(EdgePosition, Double)], _ count: Int, keepPerLayer: [Int]) -> [EdgePosition] {
            var left = keepPerLayer
            var out: [EdgePosition] = []
            let order = candidates.enumerated().sorted { ($0.element.1, $0.offset) < ($1.element.1, $1.offset) }
            for (_, c) in order where out.count < count {
                guard left[c.0.layer] > 1 else { continue }
                left[c.0.layer] -= 1
                out.append(c.0)
            }
            return out
        }
        let live = (0..<arch.depth).map { arch.freePositions[$0].count }
        func count(_ n: Int) -> Int { fraction > 0 ? max(1, Int((fraction * Double(n)).rounded())) : 0 }
        switch scope {
        case .global:
            let all = (0..<arch.depth).flatMap(positions)
            return take(all, count(all.count), keepPerLayer: live)
        case .layerwise:
            return (0..<arch.depth).flatMap { l in take(positions(l), count(live[l]), keepPerLayer: live) }
        }
    }

    /// The architecture with `edges` pruned.
    public static func pruning(_ edges: [EdgePosition], from arch: NetworkArchitecture) throws -> NetworkArchitecture {
        var masks = arch.masks
        for e in edges where e.isValid(for: arch) { masks[e.layer][e.row * arch.widths[e.layer + 1] + e.col] = false }
        return try NetworkArchitecture(widths: arch.widths, masks: masks)
    }
}
