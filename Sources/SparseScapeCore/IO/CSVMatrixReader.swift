import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads numeric CSV files (comma-separated, optional header row) as matrices.
///
/// Format: one row per line (LF or CRLF), fields separated by commas, spaces and tabs around fields ignored, blank
/// lines and lines starting with `#` skipped; a first line that is not all numbers is a header and skipped. Numbers
/// are read exactly (correctly rounded, as `Double(String)`) by a byte-level parser over the mapped file. Strict:
/// a control character in a cell (NUL included), an empty cell, a non-number or a ragged row is a one-line error
/// with the line (and field) number; it quotes a short excerpt of a bad cell only when the file has shown it holds
/// numbers (an earlier numeric row or another number on the line), never the text of a file that is not a CSV.
public enum CSVMatrixReader {
    /// Parses a CSV file of numbers; a first row that is not numeric is taken as a header and skipped.
    public static func read(_ path: String) throws -> Matrix {
        try parse(try FileReading.read(path), name: path)
    }

    /// The bytes reading the CSV file at `path` takes: the mapped file and 16 bytes per cell (its double, and as much
    /// again while the array grows). Cells are counted (commas and line ends, one pass over the mapped file) only
    /// when the quick bound — every cell two bytes, "1," — exceeds `budget`; nil on overflow.
    public static func memoryNeeded(_ path: String, budget: Int) throws -> Int? {
        try FileReading.check(path)
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        let size = Int(st.st_size)
        let quick = size.multipliedReportingOverflow(by: 9)
        if !quick.overflow, quick.partialValue <= budget { return quick.partialValue }
        let data = try FileReading.read(path)
        let cells = data.withUnsafeBytes { raw -> Int in
            var n = 1
            for b in raw where b == UInt8(ascii: ",") || b == UInt8(ascii: "\n") { n += 1 }
            return n
        }
        return MemoryBudget.product([cells, 16]).map { $0 + size }
    }

    /// Parses CSV text; `name` is used in error messages.
    public static func parse(_ text: String, name: String) throws -> Matrix {
        try parse(Data(text.utf8), name: name)
    }

