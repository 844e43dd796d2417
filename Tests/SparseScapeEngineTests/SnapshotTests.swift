import Foundation
import Testing
@testable import SparseScapeEngine
import SparseScapeCore

/// The threaded engine around the session: the first snapshot is there when it starts, and stop() joins every
/// thread, also with a background search running (no wall-clock polling here: the end-to-end tests time it).
extension EngineTests {
    @Test func engineStartsWithASnapshotOfItsStartPointAndStopsTwice() throws {
        let config = try PresetLibrary.load("theorem5")
        let engine = try ExplorerEngine(config: config, optimizer: try OptimizerSettings(kind: .gd, learningRate: 0.05), seed: 1,
                                        startRunning: false)
        let snap = engine.latestSnapshot()
        #expect(snap.version >= 1)
        #expect(snap.params == config.startPoint(seed: 1))
        #expect(snap.loss == (try config.lossFunction()).loss(snap.params))
        #expect(snap.pauseReason == .user && !snap.running)
        engine.stop()
        engine.stop()
    }

    @Test(.timeLimit(.minutes(1)))
    func stopCancelsARunningSearchAndJoins() throws {
        let engine = try ExplorerEngine(config: try PresetLibrary.load("theorem5"), optimizer: try OptimizerSettings(kind: .gd),
                                        seed: 1)
        engine.send(.runSearch)
        engine.send(.computePath)
        engine.stop()
        // Every background job was waited for, and nothing publishes any more.
        #expect(engine.shared.stopping)
        #expect(engine.shared.jobsDone.withLock { $0.isEmpty })
        let queued = engine.shared.commands.withLock { $0.count }
        let version = engine.latestSnapshot().version
        engine.send(.perturb)   // ignored after stop
        #expect(engine.shared.commands.withLock { $0.count } == queued)
        #expect(engine.latestSnapshot().version == version)
    }

    @Test func engineRejectsBadArgumentsUpFront() throws {
        let config = try PresetLibrary.load("theorem5")
        let gd = try OptimizerSettings(kind: .gd)
        #expect(throws: SparseScapeError.self) { try ExplorerEngine(config: config, optimizer: gd, seed: 0, start: [1]) }
        #expect(throws: SparseScapeError.self) { try ExplorerEngine(config: config, optimizer: gd, seed: 0, sliceGrid: 5000) }
        #expect(throws: SparseScapeError.self) { try ExplorerEngine(config: config, optimizer: gd, seed: 0, sliceSpan: -1) }
    }
}
