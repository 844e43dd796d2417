import Foundation

/// Reads input files with size limits and one-line errors.
public enum FileReading {
    /// Largest input file read (2 GiB).
    public static let maximumBytes = 2 << 30

    /// The contents of `path`, or an error naming the file.
    public static func read(_ path: String) throws -> Data {
        try check(path)
        // Mapped where Foundation can; large .npy payloads go through `prefix` and pread instead (NpyReader).
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else {
            throw SparseScapeError("\(SafeText.excerpt(path, limit: 200)): cannot be read (permission denied?)")
        }
        return data
    }

    /// The first `limit` bytes of `path` (fewer when the file is shorter) and the file's size, with the checks of
    /// `read(_:)`, without reading the rest.
    public static func prefix(_ path: String, limit: Int) throws -> (bytes: Data, size: Int) {
        try check(path)
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw SparseScapeError("\(SafeText.excerpt(path, limit: 200)): cannot be read (permission denied?)")
        }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd(), (try? handle.seek(toOffset: 0)) != nil,
              let bytes = try? handle.read(upToCount: limit) else {
            throw SparseScapeError("\(SafeText.excerpt(path, limit: 200)): cannot be read")
        }
        return (bytes, Int(size))
    }

    /// Throws unless `path` is an existing file within the size limit.
    static func check(_ path: String) throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw SparseScapeError("\(SafeText.excerpt(path, limit: 200)): no such file")
        }
        guard !isDir.boolValue else { throw SparseScapeError("\(SafeText.excerpt(path, limit: 200)): is a directory, expected a file") }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > maximumBytes {
            throw SparseScapeError("\(SafeText.excerpt(path, limit: 200)): file is too large (\(size) bytes; limit \(maximumBytes))")
        }
    }
}
