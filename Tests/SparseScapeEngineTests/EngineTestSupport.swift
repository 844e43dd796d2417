import Foundation
import Testing
@testable import SparseScapeEngine
import SparseScapeCore

/// All engine tests run one after another: the machine has few cores.
@Suite(.serialized) struct EngineTests {}

/// Helpers shared by the engine tests: sessions driven step by step, with analyses and jobs run synchronously.
enum EngineTestSupport {
    /// A session on a preset with its recommended optimizer (or the one given).
    static func session(_ preset: String, kind: OptimizerKind? = nil, lr: Double? = nil, seed: UInt64 = 1, start: [Double]? = nil,
                        running: Bool = true, grid: Int = 21) throws -> ExplorerSession {
        let config = try PresetLibrary.load(preset)
        let k = kind ?? config.optimizer ?? .gd
        let settings = try OptimizerSettings(kind: k, learningRate: lr ?? (kind == nil ? config.learningRate : nil))
        return try ExplorerSession(config: config, optimizer: settings, seed: seed, start: start, sliceGrid: grid, running: running)
    }

    /// Answers every analysis the session asks for and runs every background job it queued, synchronously.
    static func answer(_ s: ExplorerSession) {
        for _ in 0..<10 {
            var did = false
            if let r = s.nextAnalysis() { s.merge(AnalysisWorker.execute(r)); did = true }
            for job in s.takeJobs() { s.merge(job.execute(shouldStop: { false })); did = true }
            if !did { return }
        }
    }

    /// Advances in chunks of `chunk` steps, answering analyses after each, until `condition` holds or `maxSteps` are
    /// taken or the session stops wanting steps; returns whether the condition held.
    @discardableResult
    static func drive(_ s: ExplorerSession, maxSteps: Int = 200_000, chunk: Int = 100, until condition: (EngineSnapshot) -> Bool) -> Bool {
        var taken = 0
        answer(s)
        while taken < maxSteps {
            if condition(s.snapshot()) { return true }
            let k = s.advance(maxSteps: chunk)
            taken += k
            answer(s)
            if k == 0 && !s.wantsSteps { break }
        }
        return condition(s.snapshot())
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

    /// theorem5's global minimum (closed form, certified in the core tests).
    static let theorem5Global = 0.16564104506071
}
