import Dispatch
import Foundation
import Synchronization
import SparseScapeCore

/// The real engine: an `ExplorerSession` stepped on an optimizer thread at the chosen pace, an analysis thread slicing
/// and certifying, background threads for searches and paths, and a lock-protected snapshot mailbox that the UI
/// reads without ever waiting for the solver.
///
/// Commands are queued and applied between steps. `stop()` cancels background jobs and joins every thread before it
/// returns. All stored state is immutable, a `Mutex`, an `Atomic` or a semaphore, so the class is `Sendable` without
/// `@unchecked`.
public final class ExplorerEngine: EngineControlling {
    /// What reviving a pruned weight does (for the help screen).
    public static let reviveRule = ReviveRule.text
    /// Restarts of the background search (`runSearch`).
    public static let searchRestarts = ExplorerSession.searchRestarts
    /// The optimizers the next-optimizer command cycles through, in order.
    public static let optimizerCycle = ExplorerSession.optimizerCycle

    let shared: EngineShared
    private let optimizerDone = DispatchSemaphore(value: 0)
    private let analysisDone = DispatchSemaphore(value: 0)
    /// True once the threads were joined (makes `stop()` idempotent; held while joining).
    private let joined = Mutex<Bool>(false)
    /// Serialises exports so two exports in the same second get distinct names.
    let exportLock = Mutex<Int>(0)

    /// Starts an engine on `config` from `start` (default: its start point, or a Gaussian one from `seed`).
    ///
    /// - Parameters:
    ///   - sliceGrid: slice points per axis (2…1001).
    ///   - sliceSpan: base half-width of the slice plane (scaled by the point's size for unit directions).
    ///   - startRunning: false starts paused.
    ///   - speed: the pace of the descent.
    /// - Throws: `SparseScapeError` when the network, optimizer or start point cannot be used.
    public init(config: NetworkConfig, optimizer: OptimizerSettings, seed: UInt64, start: [Double]? = nil, sliceGrid: Int = 61,
                sliceSpan: Double = 1.0, startRunning: Bool = true, speed: DescentSpeed = .standard) throws {
        let placeholder = EngineSnapshot(name: config.name, architecture: config.architecture, params: [], iteration: 0, loss: .nan,
                                         gradientNorm: .nan, optimizer: optimizer.kind, learningRate: optimizer.learningRate,
                                         running: false, verdict: .paused)
        let shared = EngineShared(config: config, directionSeed: SessionRandomness.directionSeed(for: seed), first: placeholder)
        self.shared = shared
        let started = DispatchSemaphore(value: 0)
        let startError = Mutex<SparseScapeError?>(nil)
        let optimizerDone = self.optimizerDone, analysisDone = self.analysisDone
        let optimizerThread = Thread {
            let session: ExplorerSession
            do {
                session = try ExplorerSession(config: config, optimizer: optimizer, seed: seed, start: start, sliceGrid: sliceGrid,
                                              sliceSpan: sliceSpan, running: startRunning, speed: speed)
            } catch {
                startError.withLock { $0 = (error as? SparseScapeError) ?? SparseScapeError("\(error)") }
                started.signal()
                optimizerDone.signal()
                return
            }
            SessionRunner(session: session, shared: shared, started: started).run()
            optimizerDone.signal()
        }
        optimizerThread.name = "SparseScape optimizer"
        optimizerThread.start()
        started.wait()
        if let e = startError.withLock({ $0 }) {
            optimizerDone.wait()
            shared.stopRequested.store(true, ordering: .releasing)
            joined.withLock { $0 = true }
            throw e
        }
        let analysisThread = Thread {
            AnalysisWorker(shared: shared).run()
            analysisDone.signal()
        }
        analysisThread.name = "SparseScape analysis"
        analysisThread.start()
    }

    deinit { stop() }

    /// The most recently published snapshot (a copy taken under the mailbox lock; never waits for the solver).
    public func latestSnapshot() -> EngineSnapshot {
        shared.snapshot.withLock { $0 }
    }

    /// Queues a command for the optimizer thread (ignored after `stop()`).
    public func send(_ command: EngineCommand) {
        guard !shared.stopping else { return }
        let shared = self.shared
        shared.commands.withLock { queue in
            queue.append(command)
            shared.commandsPending.store(true, ordering: .releasing)
        }
        shared.optimizerWake.signal()
    }

    /// Stops every thread, cancelling background searches and paths, and waits for them; safe to call more than once.
    public func stop() {
        let shared = self.shared
        joined.withLock { done in
            if done { return }
            shared.stopRequested.store(true, ordering: .releasing)
            shared.optimizerWake.signal()
            shared.analysisWake.signal()
            optimizerDone.wait()
            analysisDone.wait()
            // The optimizer thread is gone, so no new job can start; running ones poll `stopping` and end soon.
            let jobs = shared.jobsDone.withLock { s -> [DispatchSemaphore] in defer { s.removeAll() }; return s }
            for j in jobs { j.wait() }
            done = true
        }
    }
}
