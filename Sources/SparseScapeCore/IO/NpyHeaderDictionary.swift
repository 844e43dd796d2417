/// The dictionary of a `.npy` header, read as NumPy reads it — or refused.
///
/// NumPy evaluates the header with `ast.literal_eval` and then insists on a dict with exactly the keys `descr`,
/// `fortran_order` (a bool) and `shape` (a tuple of ints). This parser accepts the same Python literal syntax —
/// `{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }`, either quote, any white space, an optional
/// trailing comma, a 1-tuple written `(3,)` — and refuses whatever NumPy refuses: another key, a missing one, a
/// value of the wrong type (`fortran_order: Trueish`, `shape: (3)` which is an int, not a tuple), and any text after
/// the closing brace but white space. It is stricter in one place: a key given twice is refused (Python keeps the
/// last one silently; an earlier version of this reader kept the first, so the same file read differently).
/// Escapes inside strings, comments and structured dtypes (a list as `descr`) are refused too.
///
/// Errors describe where the header is wrong, never quote its text (it may be the text of a file that is not a
/// `.npy` file at all).
struct NpyHeaderDictionary {
    /// `descr`: the dtype string.
    var descr: String
    /// `fortran_order`.
    var fortranOrder: Bool
    /// `shape`: its entries (empty for a 0-d array).
    var shape: [Int]

    /// A header the parser refuses; `why` describes the problem without quoting the header.
    struct Invalid: Error {
        var why: String
    }

    /// Parses the header's bytes (after the length field, padding and newline included).
    init(_ bytes: [UInt8]) throws {
        var p = Parser(bytes: bytes)
        var descr: String?, fortran: Bool?, shape: [Int]?
        p.skipSpace()
        try p.expect(UInt8(ascii: "{"), "the header is not a Python dict literal (it must start with '{')")
        p.skipSpace()
        while !p.take(UInt8(ascii: "}")) {
            guard let key = try p.string() else { throw Invalid(why: "a key of the header dict is not a string literal") }
            p.skipSpace()
            try p.expect(UInt8(ascii: ":"), "a key of the header dict is not followed by ':'")
            p.skipSpace()
            switch key {
            case "descr":
                guard descr == nil else { throw Invalid(why: "the key 'descr' appears twice in the header") }
                guard let s = try p.string() else {
                    throw Invalid(why: "'descr' is not a string (a structured dtype is not supported; use float64 or float32)")
                }
                descr = s
            case "fortran_order":
                guard fortran == nil else { throw Invalid(why: "the key 'fortran_order' appears twice in the header") }
                if p.word("True") { fortran = true } else if p.word("False") { fortran = false } else {
                    throw Invalid(why: "'fortran_order' is not True or False")
                }
            case "shape":
                guard shape == nil else { throw Invalid(why: "the key 'shape' appears twice in the header") }
                shape = try p.tuple()
            default:
                throw Invalid(why: "the header has a key other than 'descr', 'fortran_order' and 'shape' (not shown)")
            }
            p.skipSpace()
            if p.take(UInt8(ascii: ",")) { p.skipSpace(); continue }
            try p.expect(UInt8(ascii: "}"), "the entries of the header dict are not separated by ','")
            break
        }
        p.skipSpace()
        guard p.atEnd else { throw Invalid(why: "text follows the header dict's closing brace") }
        guard let descr else { throw Invalid(why: "no 'descr' in header") }
        guard let fortran else { throw Invalid(why: "no 'fortran_order' in header") }
        guard let shape else { throw Invalid(why: "no 'shape' in header") }
        self.descr = descr
        self.fortranOrder = fortran
        self.shape = shape
    }

    /// A cursor over the header's bytes.
    private struct Parser {
        let bytes: [UInt8]
        var i = 0

        var atEnd: Bool { i >= bytes.count }

        /// Python's white space between tokens inside brackets (newlines included).
        mutating func skipSpace() {
            while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C].contains(bytes[i]) { i += 1 }
        }

        mutating func take(_ b: UInt8) -> Bool {
            guard i < bytes.count, bytes[i] == b else { return false }
            i += 1
            return true
        }

        mutating func expect(_ b: UInt8, _ why: String) throws {
            guard take(b) else { throw Invalid(why: atEnd ? "the header ends before its dict does" : why) }
        }

