import Testing
import SparseScapeCore
import SparseScapeEngine
@testable import SparseScapeUI

/// The UI words the engine's typed events and verdicts, naming keys as the key table binds them.
@Suite struct EventWordingTests {
    @Test func refusalsAndHintsNameTheKeysOfTheKeyTable() {
        #expect(KeyTable.key(for: .step) == "n")
        #expect(KeyTable.key(for: .runSearch) == "S")
        #expect(KeyTable.key(for: .toggleRunning) == "space")
        #expect(EventWording.text(.refused(.stepWhileRunning)) == "n steps only while paused")
        #expect(EventWording.text(.refused(.noBestKnown)) == "no best-known point yet (try a search: S)")
        #expect(EventWording.text(.stillConverged) == "converged: perturb (p), restart (R) or change the network to move on")
        #expect(EventWording.text(.pathOutdated).hasSuffix("press P again"))
        #expect(EventWording.text(.pruneFractionChanged(0.3)) == "the pruning key (m) removes 30% of the live weights")
        #expect(VerdictWording.text(.slow(gradientNorm: 5.48e-4)).contains("not critical (|∇L| = 0.000548)"))
        #expect(VerdictWording.text(.slow(gradientNorm: 1)).contains("try o (another optimizer"))
    }

    @Test func verdictsSayNoMoreThanTheCertificate() {
        #expect(VerdictWording.text(.localMinimum(loss: 8)) == "local minimum L = 8; no lower point known")
        #expect(VerdictWording.text(.globalMinimum(loss: 0.5)) == "global minimum (proven) L = 0.5")
        #expect(VerdictWording.text(.escaping(limit: 0.190983)).contains("0.190983"))
        #expect(VerdictWording.compactText(.spuriousMinimum(loss: 8, bestKnown: 0.1656)) == "spurious min L 8 (best 0.1656)")
    }

    @Test func eachEventKindHasItsOwnWording() {
        let e = EdgePosition(layer: 0, row: 1, col: 2)
        let failures = [EventWording.text(.failed(.job(.search, "x"))), EventWording.text(.failed(.job(.path, "x"))),
                        EventWording.text(.failed(.job(.basins, "x"))), EventWording.text(.failed(.searchSetup("x")))]
        #expect(failures == ["search failed: x", "path: x", "basins: x", "search: x"])
        #expect(EventWording.text(.refused(.noSuchEdge(e, widths: [3, 2, 3]))) == "no edge (layer 0, row 1, col 2) in widths [3, 2, 3]")
        #expect(EventWording.text(.optimizerChanged(.lm, stepSize: 1)) == "optimizer lm")
        #expect(EventWording.text(.optimizerChanged(.gd, stepSize: 0.05)) == "optimizer gd (step 0.05)")
    }

    @Test func theOptimizerKeyListsTheEnginesCycle() throws {
        let entry = try #require(KeyTable.entries.first { $0.action == .command(.cycleOptimizer) })
        #expect(entry.description == "next optimizer: " + ExplorerEngine.optimizerCycle.map(\.rawValue).joined(separator: ", "))
        #expect(ExplorerEngine.optimizerCycle.contains(.lm))
    }
}
