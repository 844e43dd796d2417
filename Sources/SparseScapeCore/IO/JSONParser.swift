import Foundation

/// A strict, fast JSON parser over bytes: RFC 8259 syntax, exact numbers (`DecimalToDouble`), and a duplicate key in
/// any object is an error naming the key and where it is (`duplicate key 'widths' at top level`).
///
/// Errors are one line: `NAME: malformed JSON at line L, column C: why` (no excerpt longer than 40 characters).
public struct JSONParser {
    /// Deepest nesting accepted (deeper documents are an error, not a stack overflow).
    public static let maximumDepth = 256

    /// Parses a whole document; `name` (a file name) starts every error message.
    public static func parse(_ data: Data, name: String) throws -> JSONValue {
        try data.withUnsafeBytes { raw -> JSONValue in
            let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(bitPattern: 1)!
            var parser = JSONParser(start: base, end: base + raw.count, name: name)
            return try parser.document()
        }
    }

    /// Parses a whole document given as text.
    public static func parse(_ text: String, name: String) throws -> JSONValue {
        try parse(Data(text.utf8), name: name)
    }

    private enum PathComponent {
        case key(String)
        case index(Int)
    }

    private let start: UnsafePointer<UInt8>
    private let end: UnsafePointer<UInt8>
    private let name: String
    private var p: UnsafePointer<UInt8>
    private var path: [PathComponent] = []

    private init(start: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>, name: String) {
        self.start = start
        self.end = end
        self.name = name
        self.p = start
    }

    private mutating func document() throws -> JSONValue {
        if end - p >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF { p += 3 }  // a UTF-8 byte order mark
        skipSpace()
        guard p < end else { throw error("the file is empty") }
        let v = try value(depth: 0)
        skipSpace()
        guard p == end else { throw error("unexpected \(describe(p)) after the JSON value") }
        return v
    }

    @inline(__always) private mutating func skipSpace() {
        while p < end {
            let b = p.pointee
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
            p += 1
        }
    }

    private mutating func value(depth: Int) throws -> JSONValue {
        guard p < end else { throw error("unexpected end of input, expected a value") }
        switch p.pointee {
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return try number()
        }
    }

    private mutating func literal(_ word: StaticString) throws {
        let n = word.utf8CodeUnitCount
        guard end - p >= n, memcmp(p, word.utf8Start, n) == 0 else { throw error("unexpected \(describe(p)), expected a value") }
        p += n
    }

