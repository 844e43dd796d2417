import Foundation
import Synchronization

/// Runs independent, deterministic jobs on every core and collects their results in index order, taking no new job
/// once one has failed or `shouldStop` is true (so a cancelled batch ends after the jobs already running).
///
/// Like `ParallelStarts` (OpenBLAS pinned to one thread, the jobs themselves being the parallelism), but without
/// random streams, and early-stopping: `ParallelStarts` still visits every index after a failure.
public enum ParallelJobs {
    /// Runs `body(k)` for k in 0..<count; `progress(done, count)` is called from worker threads after each job that
    /// completed. Throws the first error of a job, or "cancelled" when `shouldStop` ended the batch early.
    public static func run<T: Sendable>(count: Int, progress: (@Sendable (Int, Int) -> Void)? = nil,
                                        shouldStop: (@Sendable () -> Bool)? = nil,
                                        _ body: @Sendable (Int) throws -> T) throws -> [T] {
        let results = Mutex<[T?]>(Array(repeating: nil, count: count))
        let firstError = Mutex<SparseScapeError?>(nil)
        let failed = Atomic<Bool>(false), stopped = Atomic<Bool>(false)
        let done = Atomic<Int>(0), next = Atomic<Int>(0)
        let workers = min(count, max(1, ProcessInfo.processInfo.activeProcessorCount))
        BLASThreads.holdingSingle { DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while !failed.load(ordering: .relaxed) {
                if let shouldStop, shouldStop() { stopped.store(true, ordering: .relaxed); break }
                let k = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if k >= count { break }
                do {
                    let r = try body(k)
                    results.withLock { $0[k] = r }
                    progress?(done.wrappingAdd(1, ordering: .relaxed).newValue, count)
                } catch {
                    let e = (error as? SparseScapeError) ?? SparseScapeError("\(error)")
                    firstError.withLock { if $0 == nil { $0 = e } }
                    failed.store(true, ordering: .relaxed)
                }
            }
        } }
        if let e = firstError.withLock({ $0 }) { throw e }
        let collected = results.withLock { $0 }
        if stopped.load(ordering: .relaxed) && collected.contains(where: { $0 == nil }) { throw SparseScapeError("cancelled") }
        return collected.map { $0! }
    }
}
