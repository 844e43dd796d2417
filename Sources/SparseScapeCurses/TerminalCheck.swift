import CNcursesw
import Foundation
import SparseScapeCore

/// Checks, before any escape code is written, that the explorer can run: a TTY on stdin and stdout and a known TERM.
public enum TerminalCheck {
    /// Throws a one-line error pointing to the headless commands when the explorer cannot run here.
    public static func verify() throws {
        let hint = "use the headless commands instead (sparsescape train|certify|search|slice|reproduce; see 'sparsescape help')"
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw SparseScapeError("the explorer needs a terminal (stdin and stdout must be a TTY); \(hint)")
        }
        guard let term = ProcessInfo.processInfo.environment["TERM"], !term.isEmpty, term != "dumb" else {
            throw SparseScapeError("TERM is not set to a usable terminal type; \(hint)")
        }
        // setupterm with an error pointer prints nothing; it fails for an unknown TERM.
        if sparsescape_terminal_known(term) == 0 {
            throw SparseScapeError("unknown terminal type TERM=\(SafeText.quoted(term)); \(hint)")
        }
    }
}

extension TerminalCheck {
    /// True when the current locale's character set is UTF-8 (call after `setlocale(LC_ALL, "")`).
    public static func localeIsUTF8() -> Bool {
        setlocale(LC_ALL, "")
        guard let cs = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: cs).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }
}
