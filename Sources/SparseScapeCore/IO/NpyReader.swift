import Foundation

/// Reads NumPy `.npy` arrays of float64 or float32 (either byte order, C or Fortran order) as matrices.
public enum NpyReader {
    /// Parses a `.npy` file; a 1-D array becomes a column (n × 1).
    public static func read(_ path: String) throws -> Matrix {
        try parse(try FileReading.read(path), name: path)
    }

    /// Parses `.npy` bytes; `name` is used in error messages.
    public static func parse(_ data: Data, name: String) throws -> Matrix {
        let bytes = [UInt8](data)
        func fail(_ why: String) -> SparseScapeError { SparseScapeError("\(name): not a valid .npy file: \(why)") }
        guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1...5]) == Array("NUMPY".utf8) else { throw fail("bad magic string") }
        let major = bytes[6]
        let headerLength: Int
        let headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw fail("truncated header") }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            headerStart = 12
        default: throw fail("unsupported version \(major)")
        }
        guard headerStart + headerLength <= bytes.count,
              let header = String(bytes: bytes[headerStart..<(headerStart + headerLength)], encoding: .utf8) else {
            throw fail("truncated header")
        }
        guard let descr = capture(header, key: "descr") else { throw fail("no 'descr' in header") }
        let cleaned = descr.trimmingCharacters(in: CharacterSet(charactersIn: "'\" "))
        let bigEndian: Bool, width: Int
        switch cleaned {
        case "<f8", "=f8", "f8": bigEndian = false; width = 8
        case ">f8": bigEndian = true; width = 8
        case "<f4", "=f4", "f4": bigEndian = false; width = 4
        case ">f4": bigEndian = true; width = 4
        default: throw SparseScapeError("\(name): unsupported .npy dtype \(cleaned) (use float64 or float32)")
        }
        guard let fo = capture(header, key: "fortran_order") else { throw fail("no 'fortran_order' in header") }
        let fortran = fo.trimmingCharacters(in: .whitespaces).hasPrefix("True")
        guard let shapeRange = header.range(of: "'shape':"), let open = header[shapeRange.upperBound...].firstIndex(of: "("),
              let close = header[open...].firstIndex(of: ")") else { throw fail("no 'shape' in header") }
        let dims = try header[header.index(after: open)..<close].split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .map { s -> Int in guard let v = Int(s), v >= 0 else { throw fail("bad shape entry '\(s)'") }; return v }
        let rows: Int, cols: Int
        switch dims.count {
        case 1: rows = dims[0]; cols = 1
        case 2: rows = dims[0]; cols = dims[1]
        default: throw SparseScapeError("\(name): expected a 1-D or 2-D array, got \(dims.count) dimensions")
        }
        let (count, overflow) = rows.multipliedReportingOverflow(by: cols)
        let dataStart = headerStart + headerLength
        guard !overflow, count <= (bytes.count - dataStart) / width else {
            throw SparseScapeError("\(name): truncated .npy data (shape \(rows)x\(cols) needs \(rows &* cols &* width) bytes, file has \(bytes.count - dataStart))")
        }
        var values = [Double](repeating: 0, count: count)
        for k in 0..<count {
            let o = dataStart + k * width
            if width == 8 {
                var u: UInt64 = 0
                for b in 0..<8 { u |= UInt64(bytes[o + b]) << (8 * (bigEndian ? 7 - b : b)) }
                values[k] = Double(bitPattern: u)
            } else {
                var u: UInt32 = 0
                for b in 0..<4 { u |= UInt32(bytes[o + b]) << (8 * (bigEndian ? 3 - b : b)) }
                values[k] = Double(Float(bitPattern: u))
            }
        }
        if fortran && dims.count == 2 {
            var rowMajor = [Double](repeating: 0, count: count)
            for i in 0..<rows { for j in 0..<cols { rowMajor[i * cols + j] = values[j * rows + i] } }
            values = rowMajor
        }
        return Matrix(rows: rows, cols: cols, data: values)
    }

    /// Writes a float64 C-order `.npy` file atomically.
    public static func write(_ m: Matrix, to path: String) throws {
        var header = "{'descr': '<f8', 'fortran_order': False, 'shape': (\(m.rows), \(m.cols)), }"
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        var out = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        let hl = UInt16(header.utf8.count)
        out.append(contentsOf: [UInt8(hl & 0xff), UInt8(hl >> 8)])
        out.append(contentsOf: Array(header.utf8))
        var bytes = [UInt8]()
        bytes.reserveCapacity(m.data.count * 8)
        for v in m.data { let u = v.bitPattern; for b in 0..<8 { bytes.append(UInt8((u >> (8 * UInt64(b))) & 0xff)) } }
        out.append(contentsOf: bytes)
        try AtomicFile.write(out, to: path)
    }

    private static func capture(_ header: String, key: String) -> String? {
        guard let r = header.range(of: "'\(key)':") else { return nil }
        let rest = header[r.upperBound...]
        let end = rest.firstIndex(of: ",") ?? rest.endIndex
        return String(rest[..<end])
    }
}
