import CTempFiles
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file being written beside its target under a hidden temporary name (`.NAME.tmp-XXXXXX`, from mkstemp),
/// buffered, with the SHA-256 and size of what was written; removed on every error path and by the signal
/// handlers of `TemporaryFiles`, renamed into place by `Publication` (through `AtomicFile` or `AtomicFilePair`).
///
/// The temporary's name never exceeds the file system's limit on a name: when `.NAME.tmp-XXXXXX` would be longer
/// than the target's directory allows (255 bytes on most file systems), NAME is shortened in it (at a character
/// boundary), so a legal target name of 243–255 bytes is written like any other.
public final class TemporaryFile {
    /// The target the file will be renamed to.
    public let target: String
    /// The temporary path.
    public let path: String
    private var fd: Int32
    private var slot: Int32
    private var buffer: [UInt8] = []
    private var hash = SHA256Digest()
    private var finished = false
    /// The file's device and inode once `finish` has run (what `Publication` checks after the rename).
    private(set) var identity: (device: UInt64, inode: UInt64)?
    /// Bytes flushed to the buffer, 1 MiB at a time.
    private static let chunk = 1 << 20

    /// Creates the temporary file in the target's directory; the error names `target`.
    public init(target: String) throws {
        self.target = target
        let dir = OutputPath.directory(of: target)
        let name = Self.temporaryName(for: OutputPath.lastComponent(of: target), limit: OutputPath.nameLimit(directory: dir))
        var template = Array((dir + "/" + name).utf8CString)
        var slot: Int32 = -1
        let fd = template.withUnsafeMutableBufferPointer { ctempfiles_create($0.baseAddress!, &slot) }
        guard fd >= 0 else { throw SparseScapeError("cannot write \(SafeText.quoted(target)): \(String(cString: strerror(errno)))") }
        self.fd = fd
        self.slot = slot
        path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        buffer.reserveCapacity(Self.chunk)
    }

    /// `.NAME.tmp-XXXXXX` for a target named NAME, with NAME cut (at a character boundary) so that the whole name
    /// has at most `limit` bytes.
    static func temporaryName(for name: String, limit: Int) -> String {
        let suffix = ".tmp-XXXXXX"
        let room = max(1, limit - 1 - suffix.utf8.count)
        var kept = ""
        var bytes = 0
        for c in name.unicodeScalars {
            let n = String(c).utf8.count
            if bytes + n > room { break }
            kept.unicodeScalars.append(c)
            bytes += n
        }
        return "." + kept + suffix
    }

    deinit {
        if !finished { discard() }
    }

    /// Bytes written so far.
    public var byteCount: UInt64 { hash.byteCount }

    /// Appends text (written to disk a chunk at a time).
    public func write(_ text: String) throws {
        var t = text
        t.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= Self.chunk { try flushBuffer() }
    }

    /// Appends bytes.
    public func write(_ data: Data) throws {
        buffer.append(contentsOf: data)
        if buffer.count >= Self.chunk { try flushBuffer() }
    }

    /// Writes out what is buffered, fsyncs and closes the file, making it readable (0644); returns the size and
    /// SHA-256 of its content. On failure the temporary file is removed.
    public func finish() throws -> (bytes: UInt64, sha256: String) {
        do {
            try flushBuffer()
            if fsync(fd) != 0 { throw failure() }
            fchmod(fd, 0o644)
            var st = stat()
            if fstat(fd, &st) == 0 { identity = (UInt64(st.st_dev), UInt64(st.st_ino)) }
            let status = close(fd)
            fd = -1
            if status != 0 { throw failure() }
        } catch {
            discard()
            throw error
        }
        return (hash.byteCount, hash.hexDigest())
    }

    /// Renames the finished file onto its target (`Publication` checks the target first and holds the lock).
    func rename() throws {
        if Glibc.rename(path, target) != 0 { throw failure() }
        forget()
    }

    /// Closes and removes the temporary file (idempotent).
    public func discard() {
        if fd >= 0 { close(fd); fd = -1 }
        if !finished { unlink(path) }
        forget()
    }

    /// Marks the file as no longer temporary (renamed or removed).
    private func forget() {
        finished = true
        ctempfiles_unregister(slot)
        slot = -1
    }

    private func flushBuffer() throws {
        guard !buffer.isEmpty else { return }
        let ok: Bool = buffer.withUnsafeBytes { raw in
            hash.update(raw)
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
        buffer.removeAll(keepingCapacity: true)
        if !ok { let e = failure(); discard(); throw e }
    }

    private func failure() -> SparseScapeError {
        SparseScapeError("cannot write \(SafeText.quoted(target)): \(String(cString: strerror(errno)))")
    }
}
