import Foundation

/// Writes one file atomically: to a temporary file in the same directory (removed on every error path and on
/// the cleanup signals), flushed, then published by `Publication` (renamed over the target under the directory's
/// lock). The target must pass `OutputPath.check`. Inside a `CommandOutputs.publish` block the rename waits for
/// the end of the block, where every output of the command is published together.
public enum AtomicFile {
    /// Writes `data` to `path`; on failure nothing is left behind, the previous file is untouched and the error
    /// names the path.
    public static func write(_ data: Data, to path: String) throws {
        try write(to: path) { try $0.write(data) }
    }

    /// Writes a UTF-8 string atomically.
    public static func write(_ text: String, to path: String) throws {
        try write(to: path) { try $0.write(text) }
    }

    /// Writes what `produce` streams into the temporary file, then publishes it onto `path`.
    public static func write(to path: String, _ produce: (TemporaryFile) throws -> Void) throws {
        try OutputPath.check(path)
        let file = try TemporaryFile(target: path)
        do {
            try produce(file)
            _ = try file.finish()
        } catch {
            file.discard()
            throw error
        }
        try OutputStaging.publishOrStage([file])
    }
}
