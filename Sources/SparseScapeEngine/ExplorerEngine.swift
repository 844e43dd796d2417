import Dispatch
import Foundation
import Synchronization
import SparseScapeCore

/// The real engine: an optimizer thread stepping continuously, an analysis thread slicing and certifying, and a
/// lock-protected snapshot mailbox the UI reads without ever waiting for the solver.
///
/// Commands are queued and applied by the optimizer thread between steps. `stop()` joins every thread (and a running
/// search) before it returns. All stored state is immutable, a `Mutex`, an `Atomic` or a semaphore, so the class is
/// `Sendable` without `@unchecked`.
public final class ExplorerEngine: EngineControlling {
    /// What reviving a pruned weight does (for the help screen).
    public static let reviveRule =
        "a revived weight starts at 0.1·s·N(0,1), where s is the RMS of its layer's current free weights (1 if they are all zero)"
    /// Restarts of the background search (`runSearch`).
    public static let searchRestarts = 16

    let shared: EngineShared
    private let optimizerDone = DispatchSemaphore(value: 0)
    private let analysisDone = DispatchSemaphore(value: 0)
    /// True once the threads were joined (makes `stop()` idempotent; held while joining).
    private let joined = Mutex<Bool>(false)
    /// Serialises exports so two exports in the same second get distinct names.
    let exportLock = Mutex<Int>(0)

    /// Starts an engine on `config` from its start point (or a Gaussian one from `seed`).
    ///
    /// - Parameters:
    ///   - sliceGrid: slice points per axis (2…1001).
    ///   - sliceSpan: base half-width of the slice plane (scaled by the point's size for unit directions).
    ///   - startRunning: false starts paused.
    /// - Throws: `SparseScapeError` when the network, optimizer or start point cannot be used.
    public init(config: NetworkConfig, optimizer: OptimizerSettings, seed: UInt64, sliceGrid: Int = 61, sliceSpan: Double = 1.0,
                startRunning: Bool = true) throws {
        guard (2...1001).contains(sliceGrid) else { throw SparseScapeError("the slice grid must be between 2 and 1001 points, got \(sliceGrid)") }
        guard sliceSpan.isFinite, sliceSpan > 0 else { throw SparseScapeError("the slice span must be positive and finite, got \(sliceSpan)") }
        let f = try config.lossFunction()
        guard f.parameterCount > 0 else { throw SparseScapeError("\(config.name): the network has no free weights") }
        _ = try optimizer.makeOptimizer(for: f)
        let start = config.startPoint(seed: seed)
        guard start.count == f.parameterCount else {
            throw SparseScapeError("the start point has \(start.count) values but the network has \(f.parameterCount) free weights")
        }
        guard start.allSatisfy({ $0.isFinite }) else { throw SparseScapeError("the start point contains a non-finite value") }
        let (loss, g) = f.lossAndGradient(start)
        let gnorm = g.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard loss.isFinite, gnorm.isFinite else { throw SparseScapeError("the loss at the start point is not finite") }
        let first = EngineSnapshot(
            name: config.name, architecture: f.architecture, reachability: Reachability(f.architecture), params: start,
            iteration: 0, loss: loss, gradientNorm: gnorm, optimizer: optimizer.kind, learningRate: optimizer.learningRate,
            running: startRunning, verdict: startRunning ? .descending : .paused, certificate: nil, bestKnown: nil,
            history: [HistoryPoint(iteration: 0, loss: loss, gradientNorm: gnorm)], maskChanges: [], slice: nil, message: nil,
            stepsPerSecond: 0)
        let shared = EngineShared(config: config, settings: optimizer, seed: seed, sliceGrid: sliceGrid, sliceSpan: sliceSpan, first: first)
        self.shared = shared
        let optimizerDone = self.optimizerDone, analysisDone = self.analysisDone
        let optimizerThread = Thread {
            do {
                try OptimizerLoop(shared: shared, running: startRunning).run()
            } catch {
                shared.snapshot.withLock { $0.message = "the optimizer could not start: \(error)"; $0.running = false }
            }
            optimizerDone.signal()
        }
        optimizerThread.name = "SparseScape optimizer"
        let analysisThread = Thread {
            AnalysisWorker(shared: shared).run()
            analysisDone.signal()
        }
        analysisThread.name = "SparseScape analysis"
        optimizerThread.start()
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

    /// Stops both threads and any running search, and waits for them; safe to call more than once.
    public func stop() {
        let shared = self.shared
        joined.withLock { done in
            if done { return }
            shared.stopRequested.store(true, ordering: .releasing)
            shared.optimizerWake.signal()
            shared.analysisWake.signal()
            optimizerDone.wait()
            analysisDone.wait()
            // The optimizer thread is gone, so no new search can start.
            let searches = shared.searchDone.withLock { s -> [DispatchSemaphore] in defer { s.removeAll() }; return s }
            for s in searches { s.wait() }
            done = true
        }
    }
}
