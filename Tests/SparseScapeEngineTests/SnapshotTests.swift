import Foundation
import Testing
@testable import SparseScapeEngine
import SparseScapeCore

extension EngineTests {
    @Test func snapshotsAppearAndIterationsGrow() throws {
        let engine = try EngineTestSupport.engine("theorem5")
        defer { engine.stop() }
        let first = engine.latestSnapshot()
        #expect(first.name == "theorem5")
        #expect(first.params.count == 8)
        let (later, grew) = EngineTestSupport.waitFor(engine, timeout: 5) { $0.iteration > 10_000 }
        #expect(grew, "iteration stayed at \(later.iteration)")
        let (again, grewMore) = EngineTestSupport.waitFor(engine, timeout: 5) { $0.iteration > later.iteration }
        #expect(grewMore, "iteration stuck at \(again.iteration)")
        #expect(later.running)
        #expect(later.optimizer == .gd)
        #expect(later.learningRate == 0.05)
        #expect(EngineTestSupport.allFinite(later))
        let (rated, hasRate) = EngineTestSupport.waitFor(engine, timeout: 3) { $0.stepsPerSecond > 1000 }
        #expect(hasRate, "steps per second \(rated.stepsPerSecond)")
    }

    @Test func latestSnapshotReturnsPromptlyWhileRunning() throws {
        let engine = try EngineTestSupport.engine("theorem5")
        defer { engine.stop() }
        EngineTestSupport.waitFor(engine, timeout: 3) { $0.iteration > 1000 }
        let start = Date()
        var total = 0
        for _ in 0..<1000 { total += engine.latestSnapshot().history.count }
        let elapsed = Date().timeIntervalSince(start)
        #expect(elapsed < 1.0, "1000 snapshots took \(elapsed) s")
        #expect(total > 0)
    }

    @Test func startsPausedWhenAsked() throws {
        let engine = try EngineTestSupport.engine("theorem5", startRunning: false)
        defer { engine.stop() }
        Thread.sleep(forTimeInterval: 0.2)
        let s = engine.latestSnapshot()
        #expect(!s.running)
        #expect(s.iteration == 0)
        #expect(s.verdict == .paused)
        #expect(abs(s.loss - 83.60057957) < 1e-6)
    }

    @Test func rejectsBadArguments() throws {
        let config = try PresetLibrary.load("theorem5")
        let gd = try OptimizerSettings(kind: .gd, learningRate: 0.05)
        #expect(throws: SparseScapeError.self) { try ExplorerEngine(config: config, optimizer: gd, seed: 1, sliceGrid: 1) }
        #expect(throws: SparseScapeError.self) { try ExplorerEngine(config: config, optimizer: gd, seed: 1, sliceSpan: -1) }
        // bcd needs a dense second layer; theorem5's is pruned.
        #expect(throws: SparseScapeError.self) { try ExplorerEngine(config: config, optimizer: try OptimizerSettings(kind: .bcd), seed: 1) }
    }

    @Test func stopJoinsAndCanBeCalledTwice() throws {
        let engine = try EngineTestSupport.engine("theorem5")
        EngineTestSupport.waitFor(engine, timeout: 3) { $0.iteration > 100 }
        let start = Date()
        engine.stop()
        engine.stop()
        #expect(Date().timeIntervalSince(start) < 3)
        let frozen = engine.latestSnapshot().iteration
        Thread.sleep(forTimeInterval: 0.1)
        #expect(engine.latestSnapshot().iteration == frozen, "the optimizer kept running after stop()")
        engine.send(.step)  // ignored after stop, must not crash or hang
    }
}