        /// `True`/`False` as a whole word.
        mutating func word(_ w: String) -> Bool {
            let u = Array(w.utf8)
            guard i + u.count <= bytes.count, Array(bytes[i..<(i + u.count)]) == u else { return false }
            let next = i + u.count
            if next < bytes.count, bytes[next] == UInt8(ascii: "_") || (bytes[next] < 0x80 && Character(UnicodeScalar(bytes[next])).isLetter)
                || (bytes[next] >= UInt8(ascii: "0") && bytes[next] <= UInt8(ascii: "9")) { return false }
            i = next
            return true
        }

        /// A string literal in single or double quotes without escapes; nil when none starts here.
        mutating func string() throws -> String? {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "'") || bytes[i] == UInt8(ascii: "\"") else { return nil }
            let quote = bytes[i]
            var j = i + 1
            while j < bytes.count, bytes[j] != quote {
                if bytes[j] == UInt8(ascii: "\\") { throw Invalid(why: "a string of the header holds an escape (not supported)") }
                if bytes[j] == 0x0A || bytes[j] == 0x0D { throw Invalid(why: "a string of the header is not closed on its line") }
                j += 1
            }
            guard j < bytes.count else { throw Invalid(why: "a string of the header is not closed") }
            // Latin-1, as NumPy decodes version 1 and 2 headers (a byte is a character).
            let s = String(String.UnicodeScalarView(bytes[(i + 1)..<j].map { Unicode.Scalar($0) }))
            i = j + 1
            return s
        }

        /// A tuple of integers: `()`, `(n,)`, `(a, b)`, `(a, b,)`.
        mutating func tuple() throws -> [Int] {
            guard take(UInt8(ascii: "(")) else {
                throw Invalid(why: "'shape' is not a tuple (a 1-D shape is written (n,))")
            }
            var out: [Int] = []
            skipSpace()
            if take(UInt8(ascii: ")")) { return out }
            while true {
                out.append(try integer(entry: out.count + 1))
                skipSpace()
                if take(UInt8(ascii: ",")) {
                    skipSpace()
                    if take(UInt8(ascii: ")")) { return out }
                    continue
                }
                if take(UInt8(ascii: ")")) {
                    if out.count == 1 { throw Invalid(why: "'shape' is not a tuple ((n) is a number; a 1-D shape is written (n,))") }
                    return out
                }
                throw Invalid(why: atEnd ? "the header ends inside 'shape'" : "shape entry \(out.count + 1) is not an integer")
            }
        }

        /// A Python integer literal (optional sign, digits with single underscores between them, no leading zero).
        mutating func integer(entry k: Int) throws -> Int {
            var negative = false
            if take(UInt8(ascii: "-")) { negative = true } else { _ = take(UInt8(ascii: "+")) }
            skipSpace()
            let start = i
            var digits: [UInt8] = []
            while i < bytes.count {
                let b = bytes[i]
                if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") { digits.append(b); i += 1; continue }
                if b == UInt8(ascii: "_"), i > start, i + 1 < bytes.count, bytes[i - 1] != UInt8(ascii: "_"),
                   bytes[i + 1] >= UInt8(ascii: "0") && bytes[i + 1] <= UInt8(ascii: "9") { i += 1; continue }
                break
            }
            let next = i < bytes.count ? bytes[i] : 0x20
            let letterFollows = next == UInt8(ascii: "_") || next == UInt8(ascii: ".")
                || (next < 0x80 && Character(UnicodeScalar(next)).isLetter)
            guard !digits.isEmpty, !letterFollows else { throw Invalid(why: "shape entry \(k) is not an integer") }
            if digits.count > 1 && digits[0] == UInt8(ascii: "0") && digits.contains(where: { $0 != UInt8(ascii: "0") }) {
                throw Invalid(why: "shape entry \(k) is not an integer (a leading zero)")
            }
            guard let v = Int(String(decoding: digits, as: UTF8.self)) else {
                throw Invalid(why: "shape entry \(k) is too large")
            }
            guard !negative || v == 0 else { throw Invalid(why: "shape entry \(k) is negative (-\(v))") }
            return v
        }
    }
}
