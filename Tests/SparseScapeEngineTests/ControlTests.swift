import Foundation
import Testing
@testable import SparseScapeEngine
import SparseScapeCore

/// Every command's effect on the session, checked value by value.
extension EngineTests {
    @Test func pauseStopsAndStepAdvancesExactlyOne() throws {
        let s = try EngineTestSupport.session("theorem5", kind: .gd, lr: 0.05)
        s.advance(maxSteps: 10)
        s.apply(.toggleRunning)
        #expect(!s.wantsSteps && s.snapshot().verdict == .paused && s.snapshot().pauseReason == .user)
        #expect(s.advance(maxSteps: 100) == 0)
        let it = s.snapshot().iteration
        s.apply(.step)
        #expect(s.snapshot().iteration == it + 1)
        s.apply(.toggleRunning)
        s.apply(.step)
        guard case .refused = s.snapshot().event else { Issue.record("n while running was not refused"); return }
    }

    @Test func resetReturnsToTheStartAndIterationZero() throws {
        let s = try EngineTestSupport.session("theorem5", kind: .gd, lr: 0.05)
        let start = s.snapshot().params
        s.advance(maxSteps: 500)
        s.apply(.toggleEdge(layer: 1, row: 0, col: 0))
        s.apply(.reset)
        let snap = s.snapshot()
        #expect(snap.iteration == 0 && snap.params == start && snap.maskChanges.isEmpty && !snap.canUndo)
        #expect(snap.history.map(\.iteration) == [0])
    }

    @Test func randomRestartAndPerturbMoveThePointAndStartANewHistorySegment() throws {
        let s = try EngineTestSupport.session("theorem5", kind: .gd, lr: 0.05)
        s.advance(maxSteps: 300)
        let a = s.snapshot()
        s.apply(.randomRestart)
        let b = s.snapshot()
        #expect(b.params != a.params && b.iteration == a.iteration)
        #expect(b.history.last?.iteration == b.iteration && b.history.last?.loss == b.loss)
        s.apply(.perturb)
        let c = s.snapshot()
        let d = zip(b.params, c.params).map { abs($0 - $1) }.max() ?? 0
        #expect(d > 0 && d < 1)
    }

    @Test func speedSlicesZoomAndGridFollowTheirKeys() throws {
        let s = try EngineTestSupport.session("theorem5", kind: .gd, lr: 0.05)
        #expect(s.snapshot().speed == .standard && s.snapshot().speed.stepsPerSecond == 100)
        s.apply(.changeSpeed(1))
        #expect(s.snapshot().speed.stepsPerSecond == 300)
        for _ in 0..<20 { s.apply(.changeSpeed(1)) }
        #expect(s.snapshot().speed.isUnlimited)
        for _ in 0..<20 { s.apply(.changeSpeed(-1)) }
        #expect(s.snapshot().speed.stepsPerSecond == 1)
        EngineTestSupport.answer(s)
        let span = try #require(s.snapshot().slice?.span)
        s.apply(.zoomSlice(1))
        EngineTestSupport.answer(s)
        #expect(abs((s.snapshot().slice?.span ?? 0) - span / 2) < 1e-12 * span)
        s.apply(.refineSlice(1))
        EngineTestSupport.answer(s)
        #expect(s.snapshot().slice?.grid == 31)
        s.apply(.refineSlice(-2))
        EngineTestSupport.answer(s)
        #expect(s.snapshot().slice?.grid == 21)
    }

    @Test func scaleStepSizeChangesTheLearningRateWithinBounds() throws {
        let s = try EngineTestSupport.session("theorem5", kind: .gd, lr: 0.05)
        s.apply(.scaleStepSize(2))
        #expect(s.snapshot().learningRate == 0.1)
        for _ in 0..<60 { s.apply(.scaleStepSize(0.5)) }
        #expect(s.snapshot().learningRate == 1e-8)
        s.apply(.scaleStepSize(-1))
        guard case .refused = s.snapshot().event else { Issue.record("a negative factor was not refused"); return }
    }

    @Test func cycleOptimizerVisitsLbfgsNewtonAndLMAndSkipsBCDWhereItDoesNotApply() throws {
        let s = try EngineTestSupport.session("theorem5", kind: .gd)
        var seen: [OptimizerKind] = []
        for _ in 0..<7 { s.apply(.cycleOptimizer); seen.append(s.snapshot().optimizer) }
        #expect(seen == [.armijo, .momentum, .adam, .lbfgs, .newton, .lm, .gd])
        let t = try EngineTestSupport.session("table1-row1", kind: .gd)
        var kinds: [OptimizerKind] = []
        for _ in 0..<7 { t.apply(.cycleOptimizer); kinds.append(t.snapshot().optimizer) }
        #expect(kinds.contains(.bcd))
    }

