import CTempFiles

/// The process-wide side of temporary files: the signal handlers that remove them.
public enum TemporaryFiles {
    /// Removes registered temporary files on SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE and SIGXFSZ, then ends the
    /// process with the signal's default action. Only signals still at their default disposition are taken (an
    /// ignored SIGHUP under nohup stays ignored; the explorer's own handlers, installed later, replace these).
    /// The signals taken are unblocked in the calling thread: call it from the main thread before others start.
    public static func installSignalHandlers() { ctempfiles_install_handlers() }

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
