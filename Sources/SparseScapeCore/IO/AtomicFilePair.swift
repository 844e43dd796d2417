import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a data file (a CSV) and its JSON sidecar so that a reader never takes a sidecar for the description
/// of a file it does not describe.
///
/// The rule: both files are written to hidden temporaries in the target directory (`.NAME.tmp-XXXXXX`) and
/// fsynced; the sidecar records the data file's name, size and SHA-256 (`DataFileRecord`, key `"data"`). Then
/// `Publication` takes the directory's lock (so another process publishing the same pair waits), and with the
/// cleanup signals held back renames the data file into place first and the sidecar second, flushes the directory
/// and checks that both targets are the files written. So a sidecar describes the CSV beside it exactly when its
/// recorded `bytes` and `sha256` match the CSV (`sha256sum FILE.csv` shows it); only a SIGKILL or a crash between
/// the two renames can leave a new CSV beside the previous sidecar, and the hash tells. Any failure before the
/// renames (full disk, a signal, a path that became a directory) removes both temporaries and leaves the previous
/// pair untouched.
public enum AtomicFilePair {
    /// Writes the data file at `dataPath` from what `produce` streams, and at `sidecarPath` the text `sidecar`
    /// returns for the data file's record. Returns the record.
    @discardableResult
    public static func write(data dataPath: String, sidecar sidecarPath: String, produce: (TemporaryFile) throws -> Void,
                             sidecar: (DataFileRecord) throws -> String) throws -> DataFileRecord {
        try OutputPath.check(dataPath)
        try OutputPath.check(sidecarPath)
        let data = try TemporaryFile(target: dataPath)
        var side: TemporaryFile?
        let record: DataFileRecord
        do {
            try produce(data)
            let digest = try data.finish()
            record = DataFileRecord(file: OutputPath.lastComponent(of: dataPath), bytes: digest.bytes, sha256: digest.sha256)
            let text = try sidecar(record)
            let s = try TemporaryFile(target: sidecarPath)
            side = s
            try s.write(text)
            _ = try s.finish()
        } catch {
            data.discard()
            side?.discard()
            throw error
        }
        try OutputStaging.publishOrStage([data, side!])
        return record
    }

    /// Flushes the directory entry of `path` (the renames) to disk; best effort.
    static func syncDirectory(of path: String) { Publication.syncDirectory(OutputPath.directory(of: path)) }
}
