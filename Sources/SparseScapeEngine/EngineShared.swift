import Dispatch
import Synchronization
import SparseScapeCore

/// State shared by the engine's callers, its optimizer thread, its analysis thread and its background jobs.
///
/// Every stored property is immutable, a `Mutex`, an `Atomic` or a `DispatchSemaphore`, so the class is `Sendable`
/// without `@unchecked`.
final class EngineShared: Sendable {
    /// The network as loaded (for exports: name, data fingerprint).
    let config: NetworkConfig
    /// The seed of the slices' random directions (for exports).
    let directionSeed: UInt64

    /// The latest published snapshot (the mailbox the UI reads).
    let snapshot: Mutex<EngineSnapshot>
    /// Commands not yet applied, oldest first.
    let commands = Mutex<[EngineCommand]>([])
    /// Set when `commands` is non-empty (checked by the optimizer every step).
    let commandsPending = Atomic<Bool>(false)
    /// Set by `stop()`; background jobs poll it to cancel.
    let stopRequested = Atomic<Bool>(false)
    /// The session's command generation; analysis requests of older generations are skipped.
    let generation = Atomic<Int>(0)
    /// Wakes the optimizer thread while it waits.
    let optimizerWake = DispatchSemaphore(value: 0)
    /// Wakes the analysis thread.
    let analysisWake = DispatchSemaphore(value: 0)
    /// The latest analysis request (a newer one replaces an unstarted older one).
    let analysisRequest = Mutex<AnalysisRequest?>(nil)
    /// Analysis results and finished background jobs not yet merged by the optimizer thread.
    let analysisResults = Mutex<[AnalysisResult]>([])
    let backgroundResults = Mutex<[BackgroundResult]>([])
    /// Set when `analysisResults` or `backgroundResults` has something.
    let resultsPending = Atomic<Bool>(false)
    /// One semaphore per background job started, signalled when it ends (joined by `stop()`).
    let jobsDone = Mutex<[DispatchSemaphore]>([])

    /// Shared state around a first snapshot.
    init(config: NetworkConfig, directionSeed: UInt64, first: EngineSnapshot) {
        self.config = config
        self.directionSeed = directionSeed
        self.snapshot = Mutex(first)
    }

    /// True once `stop()` was called.
    var stopping: Bool { stopRequested.load(ordering: .acquiring) }

    /// Hands an analysis result to the optimizer thread and wakes it.
    func post(_ result: AnalysisResult) {
        analysisResults.withLock { $0.append(result) }
        resultsPending.store(true, ordering: .releasing)
        optimizerWake.signal()
    }

    /// Hands a finished background job to the optimizer thread and wakes it.
    func post(_ result: BackgroundResult) {
        backgroundResults.withLock { $0.append(result) }
        resultsPending.store(true, ordering: .releasing)
        optimizerWake.signal()
    }
}
