import Foundation
import SparseScapeCore
import Synchronization

/// Writing to the terminal: results on stdout, errors and progress on stderr.
enum Console {
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
