import Foundation
import Synchronization

/// The last termination signal received (SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM), or 0.
let pendingSignal = Atomic<Int32>(0)

/// Turns SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2 and SIGALRM into a flag the UI loop polls, so the
/// terminal is always restored by the normal shutdown path (threads stopped, curses ended) instead of the process
/// dying mid-frame (or, for SIGQUIT, the Swift runtime's crash reporter drawing over the screen); the program then
/// ends with the signal's status (`TemporaryFiles.endWithSignal`).
public enum SignalMonitor {
    /// Installs the handlers (idempotent). SIGTERM, SIGHUP and SIGINT are always taken; the others unless the
    /// launcher set them to be ignored.
    public static func install() {
        for sig in [SIGTERM, SIGHUP, SIGINT] {
            signal(sig) { s in pendingSignal.store(s, ordering: .relaxed) }
        }
        for sig in [SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM] {
            var old = sigaction()
            if sigaction(sig, nil, &old) == 0, old.sa_flags & SA_SIGINFO == 0,
               unsafeBitCast(old.__sigaction_handler.sa_handler, to: Int.self) == 1 { continue }   // SIG_IGN
            signal(sig) { s in pendingSignal.store(s, ordering: .relaxed) }
        }
    }

    /// The signal received since start, or nil.
    public static var received: Int32? {
        let s = pendingSignal.load(ordering: .relaxed)
        return s == 0 ? nil : s
    }
}
