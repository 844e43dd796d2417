import Foundation

/// Point and direction files: `{"params": […]}` in the canonical parameter order (other fields are kept as notes).
///
/// `read(_:architecture:)` (PointFileLayers.swift) also reads points given as per-layer weight matrices.
public enum PointFile {
    /// Reads the params of a point file, checking its length against `expectedCount` when given.
    public static func read(_ path: String, expectedCount: Int? = nil) throws -> [Double] {
        let data = try FileReading.read(path)
        struct Raw: Decodable { var params: [Double] }
        let raw = try JSONValueDecoder.decode(Raw.self, from: data, name: path)
        guard raw.params.allSatisfy({ $0.isFinite }) else { throw SparseScapeError("\(path): params contain a non-finite value") }
        if let n = expectedCount, raw.params.count != n {
            throw SparseScapeError("\(path): the point has \(raw.params.count) parameters but the network has \(n) free weights")
        }
        return raw.params
    }

    /// The JSON text of a point file with optional extra numeric or string fields.
    public static func text(params: [Double], extras: [(String, String)] = []) -> String {
        var fields = [("params", JSONText.numberArray(params))]
        fields += extras
        return "{\n" + fields.map { "  \(JSONText.string($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n}\n"
    }

    /// Writes a point file atomically.
    public static func write(params: [Double], to path: String, extras: [(String, String)] = []) throws {
        try AtomicFile.write(text(params: params, extras: extras), to: path)
    }
}
