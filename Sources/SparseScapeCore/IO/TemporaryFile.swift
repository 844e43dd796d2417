import CTempFiles
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file being written beside its target under a hidden temporary name (`.NAME.tmp-XXXXXX`, from mkstemp),
/// buffered, with the SHA-256 and size of what was written; removed on every error path and by the signal
/// handlers of `TemporaryFiles`, renamed into place by `AtomicFile` or `AtomicFilePair`.
public final class TemporaryFile {
    /// The target the file will be renamed to.
    public let target: String
    /// The temporary path.
    public let path: String
    private var fd: Int32
    private var slot: Int32
    private var buffer: [UInt8] = []
    private var hash = SHA256()
    private var finished = false
    /// Bytes flushed to the buffer, 1 MiB at a time.
    private static let chunk = 1 << 20

    /// Creates the temporary file in the target's directory; the error names `target`.
    public init(target: String) throws {
        self.target = target
        let url = URL(fileURLWithPath: target)
        let dir = url.deletingLastPathComponent().path
        var template = Array((dir + "/." + url.lastPathComponent + ".tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw SparseScapeError("cannot write \(SafeText.quoted(target)): \(String(cString: strerror(errno)))") }
        self.fd = fd
        path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        slot = ctempfiles_register(path)
        buffer.reserveCapacity(Self.chunk)
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
            let status = close(fd)
            fd = -1
            if status != 0 { throw failure() }
        } catch {
            discard()
            throw error
        }
        return (hash.byteCount, hash.hexDigest())
    }

    /// Renames the finished file onto its target, after checking that the target may still be replaced.
    func commit() throws {
        try OutputPath.check(target)
        if rename(path, target) != 0 { throw failure() }
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
