import Foundation
import Synchronization

/// The last termination signal received (SIGTERM, SIGHUP, SIGINT), or 0.
let pendingSignal = Atomic<Int32>(0)

/// Turns SIGTERM, SIGHUP and SIGINT into a flag the UI loop polls, so the terminal is always restored by the
/// normal shutdown path (threads stopped, curses ended) instead of the process dying mid-frame.
public enum SignalMonitor {
    /// Installs the handlers (idempotent).
    public static func install() {
        for sig in [SIGTERM, SIGHUP, SIGINT] {
            signal(sig) { s in pendingSignal.store(s, ordering: .relaxed) }
        }
    }

    /// The signal received since start, or nil.
    public static var received: Int32? {
        let s = pendingSignal.load(ordering: .relaxed)
        return s == 0 ? nil : s
    }
}
