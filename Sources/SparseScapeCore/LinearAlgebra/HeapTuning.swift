import CMalloc

/// glibc's allocator set up for the large temporaries of dense second-order steps (Gauss–Newton and Hessian matrices
/// of a few megabytes, formed and factored at every step).
///
/// By default glibc hands freed memory at the top of the heap back to the kernel and serves blocks above 128 KB with
/// fresh `mmap`s, so every step of a 600-weight Levenberg–Marquardt run page-faulted some 20 MB anew: half its time
/// was in the kernel. Keeping freed memory for reuse (up to the 32 MB mmap threshold glibc allows) removes that.
public enum HeapTuning {
    /// Keeps freed heap memory in the process for reuse; call once at start-up.
    public static func keepFreedMemory() {
        _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, 256 << 20)
    }
}
