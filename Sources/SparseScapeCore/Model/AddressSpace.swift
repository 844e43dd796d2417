import CLapack
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The process's address-space limit (`ulimit -v`, RLIMIT_AS) and what the program needs of it.
///
/// Under such a limit an allocation that does not fit fails, and two parts of the process do not survive that:
/// the Swift runtime stops the program (a fatal error and a backtrace), and OpenBLAS retries for ever — its work
/// buffer (128 MiB of address space per thread that calls it, allocated on the first call) cannot be had, the
/// thread spins at 100% CPU, and `exit` waits for OpenBLAS's worker thread, which started spinning at load, so
/// the process never ends. Hence, at the start of the program (`prepareProcess`):
/// - under a limit too low for OpenBLAS's threads (the program's mapped size now, a 128 MiB buffer for every
///   thread that may call BLAS, and 512 MiB for the work), the program runs itself again with
///   `OPENBLAS_NUM_THREADS=1` so that OpenBLAS starts no worker thread at all, and limits malloc to one arena
///   (each further arena reserves 64 MiB of address space);
/// - under a limit too low for the commands (the program, a BLAS buffer for each thread that may call BLAS, a
///   margin and 64 MiB of work), it stops at once with one line that says so and the size needed (exit status 2),
///   whatever the command, rather than let some commands run and others fail;
/// and the memory budget (`MemoryBudget.current`) never exceeds what the limit leaves (`room`), so input that
/// would not fit is refused before it is read or computed on, with the budget's message.
public enum AddressSpace {
    /// Address space of OpenBLAS's work buffer for one calling thread (BUFFER_SIZE on x86-64, 128 MiB, and a page).
    public static let blasBuffer = (128 << 20) + 4096
    /// Kept free for the runtime's own needs (thread stacks, small allocations).
    public static let margin = 64 << 20
    /// Above this much room beyond the program and its BLAS buffers, OpenBLAS keeps its threads.
    static let workRoom = 512 << 20
    /// The variable marking a process already re-executed for the limit (so it never loops).
    static let restartMarker = "SPARSESCAPE_ADDRESS_SPACE_RESTART"

    /// The soft address-space limit in bytes, or nil when there is none.
    public static var limit: Int? {
        var r = rlimit()
        guard getrlimit(RLIMIT_AS_CODE, &r) == 0, r.rlim_cur != rlim_t.max else { return nil }
        return Int(clamping: r.rlim_cur)
    }

    /// RLIMIT_AS as Glibc's Swift overlay imports it.
    private static var RLIMIT_AS_CODE: __rlimit_resource_t { __rlimit_resource_t(RLIMIT_AS.rawValue) }

