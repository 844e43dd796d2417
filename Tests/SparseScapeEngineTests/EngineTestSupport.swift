import Foundation
import Testing
@testable import SparseScapeEngine
import SparseScapeCore

/// All engine tests run one after another: each engine keeps a core busy, and the machine has few.
@Suite(.serialized) struct EngineTests {}

/// Helpers shared by the engine tests.
enum EngineTestSupport {
    /// An engine on a preset with its recommended optimizer (or the one given).
    static func engine(_ preset: String, kind: OptimizerKind? = nil, lr: Double? = nil, seed: UInt64 = 1,
                       startRunning: Bool = true, grid: Int = 21) throws -> ExplorerEngine {
        let config = try PresetLibrary.load(preset)
        let k = kind ?? config.optimizer ?? .gd
        let settings = try OptimizerSettings(kind: k, learningRate: lr ?? (kind == nil ? config.learningRate : nil))
        return try ExplorerEngine(config: config, optimizer: settings, seed: seed, sliceGrid: grid, startRunning: startRunning)
    }

    /// Polls the engine's snapshot until `condition` holds or `timeout` seconds pass; returns the last snapshot and whether it held.
    @discardableResult
    static func waitFor(_ engine: ExplorerEngine, timeout: Double = 8, _ condition: (EngineSnapshot) -> Bool) -> (EngineSnapshot, Bool) {
        let deadline = Date().addingTimeInterval(timeout)
        var snap = engine.latestSnapshot()
        while Date() < deadline {
            snap = engine.latestSnapshot()
            if condition(snap) { return (snap, true) }
            Thread.sleep(forTimeInterval: 0.005)
        }
        snap = engine.latestSnapshot()
        return (snap, condition(snap))
    }

    /// True when every number the UI could draw is finite.
    static func allFinite(_ s: EngineSnapshot) -> Bool {
        guard s.loss.isFinite, s.gradientNorm.isFinite, s.stepsPerSecond.isFinite, s.learningRate.isFinite else { return false }
        guard s.params.allSatisfy({ $0.isFinite }) else { return false }
        guard s.history.allSatisfy({ $0.loss.isFinite && $0.gradientNorm.isFinite }) else { return false }
        if let slice = s.slice {
            guard slice.values.allSatisfy({ $0.isFinite }), slice.span.isFinite,
                  (slice.path + [slice.current]).allSatisfy({ $0.alpha.isFinite && $0.beta.isFinite }) else { return false }
        }
        return true
    }

    /// A fresh empty temporary directory.
    static func temporaryDirectory() throws -> String {
        let dir = NSTemporaryDirectory() + "sparsescape-engine-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// True for a spurious-minimum verdict.
    static func isSpurious(_ v: EngineVerdict) -> Bool {
        if case .spuriousMinimum = v { return true }
        return false
    }
}
