import Testing
import SparseScapeCore

/// Magnitude pruning picks exactly the smallest live weights, globally or per layer, and never empties a layer.
@Suite struct MagnitudePruningTests {
    static let arch = try! NetworkArchitecture.dense(widths: [3, 2, 2])   // W1: 6 weights, W2: 4 weights

    @Test func globalPicksTheSmallestMagnitudesAcrossLayers() throws {
        // Canonical order: W1 row-major (6), then W2 (4).
        let p: [Double] = [0.5, -0.01, 3, 2, -0.3, 1, 0.02, -4, 0.2, 5]
        let e = try MagnitudePruning.smallest(fraction: 0.3, params: p, architecture: Self.arch)
        // 30% of 10 = 3: |−0.01| (W1[1,2]), |0.02| (W2[1,1]), |0.2| (W2[2,1]).
        #expect(e == [EdgePosition(layer: 0, row: 0, col: 1), EdgePosition(layer: 1, row: 0, col: 0), EdgePosition(layer: 1, row: 1, col: 0)])
        let pruned = try MagnitudePruning.pruning(e, from: Self.arch)
        #expect(pruned.parameterCount == 7)
        #expect(!pruned.masks[0][1] && !pruned.masks[1][0] && !pruned.masks[1][2])
    }

    @Test func layerwisePrunesTheSameFractionOfEveryLayer() throws {
        let p: [Double] = [0.5, -0.01, 3, 2, -0.3, 1, 0.02, -4, 0.2, 5]
        let e = try MagnitudePruning.smallest(fraction: 0.5, params: p, architecture: Self.arch, scope: .layerwise)
        // W1: 3 of 6 (−0.01, −0.3, 0.5); W2: 2 of 4 (0.02, 0.2).
        #expect(e.filter { $0.layer == 0 }.count == 3 && e.filter { $0.layer == 1 }.count == 2)
        #expect(Set(e) == [EdgePosition(layer: 0, row: 0, col: 1), EdgePosition(layer: 0, row: 2, col: 0), EdgePosition(layer: 0, row: 0, col: 0),
                           EdgePosition(layer: 1, row: 0, col: 0), EdgePosition(layer: 1, row: 1, col: 0)])
    }

    @Test func neverPrunesTheLastWeightOfALayerAndRejectsBadFractions() throws {
        let small = try NetworkArchitecture.dense(widths: [2, 1, 1])   // W2 has a single weight
        let e = try MagnitudePruning.smallest(fraction: 0.9, params: [1, 2, 1e-9], architecture: small)
        #expect(!e.contains { $0.layer == 1 })
        #expect(e.count == 1 && e[0] == EdgePosition(layer: 0, row: 0, col: 0))
        #expect(throws: SparseScapeError.self) { try MagnitudePruning.smallest(fraction: 1, params: [1, 2, 3], architecture: small) }
        #expect(throws: SparseScapeError.self) { try MagnitudePruning.smallest(fraction: .nan, params: [1, 2, 3], architecture: small) }
        #expect(throws: SparseScapeError.self) { try MagnitudePruning.smallest(fraction: 0.5, params: [1, 2], architecture: small) }
        #expect(try MagnitudePruning.smallest(fraction: 0, params: [1, 2, 3], architecture: small).isEmpty)
    }
}