    /// The address space the process maps now (VmSize, from /proc/self/statm), or nil when unknown.
    public static var used: Int? {
        let fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 64)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, 63) }
        guard n > 0 else { return nil }
        var pages = 0
        for b in buffer[0..<n] {
            guard b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") else { break }
            pages = pages * 10 + Int(b - UInt8(ascii: "0"))
        }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Threads that may hold an OpenBLAS buffer at once: one per core (parallel work runs one job per core, each
    /// calling BLAS single-threaded).
    static var blasCallers: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// Bytes the limit still leaves for data and work: the limit, less what is mapped now, a BLAS buffer for every
    /// thread that may call BLAS and has none yet, and a margin; nil without a limit.
    public static func room() -> Int? {
        guard let limit else { return nil }
        // Budget checks come by the thousand in a sweep: what is mapped is read at most every 10 ms.
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let ms = Int(now.tv_sec) * 1000 + Int(now.tv_nsec) / 1_000_000
        if let last = lastRoom.withLock({ $0 }), last.limit == limit, ms - last.ms < 10 { return last.room }
        let mapped = used ?? 0
        let missing = max(0, blasCallers - mappedBLASBuffers(mapped: mapped))
        let room = max(0, limit - mapped - missing * blasBuffer - margin)
        lastRoom.withLock { $0 = (limit, ms, room) }
        return room
    }

    /// The last `room` computed, for which limit and when (milliseconds, monotonic).
    private static let lastRoom = Mutex<(limit: Int, ms: Int, room: Int)?>(nil)

    /// The last count of BLAS buffers and the mapped size it was made at: /proc/self/maps is read again only when
    /// the mapped size has moved by half a buffer since (budget checks are frequent; a new buffer moves it by 128 MiB).
    private static let bufferCount = Mutex<(mapped: Int, buffers: Int)?>(nil)

    /// `mappedBLASBuffers()`, cached while the mapped size stays within half a buffer of the last count's.
    static func mappedBLASBuffers(mapped: Int) -> Int {
        if let last = bufferCount.withLock({ $0 }), abs(mapped - last.mapped) < blasBuffer / 2 { return last.buffers }
        let n = mappedBLASBuffers()
        bufferCount.withLock { $0 = (mapped, n) }
        return n
    }

    /// The BLAS work buffers mapped so far, counted in /proc/self/maps: OpenBLAS maps each with mmap, exactly
    /// BUFFER_SIZE (128 MiB), and the kernel merges neighbouring ones into one region of k × 128 MiB (counted as k);
    /// when mmap fails OpenBLAS takes it from malloc instead (a mapping of the buffer and malloc's header, rounded up
    /// to pages). A buffer merged with another kind of mapping is not counted, so it is reserved twice: the room
    /// errs on the safe side.
    static func mappedBLASBuffers() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8) else { return 0 }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let buffer = 128 << 20, viaMalloc = (blasBuffer + 16 + page - 1) / page * page
        var count = 0
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count == 5, fields[1] == "rw-p", let dash = fields[0].firstIndex(of: "-"),
                  let start = Int(fields[0][..<dash], radix: 16), let end = Int(fields[0][fields[0].index(after: dash)...], radix: 16) else { continue }
            let size = end - start
            if size == viaMalloc { count += 1 } else if size >= buffer && size % buffer == 0 { count += size / buffer }
        }
        return count
    }

    /// What the program needs to run its commands under a limit: what it maps at the start, a BLAS buffer for every
    /// thread that may call BLAS, the margin and 64 MiB for the work itself.
    static func comfortable(mapped: Int) -> Int { mapped + blasCallers * blasBuffer + margin + (64 << 20) }

    /// What the limit is, for messages: "the address-space limit (ulimit -v) of 400 MB, where the program maps
    /// 141 MB and OpenBLAS takes 128 MiB per thread (2 threads)".
    public static func describe() -> String {
        let limit = self.limit.map { MemoryBudget.describe($0) } ?? "none"
        let mapped = used.map { MemoryBudget.describe($0) } ?? "an unknown size"
        return "the address-space limit (ulimit -v) of \(limit), where the program maps \(mapped) and OpenBLAS reserves 128 MiB per thread (\(blasCallers) threads)"
    }

    /// Run first in `main`, before other threads start and before the first BLAS call: under an address-space
    /// limit, re-executes the program without OpenBLAS worker threads when the limit is tight, and stops with a
    /// one-line error (status 2, through `_exit`: nothing to clean up yet, and a stuck worker could not be joined)
    /// when the limit is below what the commands need (`comfortable`).
    public static func prepareProcess() {
        guard let limit else { return }
        let mapped = used ?? 0
        let workers = max(0, Int(openblas_get_num_threads()) - 1)
        if limit < mapped + (workers + blasCallers) * blasBuffer + workRoom {
            if workers > 0, getenv(restartMarker) == nil {
                setenv("OPENBLAS_NUM_THREADS", "1", 1)
                setenv(restartMarker, "1", 1)
                execv("/proc/self/exe", CommandLine.unsafeArgv)
                // exec failed: go on, and refuse below if the worker may be stuck
            }
            TemporaryFiles.limitMallocArenas(1)
        }
        // Below what the commands need (the program, a BLAS buffer per calling thread, the margin and 64 MiB of
        // work), every command stops here with the same message, rather than some running and others not.
        let needed = comfortable(mapped: mapped)
        if limit < needed {
            let message = "sparsescape: error: the address-space limit (ulimit -v) of \(MemoryBudget.describe(limit)) is too low: "
                + "the program maps \(MemoryBudget.describe(mapped)) and OpenBLAS needs 128 MiB for the work buffer of each of \(blasCallers) threads; "
                + "raise it to at least \(MemoryBudget.describe(needed)), or remove it\n"
            var bytes = Array(message.utf8)
            _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
            _exit(2)
        }
    }
}
