import Foundation
import Testing
@testable import SparseScapeEngine
import SparseScapeCore

/// The explorer's verdict is the certificate's: "global" only with its proof.
extension EngineTests {
    /// Table 1 row 1 (d_y = 2, sparse): the lowest minimum a search finds has no closed form and no lower point, so
    /// the explorer says "local minimum; no lower point known", never "global".
    @Test func aLowestMinimumWithoutProofIsNeverCalledGlobal() throws {
        let f = try PresetLibrary.resolve("table1-row1").lossFunction()
        let search = try MultiStartSearch.run(f, settings: try SearchSettings(
            restarts: 12, seed: 5, optimizer: try OptimizerSettings(kind: .lm), rules: try StoppingRules(maxSteps: 1000, gradientTolerance: 0)))
        let lowest = try #require(search.minima.first { $0.certificate.classification == .localMinimum })
        #expect(lowest.certificate.spurious == nil && lowest.certificate.globalMinimum == nil)
        let s = try EngineTestSupport.session("table1-row1", kind: .lm, start: lowest.params)
        let certified = EngineTestSupport.drive(s, maxSteps: 2000, chunk: 10) { $0.certificate != nil && $0.pauseReason == .converged }
        #expect(certified)
        let snap = s.snapshot()
        #expect(snap.certificate?.classification == .localMinimum && snap.certificate?.spurious == nil)
        guard case .localMinimum(let l) = snap.verdict else { Issue.record("verdict \(snap.verdict)"); return }
        #expect(abs(l - lowest.loss) <= 1e-9 * max(1, lowest.loss))
        // The standing the UI words ("local minimum …; no lower point known": VerdictWording) is the certificate's.
        #expect(snap.certificate?.standing == .noLowerPointKnown)
    }

    /// theorem5's lower minimum equals the dense Eckart–Young bound: proven, so the explorer says global.
    @Test func aProvenGlobalMinimumIsCalledGlobal() throws {
        let config = try PresetLibrary.load("theorem5")
        let s = try EngineTestSupport.session("theorem5", kind: .lm, start: config.point("best-found"))
        let certified = EngineTestSupport.drive(s, maxSteps: 2000, chunk: 10) { $0.certificate != nil && $0.pauseReason == .converged }
        #expect(certified)
        let snap = s.snapshot()
        #expect(snap.certificate?.classification == .globalMinimum && snap.certificate?.spurious == false && snap.certificate?.globalReason != nil)
        guard case .globalMinimum(let l) = snap.verdict else { Issue.record("verdict \(snap.verdict)"); return }
        #expect(abs(l - EngineTestSupport.theorem5Global) < 1e-9)
        #expect(snap.certificate?.standing == .global)
    }
}
