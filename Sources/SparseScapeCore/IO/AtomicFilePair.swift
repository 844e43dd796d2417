import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a data file (a CSV) and its JSON sidecar so that a reader never takes a sidecar for the description
/// of a file it does not describe.
///
/// The rule: both files are written to hidden temporaries in the target directory (`.NAME.tmp-XXXXXX`) and
/// fsynced; the sidecar records the data file's name, size and SHA-256 (`DataFileRecord`, key `"data"`). Then,
/// with the cleanup signals held back, the data file is renamed into place first and the sidecar second, and the
/// directory is fsynced. So a sidecar describes the CSV beside it exactly when its recorded `bytes` and `sha256`
/// match the CSV (`sha256sum FILE.csv` shows it); only a SIGKILL or a crash between the two renames can leave a
/// new CSV beside the previous sidecar, and the hash tells. Any failure before the renames (full disk, a signal,
/// a path that became a directory) removes both temporaries and leaves the previous pair untouched.
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
        do {
            try produce(data)
            let digest = try data.finish()
            let record = DataFileRecord(file: URL(fileURLWithPath: dataPath).lastPathComponent, bytes: digest.bytes, sha256: digest.sha256)
            let text = try sidecar(record)
            let s = try TemporaryFile(target: sidecarPath)
            side = s
            try s.write(text)
            _ = try s.finish()
            try TemporaryFiles.commitSection {
                try OutputPath.check(dataPath)
                try OutputPath.check(sidecarPath)
                try data.commit()
                do { try s.commit() } catch {
                    throw SparseScapeError("\((error as? SparseScapeError)?.message ?? "\(error)") (\(SafeText.quoted(dataPath)) was replaced; the sidecar beside it is the previous one and its sha256 does not match)")
                }
            }
            syncDirectory(of: dataPath)
            return record
        } catch {
            data.discard()
            side?.discard()
            throw error
        }
    }

    /// Flushes the directory entry of `path` (the renames) to disk; best effort.
    static func syncDirectory(of path: String) {
        let fd = open(OutputPath.directory(of: path), O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
