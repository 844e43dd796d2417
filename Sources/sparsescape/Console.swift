import Foundation

/// Writing to the terminal: results on stdout, errors and progress on stderr.
enum Console {
    /// Prints "sparsescape: error: message" on stderr.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("sparsescape: error: \(message)\n".utf8))
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
}

/// A numerical failure (divergence, a failed reproduction): exit status 1.
struct NumericalFailure: Error {
    let message: String
}
