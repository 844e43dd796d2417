import Foundation

/// Reads numeric CSV files (comma-separated, optional header row) as matrices.
public enum CSVMatrixReader {
    /// Parses a CSV file of numbers; a first row that is not numeric is taken as a header and skipped.
    public static func read(_ path: String) throws -> Matrix {
        guard let text = String(data: try FileReading.read(path), encoding: .utf8) else {
            throw SparseScapeError("\(path): not UTF-8 text")
        }
        return try parse(text, name: path)
    }

    /// Parses CSV text; `name` is used in error messages.
    public static func parse(_ text: String, name: String) throws -> Matrix {
        var rows: [[Double]] = []
        var lineNumber = 0
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let values = fields.map { Double($0) }
            if values.contains(where: { $0 == nil }) {
                if rows.isEmpty && lineNumber == 1 { continue }  // header
                let bad = fields[values.firstIndex(where: { $0 == nil })!]
                throw SparseScapeError("\(name):\(lineNumber): '\(bad)' is not a number")
            }
            let row = values.map { $0! }
            if let first = rows.first, first.count != row.count {
                throw SparseScapeError("\(name):\(lineNumber): \(row.count) fields, expected \(first.count) like the first row")
            }
            rows.append(row)
        }
        guard !rows.isEmpty else { throw SparseScapeError("\(name): no numeric rows") }
        return Matrix(rows)
    }
}
