import Testing
@testable import SparseScapeCore
import SparseScapeWording

/// The text renderers of SparseScapeWording, on values built by hand: trees, plurals, sections left out when empty.
@Suite struct WordingTests {
    /// Three minima joined by saddles at 5 (M1–M2) and 3 (M2–M3): M2 and M3 merge at 3 (S1), then M1 joins them at 5 (S2).
    @Test func disconnectivityTreeDrawsTheMergesAboveTheBasins() {
        let minima = (1...3).map { LandscapeMinimum(id: $0, loss: Double($0), classification: .localMinimum, spurious: nil, count: 1, params: []) }
        let saddles = [LandscapeSaddle(id: 1, loss: 3, index: 1, joins: [2, 3], sides: [], source: "t", params: []),
                       LandscapeSaddle(id: 2, loss: 5, index: 1, joins: [1, 2], sides: [], source: "t", params: []),
                       LandscapeSaddle(id: 3, loss: 9, index: 1, joins: [1, 3], sides: [], source: "t", params: [])]
        let map = LandscapeMap(minima: minima, saddles: saddles, barriers: Landscape.lowestBarriers(minima, saddles), valleys: [], starts: 0)
        #expect(LandscapeReport.tree(map) == ["┬ L = 5  (S2)", "├─M1  L = 1", "└─┬ L = 3  (S1)", "  ├─M2  L = 2", "  └─M3  L = 3"])
    }
}
