import CLapack
import Foundation
import Synchronization

/// Chooses how many threads OpenBLAS may use: one for small problems, all cores for large ones, and one throughout
/// while independent jobs already run on every core (`holdingSingle`).
public enum BLASThreads {
    /// Work (in multiply-adds) from which more than one thread pays off.
    public static let parallelThreshold = 1 << 50

    private static let current = Atomic<Int>(0)
    /// How many callers hold OpenBLAS at one thread (parallel jobs, the explorer's threads).
    private static let holds = Atomic<Int>(0)

    /// Sets OpenBLAS's thread count for work of the given size (only calls into OpenBLAS on change); keeps one thread
    /// while a hold is active.
    public static func configure(forWork work: Int) {
        if holds.load(ordering: .relaxed) > 0 { return }
        let wanted = work >= parallelThreshold ? maxThreads : 1
        if current.load(ordering: .relaxed) != wanted {
            current.store(wanted, ordering: .relaxed)
            openblas_set_num_threads(Int32(wanted))
        }
    }

    /// Pins OpenBLAS to a single thread (the default for the small problems of the paper).
    public static func pinSingle() {
        current.store(1, ordering: .relaxed)
        openblas_set_num_threads(1)
    }

    /// Runs `body` with OpenBLAS held at one thread (for work that runs on every core by itself: a thread of OpenBLAS
    /// would only spin beside it), then lets `configure` choose again.
    public static func holdingSingle<T>(_ body: () throws -> T) rethrows -> T {
        holds.wrappingAdd(1, ordering: .relaxed)
        pinSingle()
        defer { holds.wrappingSubtract(1, ordering: .relaxed) }
        return try body()
    }

    /// The number of processors OpenBLAS sees, at most `OPENBLAS_NUM_THREADS` when set (`AddressSpace` sets it to 1
    /// under a tight address-space limit: every OpenBLAS thread needs a 128 MiB buffer).
    public static var maxThreads: Int {
        let procs = max(1, Int(openblas_get_num_procs()))
        guard let raw = getenv("OPENBLAS_NUM_THREADS"), let n = Int(String(cString: raw)), n >= 1 else { return procs }
        return min(procs, n)
    }
}
