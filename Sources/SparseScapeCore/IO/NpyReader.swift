import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads NumPy `.npy` arrays of float64 or float32 (either byte order, C or Fortran order) as matrices.
public enum NpyReader {
    /// Reads a `.npy` file; a 1-D array becomes a column (n × 1).
    ///
    /// Little-endian float64 payloads (NumPy's default) are read straight into the matrix storage: only the header
    /// is read first, then the payload with pread(2) (no copy of the whole file in between). The memory the array
    /// needs (`memoryNeeded`) is checked against the budget from the header, before the payload is read.
    public static func read(_ path: String) throws -> Matrix {
        let (header, size) = try header(path)
        try MemoryBudget.require(memoryNeeded(header, fileSize: size),
                                 for: "\(SafeText.quoted(path, limit: 200)) (a \(header.rows)×\(header.cols) .npy array)")
        guard header.width == 8, !header.bigEndian else {
            return try parse(try FileReading.read(path), name: path)
        }
        let count = header.rows * header.cols
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw SparseScapeError("\(SafeText.excerpt(path, limit: 200)): cannot be read") }
        defer { close(fd) }
        var failed = false
        var values = [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            let raw = UnsafeMutableRawPointer(buffer.baseAddress!)
            var done = 0
            let bytes = count * 8
            while done < bytes {
                let n = pread(fd, raw + done, bytes - done, off_t(header.dataStart + done))
                if n <= 0 { if n < 0 && errno == EINTR { continue }; failed = true; break }
                done += n
            }
            if failed { memset(raw, 0, bytes) }
            initialized = count
        }
        guard !failed else { throw SparseScapeError("\(SafeText.excerpt(path, limit: 200)): read error or truncated .npy data") }
        if header.fortran { values = transposeFromColumnMajor(values, rows: header.rows, cols: header.cols) }
        return Matrix(rows: header.rows, cols: header.cols, data: values)
    }

    /// The header of the `.npy` file at `path` (read alone) and the file's size.
    static func header(_ path: String) throws -> (Header, Int) {
        let head = try FileReading.prefix(path, limit: 65_536 + 12)
        return (try parseHeader(head.bytes, name: path, totalBytes: head.size), head.size)
    }

    /// Bytes reading an array of this header takes: its doubles, a second copy for Fortran order (transposed), and
    /// for the payloads converted on the way (float32, big-endian) the mapped file too; nil on overflow.
    static func memoryNeeded(_ h: Header, fileSize: Int) -> Int? {
        guard let values = MemoryBudget.doubles(h.rows, h.cols) else { return nil }
        var total = h.fortran ? values.multipliedReportingOverflow(by: 2) : (values, false)
        if h.width != 8 || h.bigEndian { total = total.0.addingReportingOverflow(fileSize) }
        return total.1 ? nil : total.0
    }

    /// The bytes reading the `.npy` file at `path` takes (`memoryNeeded`, from its header alone).
    public static func memoryNeeded(_ path: String) throws -> Int? {
        let (h, size) = try header(path)
        return memoryNeeded(h, fileSize: size)
    }

    static func transposeFromColumnMajor(_ v: [Double], rows: Int, cols: Int) -> [Double] {
        var out = [Double](repeating: 0, count: v.count)
        for i in 0..<rows { for j in 0..<cols { out[i * cols + j] = v[j * rows + i] } }
        return out
    }

    /// The parsed header of a `.npy` file.
    struct Header {
        var rows: Int, cols: Int, width: Int, bigEndian: Bool, fortran: Bool, dataStart: Int
        /// The array's shape as stored: one entry for a 1-D array, two for a matrix.
        var dimensions: [Int]
    }

    /// Parses `.npy` bytes, keeping the stored shape (a 1-D array and an n × 1 matrix give the same `Matrix`).
    static func parseWithDimensions(_ data: Data, name: String) throws -> (dimensions: [Int], matrix: Matrix) {
        let dimensions = try parseHeader(data, name: name).dimensions
        return (dimensions, try parse(data, name: name))
    }

    /// Parses `.npy` bytes; `name` is used in error messages.
    public static func parse(_ data: Data, name: String) throws -> Matrix {
        let h = try parseHeader(data, name: name)
        let count = h.rows * h.cols, width = h.width, bigEndian = h.bigEndian, dataStart = h.dataStart
        var values = [Double](repeating: 0, count: count)
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let base = raw.baseAddress! + dataStart
            if width == 8 && !bigEndian {
                values.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(start: base, count: count * 8)) }
            } else if width == 8 {
                for k in 0..<count { values[k] = Double(bitPattern: UInt64(bigEndian: base.loadUnaligned(fromByteOffset: k * 8, as: UInt64.self))) }
            } else {
                for k in 0..<count {
                    let u = base.loadUnaligned(fromByteOffset: k * 4, as: UInt32.self)
                    values[k] = Double(Float(bitPattern: bigEndian ? UInt32(bigEndian: u) : UInt32(littleEndian: u)))
                }
            }
        }
        if h.fortran { values = transposeFromColumnMajor(values, rows: h.rows, cols: h.cols) }
        return Matrix(rows: h.rows, cols: h.cols, data: values)
    }

    /// Parses and validates the header (magic, dtype, order, shape against the file size).
    /// `totalBytes` is the file's size when `data` holds only its beginning.
    static func parseHeader(_ data: Data, name: String, totalBytes: Int? = nil) throws -> Header {
        let bytes = [UInt8](data.prefix(65_536 + 12))  // the header (the payload is read in bulk below)
        let total = totalBytes ?? data.count
        func fail(_ why: String) -> SparseScapeError { SparseScapeError("\(SafeText.excerpt(name, limit: 200)): not a valid .npy file: \(why)") }
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
        guard headerStart + headerLength <= bytes.count, headerStart + headerLength <= total else {
            throw fail("truncated header")
        }
        // The dict as NumPy reads it (`NpyHeaderDictionary`): duplicates, other keys, wrong types and trailing text
        // are refused.
        let dict: NpyHeaderDictionary
        do { dict = try NpyHeaderDictionary(Array(bytes[headerStart..<(headerStart + headerLength)])) } catch let e as NpyHeaderDictionary.Invalid {
            throw fail(e.why)
        }
        let cleaned = dict.descr
        let bigEndian: Bool, width: Int
        switch cleaned {
        case "<f8", "=f8", "f8": bigEndian = false; width = 8
        case ">f8": bigEndian = true; width = 8
        case "<f4", "=f4", "f4": bigEndian = false; width = 4
        case ">f4": bigEndian = true; width = 4
        default:
            // A numpy type string ('<i8', '|b1', '<U3') is named; any other text of the header is not shown.
            let shown = Self.looksLikeTypeString(cleaned) ? " \(SafeText.quoted(cleaned))" : " (not a numpy type string)"
            throw SparseScapeError("\(SafeText.excerpt(name, limit: 200)): unsupported .npy dtype\(shown) (use float64 or float32)")
        }
        let fortran = dict.fortranOrder
        let dims = dict.shape
        let rows: Int, cols: Int
        switch dims.count {
        case 1: rows = dims[0]; cols = 1
        case 2: rows = dims[0]; cols = dims[1]
        default: throw SparseScapeError("\(SafeText.excerpt(name, limit: 200)): expected a 1-D or 2-D array, got \(dims.count) dimensions")
        }
        let (count, overflow) = rows.multipliedReportingOverflow(by: cols)
        let dataStart = headerStart + headerLength
        guard !overflow, count <= (total - dataStart) / width else {
            throw SparseScapeError("\(SafeText.excerpt(name, limit: 200)): truncated .npy data (shape \(rows)x\(cols) needs \(rows &* cols &* width) bytes, file has \(total - dataStart))")
        }
        return Header(rows: rows, cols: cols, width: width, bigEndian: bigEndian, fortran: fortran && dims.count == 2,
                      dataStart: dataStart, dimensions: dims)
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

    /// True for text shaped like a numpy type string: an optional byte-order mark, a kind letter and a size
    /// ('<i8', '|b1', '>c16'), at most 8 characters.
    static func looksLikeTypeString(_ s: String) -> Bool {
        var rest = Substring(s)
        if let first = rest.first, "<>|=".contains(first) { rest = rest.dropFirst() }
        guard let kind = rest.first, kind.isASCII, kind.isLetter, s.count <= 8 else { return false }
        return rest.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
    }
}
