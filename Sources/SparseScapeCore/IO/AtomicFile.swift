import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes files atomically: to a temporary file in the same directory, flushed, then renamed over the target.
public enum AtomicFile {
    /// Writes `data` to `path`; on failure nothing is left behind and the error names the path.
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw SparseScapeError("cannot write \(path): directory \(dir) does not exist")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            throw SparseScapeError("cannot write \(path): it is a directory")
        }
        var template = Array((dir + "/." + url.lastPathComponent + ".tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw SparseScapeError("cannot write \(path): \(String(cString: strerror(errno)))") }
        let tmp = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var ok = true
        var failure = ""
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; ok = false; failure = String(cString: strerror(errno)); break }
                offset += n
            }
        }
        if ok && fsync(fd) != 0 { ok = false; failure = String(cString: strerror(errno)) }
        fchmod(fd, 0o644)
        close(fd)
        if ok && rename(tmp, path) != 0 { ok = false; failure = String(cString: strerror(errno)) }
        if !ok {
            unlink(tmp)
            throw SparseScapeError("cannot write \(path): \(failure)")
        }
    }

    /// Writes a UTF-8 string atomically.
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }
}
