import Foundation

/// Writes one file atomically: to a temporary file in the same directory (removed on every error path and on
/// the cleanup signals), flushed, then renamed over the target. The target must pass `OutputPath.check`.
public enum AtomicFile {
    /// Writes `data` to `path`; on failure nothing is left behind, the previous file is untouched and the error
    /// names the path.
    public static func write(_ data: Data, to path: String) throws {
        try write(to: path) { try $0.write(data) }
    }

    /// Writes a UTF-8 string atomically.
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// Writes what `produce` streams into the temporary file, then renames it onto `path`.
    public static func write(to path: String, _ produce: (TemporaryFile) throws -> Void) throws {
        try OutputPath.check(path)
        let file = try TemporaryFile(target: path)
        do {
            try produce(file)
            _ = try file.finish()
            try TemporaryFiles.commitSection { try file.commit() }
            AtomicFilePair.syncDirectory(of: path)
        } catch {
            file.discard()
            throw error
        }
    }
}
