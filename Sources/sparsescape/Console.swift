import Foundation
import SparseScapeCore
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Every result line of the command-line program: this function shadows Swift's `print` in the `sparsescape`
/// module, so each call site writes through `Console.writeOut` — the text passes `SafeText.terminal` (a control
/// character from any input is shown escaped, on every output path, text and JSON) and a failed write to stdout
/// is remembered and makes the program fail at exit (`Console.finishStandardOutput`).
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    Console.writeOut(items.map { "\($0)" }.joined(separator: separator) + terminator)
}

/// Writing to the terminal: results on stdout, errors and progress on stderr.
enum Console {
    /// Bytes for stdout not yet written (stdout is buffered unless it is a terminal).
    private static let pending = Mutex<[UInt8]>([])
    /// The errno of the first failed write to stdout, or 0.
    private static let outputError = Atomic<Int32>(0)
    /// True when stdout is a terminal: each print is written at once, as a line-buffered stream would.
    private static let stdoutIsTerminal = isatty(1) == 1

    /// Writes `text` to stdout (after `SafeText.terminal`), buffered 64 KiB at a time unless stdout is a terminal.
    static func writeOut(_ text: String) {
        let safe = SafeText.terminal(text)
        let full = pending.withLock { buffer -> Bool in
            buffer.append(contentsOf: safe.utf8)
            return buffer.count >= 1 << 16
        }
        if full || stdoutIsTerminal { flushOut() }
    }

    /// Writes what is buffered for stdout; a failure is remembered (see `finishStandardOutput`).
    static func flushOut() {
        pending.withLock { buffer in
            guard !buffer.isEmpty else { return }
            defer { buffer.removeAll(keepingCapacity: true) }
            guard outputError.load(ordering: .relaxed) == 0 else { return }
            let failed: Int32 = buffer.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = Glibc.write(1, raw.baseAddress! + offset, raw.count - offset)
                    if n < 0 { if errno == EINTR { continue }; return errno }
                    if n == 0 { return EIO }
                    offset += n
                }
                return 0
            }
            if failed != 0 { outputError.store(failed, ordering: .relaxed) }
        }
    }

    /// Flushes stdout and returns the error to report when a write to it failed (a full disk, /dev/full, a closed
    /// pipe with SIGPIPE ignored), else nil.
    static func finishStandardOutput() -> String? {
        flushOut()
        let e = outputError.load(ordering: .relaxed)
        return e == 0 ? nil : "cannot write to standard output: \(String(cString: strerror(e))); the output is incomplete"
    }

    /// Prints "sparsescape: error: message" on stderr, always as one safe line: control characters escaped and at
    /// most `SafeText.lineLimit` characters, whatever the message quotes.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("sparsescape: error: \(SafeText.oneLine(message))\n".utf8))
    }

    /// The argument parser's message as one line: its "Help:" and "Usage:" continuation lines and its "Error: "
    /// prefix dropped (a newline inside a quoted value stays, to be escaped by `error`).
    static func parserMessage(_ text: String) -> String {
        var s = text
        for marker in ["\nHelp:", "\nUsage:", "\n\n"] {
            if let r = s.range(of: marker) { s = String(s[..<r.lowerBound]) }
        }
        if s.hasPrefix("Error: ") { s.removeFirst("Error: ".count) }
        s = s.trimmingCharacters(in: .whitespacesAndNewlines)
        return s.isEmpty ? "invalid arguments" : s
    }

    /// Prints a note on stderr.
    static func note(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }

    /// True when stderr is a terminal (progress lines are shown only then).
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    /// Overwrites the current stderr line with a progress message.
    static func progress(_ message: String) {
        FileHandle.standardError.write(Data("\r\u{1B}[2K\(message)".utf8))
    }

    /// Ends a progress line.
    static func endProgress() { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }

    /// A progress callback "LABEL: done/total UNIT (pct%)" redrawn when the percentage changes; nil when stderr is
    /// not a terminal.
    static func percentProgress(_ label: String, unit: String) -> (@Sendable (Int, Int) -> Void)? {
        guard stderrIsTerminal else { return nil }
        let last = Mutex<Int>(-1)
        return { done, total in
            let pct = 100 * done / max(total, 1)
            let changed = last.withLock { p -> Bool in if p == pct { return false }; p = pct; return true }
            if changed { progress("\(label): \(done)/\(total) \(unit) (\(pct)%)") }
        }
    }
}

/// A numerical failure (divergence, a failed reproduction): exit status 1.
struct NumericalFailure: Error {
    let message: String
}

/// A merge that lacks masks (a failed or cancelled task): exit status 3, after the partial summary.
struct IncompleteSweep: Error {
    let message: String
}
