import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads input files with size limits and one-line errors.
public enum FileReading {
    /// Largest input file read (2 GiB).
    public static let maximumBytes = 2 << 30

    /// The contents of `path`, or an error naming the file.
    public static func read(_ path: String) throws -> Data {
        try check(path)
        // Mapped where Foundation can; large .npy payloads go through `prefix` and pread instead (NpyReader).
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else {
            throw SparseScapeError("\(SafeText.excerpt(path, limit: 200)): cannot be read (\(openError(path)))")
        }
        return data
    }

    /// The first `limit` bytes of `path` (fewer when the file is shorter) and the file's size, with the checks of
    /// `read(_:)`, without reading the rest.
    public static func prefix(_ path: String, limit: Int) throws -> (bytes: Data, size: Int) {
        try check(path)
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw SparseScapeError("\(SafeText.excerpt(path, limit: 200)): cannot be read (\(openError(path)))")
        }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd(), (try? handle.seek(toOffset: 0)) != nil,
              let bytes = try? handle.read(upToCount: limit) else {
            throw SparseScapeError("\(SafeText.excerpt(path, limit: 200)): cannot be read")
        }
        return (bytes, Int(size))
    }

    /// Throws unless `path` is (or links to) an existing regular file within the size limit. A FIFO, a device
    /// (/dev/zero, a terminal) or a socket is refused by its kind: reading one could block for ever or never end.
    static func check(_ path: String) throws {
        let name = SafeText.excerpt(path, limit: 200)
        var st = stat()
        guard stat(path, &st) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { throw SparseScapeError("\(name): no such file") }
            throw SparseScapeError("\(name): cannot be read (\(String(cString: strerror(errno))))")
        }
        switch st.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw SparseScapeError("\(name): is a directory, expected a file")
        case S_IFIFO: throw SparseScapeError("\(name): is a FIFO (named pipe), expected a regular file")
        case S_IFCHR: throw SparseScapeError("\(name): is a character device, expected a regular file")
        case S_IFBLK: throw SparseScapeError("\(name): is a block device, expected a regular file")
        case S_IFSOCK: throw SparseScapeError("\(name): is a socket, expected a regular file")
        default: throw SparseScapeError("\(name): is not a regular file")
        }
        if Int(st.st_size) > maximumBytes {
            throw SparseScapeError("\(name): file is too large (\(st.st_size) bytes; limit \(maximumBytes))")
        }
    }

    /// Why `path` cannot be opened for reading (strerror of open's errno), for messages.
    static func openError(_ path: String) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if fd >= 0 { close(fd); return "a read error" }
        return String(cString: strerror(errno))
    }
}
