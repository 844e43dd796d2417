import Testing
import SparseScapeTestSupport
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

    /// Counts take the noun in their number.
    @Test func countsTakeTheNounInTheirNumber() {
        #expect(Plural.count(1, "run") == "1 run" && Plural.count(0, "run") == "0 runs" && Plural.count(2, "run") == "2 runs")
        #expect(Plural.count(1, "minimum", "minima") == "1 minimum" && Plural.count(3, "minimum", "minima") == "3 minima")
    }

    /// A map with one minimum has no barriers between minima: the section is left out; with two it is there.
    @Test func landscapeLeavesOutTheBarriersOfASingleMinimum() {
        let one = [LandscapeMinimum(id: 1, loss: 1, classification: .globalMinimum, spurious: nil, count: 1, params: [])]
        let single = LandscapeReport.text(LandscapeMap(minima: one, saddles: [], barriers: [], valleys: [], starts: 1), name: "n")
        #expect(!single.contains("lowest barriers"))
        #expect(single.hasPrefix("n: landscape from 1 critical-point start: 1 minimum, 0 index-1 saddles, 0 valleys at infinity"))
        let two = one + [LandscapeMinimum(id: 2, loss: 2, classification: .localMinimum, spurious: true, count: 3, params: [])]
        let saddle = [LandscapeSaddle(id: 1, loss: 4, index: 1, joins: [1, 2], sides: ["M1", "M2"], source: "t", params: [])]
        let pair = LandscapeReport.text(LandscapeMap(minima: two, saddles: saddle, barriers: Landscape.lowestBarriers(two, saddle),
                                                     valleys: [], starts: 2), name: "n")
        #expect(pair.contains("2 minima, 1 index-1 saddle, 0 valleys"))
        #expect(pair.contains("lowest barriers between minima:\n  M1–M2     pass at L = 4, 2 above the higher minimum"))
    }

    /// `search` words one end point in the singular.
    @Test func searchWordsOneEndPointInTheSingular() throws {
        let r = try CLIRunner.run(["search", "appendix-a", "--restarts", "4"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("appendix-a: 4 random starts (seed 0), optimizer lm: 1 distinct end point\n"), "\(r.stdout)")
    }

    /// `path` says what to do when the band did not relax.
    @Test func pathGivesAdviceWhenTheBandDidNotRelax() throws {
        let r = try CLIRunner.run(["path", "theorem5", "--from", "spurious-minimum", "--to", "best-found", "--iterations", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("(NOT converged)\n  the band did not relax to the force tolerance in 2 iterations"))
        #expect(r.stdout.contains("give it more --iterations, or more --images"))
    }

    /// `analyze` names the conditions of Theorem 2 that do not hold as conditions not met.
    @Test func analyzeNamesTheConditionsOfTheorem2NotMet() throws {
        let r = try CLIRunner.run(["analyze", "table1-row1"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Theorem 2 does not apply (conditions not met: feature blocks orthogonal (X_iᵀX_j = 0))"))
        #expect(!r.stdout.contains("Theorem 2 fails"))
    }
}
