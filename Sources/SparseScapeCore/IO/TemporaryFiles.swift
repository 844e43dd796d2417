import CTempFiles

/// The process-wide side of temporary files: the signal handlers that remove them.
public enum TemporaryFiles {
    /// Removes registered temporary files on every signal whose default action ends the process (SIGINT, SIGTERM,
    /// SIGHUP, SIGQUIT, SIGPIPE, SIGXFSZ, SIGXCPU, SIGALRM, SIGVTALRM, SIGPROF, SIGUSR1, SIGUSR2, SIGPOLL, SIGPWR),
    /// then ends the process with the signal's default action (status 128 + N). Only signals still at their default
    /// disposition are taken (an ignored SIGHUP under nohup stays ignored; the explorer's own handlers, installed
    /// later, replace these), except SIGQUIT, taken from the Swift runtime's crash reporter unless ignored.
    /// The signals taken are unblocked in the calling thread: call it from the main thread before others start.
    public static func installSignalHandlers() { ctempfiles_install_handlers() }

    /// Removes the registered temporary files and ends the process as `signal` does by default (status 128 + N):
    /// for a program that caught the signal and shut down cleanly first.
    public static func endWithSignal(_ signal: Int32) -> Never {
        ctempfiles_end_with_signal(signal)
        fatalError("unreachable: ctempfiles_end_with_signal returned")
    }

    /// Limits malloc's arenas (each reserves 64 MiB of address space); see `AddressSpace`.
    public static func limitMallocArenas(_ n: Int) { _ = ctempfiles_limit_malloc_arenas(Int32(n)) }

    /// Temporary files currently registered (for tests).
    public static var liveCount: Int { Int(ctempfiles_count()) }

    /// Runs `body` with the cleanup signals held back: one arriving meanwhile is acted on when `body` ends.
    /// Throws without running `body` when a signal's cleanup is already under way.
    static func commitSection<T>(_ body: () throws -> T) throws -> T {
        guard ctempfiles_begin_commit() == 0 else { throw SparseScapeError("interrupted by a signal; nothing written") }
        defer { ctempfiles_end_commit() }
        return try body()
    }
}