    /// Parses CSV bytes; `name` is used in error messages.
    public static func parse(_ data: Data, name: String) throws -> Matrix {
        try data.withUnsafeBytes { raw -> Matrix in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self), raw.count > 0 else {
                throw SparseScapeError("\(name): no numeric rows")
            }
            return try parse(base, base + raw.count, name: name, text: nil)
        }
    }

    /// Reads the CSV file at `path` with the same byte scanner, each number converted by the standard library's
    /// `Double(Substring)` over the file decoded once as a `String`: the baseline `sparsescape-bench io` measures
    /// the reader's own decimal conversion (`DecimalToDouble`) against.
    public static func readWithStandardLibraryConversion(_ path: String) throws -> Matrix {
        let text = String(decoding: try FileReading.read(path), as: UTF8.self)
        var bytes = text
        return try bytes.withUTF8 { raw -> Matrix in
            guard let base = raw.baseAddress, raw.count > 0 else { throw SparseScapeError("\(path): no numeric rows") }
            return try parse(base, base + raw.count, name: path, text: text)
        }
    }

    /// The number at `p` (before `end`) and the position after it: `DecimalToDouble`, or, when `text` (the whole
    /// file, starting at `start`) is given, `Double(Substring)` over the extent of the same lenient grammar.
    @inline(__always)
    private static func number(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, start: UnsafePointer<UInt8>,
                               text: String?) -> DecimalToDouble.Scanned? {
        guard let text else { return DecimalToDouble.scan(p, end, strict: false) }
        let stop = lenientNumberEnd(p, end)
        guard stop > p else { return nil }
        let utf8 = text.utf8
        let a = utf8.index(utf8.startIndex, offsetBy: p - start), b = utf8.index(a, offsetBy: stop - p)
        guard let v = Double(text[a..<b]) else { return nil }
        return (v, stop)
    }

    /// The end of the longest `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?` at `p` (`p` when none).
    private static func lenientNumberEnd(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> UnsafePointer<UInt8> {
        var p = start
        if p < end && (p.pointee == UInt8(ascii: "-") || p.pointee == UInt8(ascii: "+")) { p += 1 }
        var digits = 0
        while p < end && p.pointee &- 48 < 10 { p += 1; digits += 1 }
        if p < end && p.pointee == UInt8(ascii: ".") {
            p += 1
            while p < end && p.pointee &- 48 < 10 { p += 1; digits += 1 }
        }
        guard digits > 0 else { return start }
        if p < end && (p.pointee | 0x20) == UInt8(ascii: "e") {
            var q = p + 1
            if q < end && (q.pointee == UInt8(ascii: "-") || q.pointee == UInt8(ascii: "+")) { q += 1 }
            if q < end && q.pointee &- 48 < 10 {
                while q < end && q.pointee &- 48 < 10 { q += 1 }
                p = q
            }
        }
        return p
    }

    private static let comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
    private static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), hash = UInt8(ascii: "#")

    @inline(__always) private static func isBlank(_ b: UInt8) -> Bool { b == space || b == tab || b == cr }

    private static func parse(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, name: String, text: String?) throws -> Matrix {
        var values: [Double] = []
        values.reserveCapacity((end - start) / 8)
        var columns = 0, rows = 0
        var lineNumber = 0
        var p = start
        while p < end {
            lineNumber += 1
            let lineStart = p
            var lineEnd = UnsafePointer<UInt8>(memchr(p, Int32(newline), end - p)?.assumingMemoryBound(to: UInt8.self)) ?? end
            p = lineEnd < end ? lineEnd + 1 : end
            var q = lineStart
            while q < lineEnd && isBlank(q.pointee) { q += 1 }
            while lineEnd > q && isBlank((lineEnd - 1).pointee) { lineEnd -= 1 }
            if q == lineEnd || q.pointee == hash { continue }
            // One row: number, blanks, comma or end of line.
            let rowStart = values.count
            var field = 0
            var ok = true
            while true {
                field += 1
                while q < lineEnd && isBlank(q.pointee) { q += 1 }
                guard let (v, next) = number(q, lineEnd, start: start, text: text) else { ok = false; break }
                var r = next
                while r < lineEnd && isBlank(r.pointee) { r += 1 }
                if r < lineEnd && r.pointee != comma { ok = false; break }
                values.append(v)
                if r == lineEnd { break }
                q = r + 1
            }
            if !ok {
                // The slow path: what is wrong with the line, or is it a header, or a form strtod reads (inf, 0x1p3)?
                values.removeSubrange(rowStart...)
                let fields = try slowFields(lineStart, lineEnd, lineNumber: lineNumber, name: name)
                if fields.contains(where: { $0 == nil }) {
                    if rows == 0 && lineNumber == 1 {
                        guard String(validating: UnsafeBufferPointer(start: lineStart, count: lineEnd - lineStart), as: UTF8.self) != nil else {
                            throw SparseScapeError("\(name):1: the header row is not UTF-8 text")
                        }
                        continue
                    }
                    let k = fields.firstIndex(where: { $0 == nil })!
                    let cell = cells(lineStart, lineEnd)[k]
                    if cell.isEmpty { throw SparseScapeError("\(name):\(lineNumber): field \(k + 1) is empty") }
                    // A short excerpt of the cell only once the file has shown it holds numbers (an earlier row, or
                    // another field of this line): the text of a file that is not a CSV of numbers is never shown.
                    guard rows > 0 || fields.contains(where: { $0 != nil }) else {
                        throw SparseScapeError("\(name):\(lineNumber): field \(k + 1) is not a number and no earlier row or field is: not a CSV file of numbers (its text is not shown)")
                    }
                    throw SparseScapeError("\(name):\(lineNumber): field \(k + 1), \(SafeText.quoted(String(decoding: cell, as: UTF8.self))), is not a number")
                }
                values.append(contentsOf: fields.map { $0! })
                field = fields.count
            }
            if rows == 0 { columns = field }
            else if field != columns {
                throw SparseScapeError("\(name):\(lineNumber): \(field) fields, expected \(columns) like the first row")
            }
            rows += 1
        }
        guard rows > 0 else { throw SparseScapeError("\(name): no numeric rows") }
        return Matrix(rows: rows, cols: columns, data: values)
    }

    /// The trimmed cells of a line, as byte slices.
    private static func cells(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> [UnsafeBufferPointer<UInt8>] {
        var out: [UnsafeBufferPointer<UInt8>] = []
        var q = start
        while true {
            var cellEnd = q
            while cellEnd < end && cellEnd.pointee != comma { cellEnd += 1 }
            var a = q, b = cellEnd
            while a < b && isBlank(a.pointee) { a += 1 }
            while b > a && isBlank((b - 1).pointee) { b -= 1 }
            out.append(UnsafeBufferPointer(start: a, count: b - a))
            if cellEnd == end { return out }
            q = cellEnd + 1
        }
    }

    /// Each cell's number (nil when it is not one), after rejecting control characters.
    private static func slowFields(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, lineNumber: Int, name: String) throws -> [Double?] {
        var column = 1, field = 1
        for q in start..<end {
            let b = q.pointee
            if b == comma { field += 1 }
            if (b < 0x20 && b != tab && b != cr) || b == 0x7F {
                throw SparseScapeError("\(name):\(lineNumber): field \(field) (column \(column)) contains the control character \(SafeText.escaped(String(UnicodeScalar(b)))); cells must hold numbers")
            }
            column += 1
        }
        return cells(start, end).map { cell in
            guard let base = cell.baseAddress, cell.count > 0 else { return nil }
            if let (v, next) = DecimalToDouble.scan(base, base + cell.count, strict: false), next == base + cell.count { return v }
            return DecimalToDouble.strtodWhole(base, base + cell.count)
        }
    }
}
