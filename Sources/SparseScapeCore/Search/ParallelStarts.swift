import Foundation
import Synchronization

/// Runs independent seeded starts on every core and collects their results in start order.
///
/// Each start i gets its own random stream (`SeededGenerator(seed:stream: i)`), so results never depend on thread
/// timing. OpenBLAS is pinned to one thread (the starts themselves are the parallelism). The first error thrown by a
/// start is rethrown after all workers stop.
public enum ParallelStarts {
    /// Runs `body(i, rng)` for i in 0..<count; `progress(done, count)` is called from worker threads after each.
    public static func run<T: Sendable>(count: Int, seed: UInt64, progress: (@Sendable (Int, Int) -> Void)? = nil,
                                        _ body: @Sendable (Int, inout SeededGenerator) throws -> T) throws -> [T] {
        let results = Mutex<[T?]>(Array(repeating: nil, count: count))
        let firstError = Mutex<SparseScapeError?>(nil)
        let done = Atomic<Int>(0), next = Atomic<Int>(0)
        let workers = min(count, max(1, ProcessInfo.processInfo.activeProcessorCount))
        BLASThreads.holdingSingle { DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if i >= count { break }
                var rng = SeededGenerator(seed: seed, stream: i)
                do {
                    let r = try body(i, &rng)
                    results.withLock { $0[i] = r }
                } catch {
                    let e = (error as? SparseScapeError) ?? SparseScapeError("\(error)")
                    firstError.withLock { if $0 == nil { $0 = e } }
                }
                progress?(done.wrappingAdd(1, ordering: .relaxed).newValue, count)
            }
        } }
        if let e = firstError.withLock({ $0 }) { throw e }
        return results.withLock { $0 }.compactMap { $0 }
    }
}