    private mutating func number() throws -> JSONValue {
        let first = p
        guard let (v, next) = DecimalToDouble.scan(p, end, strict: true) else {
            let b = p.pointee
            throw error(b == UInt8(ascii: "-") || (48...57).contains(b) ? "invalid number" : "unexpected \(describe(p)), expected a value")
        }
        p = next
        var isInteger = true
        for q in first..<next where q.pointee == UInt8(ascii: ".") || q.pointee | 0x20 == UInt8(ascii: "e") { isInteger = false; break }
        if isInteger && next - first <= 20 {
            let negative = first.pointee == UInt8(ascii: "-")
            var magnitude: UInt64 = 0, overflow = false
            for q in (negative ? first + 1 : first)..<next {
                let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.addingReportingOverflow(UInt64(q.pointee - 48))
                magnitude = s
                overflow = overflow || o1 || o2
            }
            if !overflow {
                if negative && magnitude == 0 { return .number(-0.0) }  // "-0": keep the sign (it reads as 0 where an integer is expected)
                if !negative && magnitude <= UInt64(Int64.max) { return .integer(Int64(magnitude)) }
                if !negative { return .unsigned(magnitude) }
                if magnitude <= UInt64(Int64.max) + 1 { return .integer(magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)) }
            }
        }
        guard v.isFinite else {
            p = first
            throw error("the number \(SafeText.quoted(String(decoding: UnsafeBufferPointer(start: first, count: next - first), as: UTF8.self))) is out of the range of a double")
        }
        return .number(v)
    }

    private mutating func string() throws -> String {
        p += 1  // the opening quote
        let contentStart = p
        // The common case: no escapes.
        while p < end {
            let b = p.pointee
            if b == UInt8(ascii: "\"") {
                let bytes = UnsafeBufferPointer(start: contentStart, count: p - contentStart)
                guard let s = String(validating: bytes, as: UTF8.self) else { p = contentStart; throw error("a string is not valid UTF-8") }
                p += 1
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw error("a control character (\(SafeText.escaped(String(UnicodeScalar(b))))) inside a string; write it as an escape") }
            p += 1
        }
        var bytes = [UInt8](UnsafeBufferPointer(start: contentStart, count: p - contentStart))
        while p < end {
            let b = p.pointee
            if b == UInt8(ascii: "\"") {
                guard let s = String(validating: bytes, as: UTF8.self) else { p = contentStart; throw error("a string is not valid UTF-8") }
                p += 1
                return s
            }
            if b < 0x20 { throw error("a control character (\(SafeText.escaped(String(UnicodeScalar(b))))) inside a string; write it as an escape") }
            if b != UInt8(ascii: "\\") { bytes.append(b); p += 1; continue }
            guard p + 1 < end else { break }
            let e = p[1]
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(e)
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "u"):
                var unit = try hex4(p + 2)
                p += 6
                if (0xD800...0xDBFF).contains(unit) {
                    guard end - p >= 6, p[0] == UInt8(ascii: "\\"), p[1] == UInt8(ascii: "u"),
                          case let low = try hex4(p + 2), (0xDC00...0xDFFF).contains(low) else {
                        throw error("a \\u escape gives an unpaired surrogate")
                    }
                    unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    p += 6
                } else if (0xDC00...0xDFFF).contains(unit) {
                    throw error("a \\u escape gives an unpaired surrogate")
                }
                bytes.append(contentsOf: Array(String(UnicodeScalar(unit)!).utf8))
                continue
            default:
                throw error("invalid escape \(describe(p + 1)) in a string")
            }
            p += 2
        }
        throw error("unexpected end of input inside a string")
    }

    private func hex4(_ q: UnsafePointer<UInt8>) throws -> UInt32 {
        guard end - q >= 4 else { throw error("unexpected end of input in a \\u escape") }
        var v: UInt32 = 0
        for i in 0..<4 {
            let c = q[i]
            let d: UInt8
            switch c {
            case 48...57: d = c - 48
            case 65...70: d = c - 55
            case 97...102: d = c - 87
            default: throw error("invalid \\u escape (4 hexadecimal digits expected)")
            }
            v = v << 4 | UInt32(d)
        }
        return v
    }

    private mutating func array(depth: Int) throws -> JSONValue {
        guard depth <= Self.maximumDepth else { throw error("nested more than \(Self.maximumDepth) levels deep") }
        p += 1
        var items: [JSONValue] = []
        skipSpace()
        if p < end && p.pointee == UInt8(ascii: "]") { p += 1; return .array(items) }
        path.append(.index(0))
        while true {
            path[path.count - 1] = .index(items.count)
            skipSpace()
            items.append(try value(depth: depth))
            skipSpace()
            guard p < end else { throw error("unexpected end of input, expected ',' or ']'") }
            if p.pointee == UInt8(ascii: ",") { p += 1; continue }
            if p.pointee == UInt8(ascii: "]") { p += 1; break }
            throw error("unexpected \(describe(p)), expected ',' or ']'")
        }
        path.removeLast()
        return .array(items)
    }

    private mutating func object(depth: Int) throws -> JSONValue {
        guard depth <= Self.maximumDepth else { throw error("nested more than \(Self.maximumDepth) levels deep") }
        p += 1
        var fields: [(key: String, value: JSONValue)] = []
        var seen: Set<String> = []
        skipSpace()
        if p < end && p.pointee == UInt8(ascii: "}") { p += 1; return .object(fields) }
        while true {
            skipSpace()
            guard p < end, p.pointee == UInt8(ascii: "\"") else {
                throw error(p < end ? "unexpected \(describe(p)), expected a key in double quotes" : "unexpected end of input, expected a key")
            }
            let keyStart = p
            let key = try string()
            if !seen.insert(key).inserted {
                p = keyStart
                throw error("duplicate key \(SafeText.quoted(key)) at \(pathText())", malformed: false)
            }
            skipSpace()
            guard p < end, p.pointee == UInt8(ascii: ":") else { throw error("expected ':' after the key \(SafeText.quoted(key))") }
            p += 1
            skipSpace()
            path.append(.key(key))
            fields.append((key, try value(depth: depth)))
            path.removeLast()
            skipSpace()
            guard p < end else { throw error("unexpected end of input, expected ',' or '}'") }
            if p.pointee == UInt8(ascii: ",") { p += 1; continue }
            if p.pointee == UInt8(ascii: "}") { p += 1; break }
            throw error("unexpected \(describe(p)), expected ',' or '}'")
        }
        return .object(fields)
    }

    /// "top level", or the path of the current object: `points`, `layers[1]`.
    private func pathText() -> String {
        if path.isEmpty { return "top level" }
        var s = ""
        for c in path {
            switch c {
            case .key(let k): s += s.isEmpty ? SafeText.excerpt(k) : "." + SafeText.excerpt(k)
            case .index(let i): s += "[\(i)]"
            }
        }
        return s
    }

    /// The byte at `q` for a message: `'x'`, or "end of input".
    private func describe(_ q: UnsafePointer<UInt8>) -> String {
        guard q < end else { return "end of input" }
        let b = q.pointee
        if b < 0x80 { return SafeText.quoted(String(UnicodeScalar(b))) }
        return String(format: "byte 0x%02X", b)
    }

    /// An error at the current position: `NAME: malformed JSON at line L, column C: why`.
    private func error(_ why: String, malformed: Bool = true) -> SparseScapeError {
        var line = 1, column = 1
        var q = start
        while q < p && q < end {
            if q.pointee == 0x0A { line += 1; column = 1 } else if q.pointee & 0xC0 != 0x80 { column += 1 }
            q += 1
        }
        if malformed { return SparseScapeError("\(name): malformed JSON at line \(line), column \(column): \(why)") }
        return SparseScapeError("\(name): \(why) (line \(line), column \(column))")
    }
}
