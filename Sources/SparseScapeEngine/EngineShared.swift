import Dispatch
import Synchronization
import SparseScapeCore

/// State shared by the engine's callers, its optimizer thread, its analysis thread and its search task.
///
/// Every stored property is immutable, a `Mutex`, an `Atomic` or a `DispatchSemaphore`, so the class is `Sendable`
/// without `@unchecked`.
final class EngineShared: Sendable {
    /// The network as loaded (start point, masks, reference points, data).
    let config: NetworkConfig
    /// The optimizer settings the engine started with.
    let initialSettings: OptimizerSettings
    /// The seed of every random stream.
    let seed: UInt64
    /// Slice points per axis.
    let sliceGrid: Int
    /// Base slice half-width.
    let sliceSpan: Double

    /// The latest published snapshot (the mailbox the UI reads).
    let snapshot: Mutex<EngineSnapshot>
    /// Commands not yet applied, oldest first.
    let commands = Mutex<[EngineCommand]>([])
    /// Set when `commands` is non-empty (checked by the optimizer every step).
    let commandsPending = Atomic<Bool>(false)
    /// Set by `stop()`.
    let stopRequested = Atomic<Bool>(false)
    /// Bumped by every applied command; analysis results of older generations are dropped.
    let generation = Atomic<Int>(0)
    /// Wakes the optimizer thread while it is paused.
    let optimizerWake = DispatchSemaphore(value: 0)
    /// Wakes the analysis thread.
    let analysisWake = DispatchSemaphore(value: 0)
    /// The latest analysis request (a newer one replaces an unstarted older one).
    let analysisRequest = Mutex<AnalysisRequest?>(nil)
    /// Analysis results not yet merged by the optimizer thread.
    let analysisResults = Mutex<[AnalysisResult]>([])
    /// Set when `analysisResults` or `searchOutcome` has something.
    let resultsPending = Atomic<Bool>(false)
    /// The finished search, not yet merged.
    let searchOutcome = Mutex<SearchOutcome?>(nil)
    /// One semaphore per search task started, signalled when it ends (joined by `stop()`).
    let searchDone = Mutex<[DispatchSemaphore]>([])

    /// Shared state around a first snapshot.
    init(config: NetworkConfig, settings: OptimizerSettings, seed: UInt64, sliceGrid: Int, sliceSpan: Double, first: EngineSnapshot) {
        self.config = config
        self.initialSettings = settings
        self.seed = seed
        self.sliceGrid = sliceGrid
        self.sliceSpan = sliceSpan
        self.snapshot = Mutex(first)
    }

    /// Seed of the slices' random directions.
    var directionSeed: UInt64 { seed &+ 0x51_1CE }

    /// True once `stop()` was called.
    var stopping: Bool { stopRequested.load(ordering: .acquiring) }

    /// Hands analysis results to the optimizer thread and wakes it.
    func post(_ result: AnalysisResult) {
        analysisResults.withLock { $0.append(result) }
        resultsPending.store(true, ordering: .releasing)
        optimizerWake.signal()
    }
}