    @Test(arguments: [OptimizerKind.lbfgs, .newton, .armijo])
    func secondOrderAndLineSearchOptimizersConvergeAndCertifyInTheExplorer(kind: OptimizerKind) throws {
        let s = try EngineTestSupport.session("theorem5", kind: kind, seed: 3)
        #expect(EngineTestSupport.drive(s, maxSteps: 50_000, chunk: 20) { $0.pauseReason == .converged })
        let snap = s.snapshot()
        let c = try #require(snap.certificate)
        #expect(c.classification.isMinimum || c.classification == .saddle)
        #expect(abs(c.loss - 8) < 1e-6 || abs(c.loss - EngineTestSupport.theorem5Global) < 1e-6)
        #expect(EngineTestSupport.allFinite(snap))
    }

    @Test func hugeStepDivergesStopsAndStaysFinite() throws {
        let s = try EngineTestSupport.session("theorem5", kind: .gd, lr: 50)
        EngineTestSupport.drive(s, maxSteps: 5000) { $0.verdict == .diverged }
        let snap = s.snapshot()
        #expect(snap.verdict == .diverged && snap.pauseReason == .failure && !snap.running)
        guard case .diverged(_, .gd, 50) = snap.event else { Issue.record("event \(String(describing: snap.event))"); return }
        #expect(EngineTestSupport.allFinite(snap))
        s.apply(.scaleStepSize(1e-3))
        s.apply(.toggleRunning)
        s.apply(.toggleRunning)
        #expect(s.wantsSteps)
    }

    @Test func slicesFollowTheDirectionCycleAndTowardBestPutsTheBestAtAlphaOne() throws {
        let s = try EngineTestSupport.session("theorem5", kind: .gd, lr: 0.05)
        EngineTestSupport.answer(s)
        #expect(s.snapshot().slice?.directions == "random")
        s.apply(.cycleDirections)
        EngineTestSupport.answer(s)
        #expect(s.snapshot().slice?.directions == "normalized")
        s.apply(.cycleDirections)
        EngineTestSupport.answer(s)
        #expect(s.snapshot().slice?.directions == "hessian")
        s.apply(.cycleDirections)
        EngineTestSupport.answer(s)
        let slice = try #require(s.snapshot().slice)
        #expect(slice.directions == "toward:best")
        let b = try #require(slice.bestKnown)
        #expect(abs(b.alpha - 1) < 1e-9 && abs(b.beta) < 1e-9)
        s.apply(.toggleFollow)
        s.advance(maxSteps: 500)
        EngineTestSupport.answer(s)
        let frozen = try #require(s.snapshot().slice)
        #expect(frozen.frozen && frozen.center == slice.center)
    }

    @Test func searchAdoptsItsLowestMinimumAsBestKnown() throws {
        let s = try EngineTestSupport.session("theorem5", kind: .gd, lr: 0.05)
        s.apply(.runSearch)
        #expect(s.snapshot().background.search)
        EngineTestSupport.answer(s)
        let snap = s.snapshot()
        #expect(!snap.background.search)
        guard case .searchFinished(let restarts, let minima, let lowest?, _) = snap.event else {
            Issue.record("event \(String(describing: snap.event))"); return
        }
        #expect(restarts == ExplorerSession.searchRestarts && minima >= 1)
        #expect(abs(lowest - EngineTestSupport.theorem5Global) < 1e-9)
        #expect(abs((snap.bestKnown?.loss ?? 0) - EngineTestSupport.theorem5Global) < 1e-9)
    }

    @Test func startsFromAGivenPointAndRejectsBadOnes() throws {
        let config = try PresetLibrary.load("appendix-a")
        let point = try #require(config.point("escape-start"))
        let s = try EngineTestSupport.session("appendix-a", start: point)
        let f = try config.lossFunction()
        #expect(s.snapshot().params == point && s.snapshot().loss == f.loss(point))
        #expect(throws: SparseScapeError.self) { try EngineTestSupport.session("appendix-a", start: [1, 2]) }
        #expect(throws: SparseScapeError.self) { try EngineTestSupport.session("appendix-a", start: point.map { _ in .nan }) }
        #expect(throws: SparseScapeError.self) {
            try ExplorerSession(config: config, optimizer: try OptimizerSettings(kind: .gd), seed: 0, sliceGrid: 1)
        }
    }
}
