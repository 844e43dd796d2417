import Foundation

/// Reads input files with size limits and one-line errors.
public enum FileReading {
    /// Largest input file read (2 GiB).
    public static let maximumBytes = 2 << 30

    /// The contents of `path`, or an error naming the file.
    public static func read(_ path: String) throws -> Data {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw SparseScapeError("\(SafeText.excerpt(path, limit: 200)): no such file")
        }
        guard !isDir.boolValue else { throw SparseScapeError("\(SafeText.excerpt(path, limit: 200)): is a directory, expected a file") }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > maximumBytes {
            throw SparseScapeError("\(SafeText.excerpt(path, limit: 200)): file is too large (\(size) bytes; limit \(maximumBytes))")
        }
        // Memory-mapped: large .npy payloads are copied once, straight into their matrices.
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else {
            throw SparseScapeError("\(SafeText.excerpt(path, limit: 200)): cannot be read (permission denied?)")
        }
        return data
    }
}
