/// Appends JSON scalars (numbers, string literals, arrays of numbers) to a byte buffer as UTF-8, as Foundation's
/// `JSONEncoder` writes them (`JSONText.compact`, the tool's one encoder): the pieces of the files `JSONText` lays
/// out by hand (configs, point files), with the same number form, string escapes and non-finite policy.
///
/// Numbers are written as `JSONEncoder` writes them: a double in Swift's shortest round-trip form (`description`,
/// so it reads back bit-identical, `-0` included) with a trailing ".0" dropped; strings with `"`, `\` and the
/// control characters escaped (`\b \f \n \r \t`, others `\u00XX`), slashes and other characters as they are.
/// The one policy for non-finite numbers: the strings "NaN", "Infinity" and "-Infinity" (`JSONEncoder`'s
/// `.convertToString` with those names; `JSONValueDecoder` reads them back as numbers).
public enum JSONBytes {
    /// Appends `v`: shortest round-trip form when finite, else "NaN", "Infinity" or "-Infinity" as a JSON string.
    @inline(__always)
    public static func appendNumber(_ v: Double, to out: inout [UInt8]) {
        if v.isFinite { appendDouble(v, to: &out) } else { appendNonFinite(v, to: &out) }
    }

    /// Appends "NaN", "Infinity" or "-Infinity" (with the quotes) for a non-finite `v`.
    public static func appendNonFinite(_ v: Double, to out: inout [UInt8]) {
        appendString(v.isNaN ? "NaN" : (v > 0 ? "Infinity" : "-Infinity"), to: &out)
    }

    /// Appends `v` in shortest round-trip form (finite values only; the caller decides what non-finite values become).
    @inline(__always)
    public static func appendDouble(_ v: Double, to out: inout [UInt8]) {
        var text = v.description
        text.withUTF8 { appendNumberText($0, to: &out) }
    }

    /// Appends a float in its own shortest round-trip form (finite values only).
    public static func appendFloat(_ v: Float, to out: inout [UInt8]) {
        var text = v.description
        text.withUTF8 { appendNumberText($0, to: &out) }
    }

    /// Appends a number's text without a trailing ".0".
    @inline(__always)
    static func appendNumberText(_ text: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var n = text.count
        if n >= 2 && text[n - 2] == UInt8(ascii: ".") && text[n - 1] == UInt8(ascii: "0") { n -= 2 }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: text[0..<n]))
    }

    /// Appends a signed integer in decimal.
    @inline(__always)
    public static func appendInteger<I: BinaryInteger>(_ v: I, to out: inout [UInt8]) {
        if let small = Int(exactly: v), small >= 0, small < 10 { out.append(UInt8(ascii: "0") + UInt8(small)); return }
        var text = String(v)
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    /// Appends `[a,b,…]` of doubles, each as `appendNumber` writes it; `separator` goes between items (compact: ",").
    public static func appendDoubleArray(_ values: [Double], to out: inout [UInt8], separator: String = ",") {
        out.reserveCapacity(out.count + values.count * 24 + 2)
        out.append(UInt8(ascii: "["))
        for (k, v) in values.enumerated() {
            if k > 0 { out.append(contentsOf: separator.utf8) }
            if v.isFinite { appendDouble(v, to: &out) } else { appendNonFinite(v, to: &out) }
        }
        out.append(UInt8(ascii: "]"))
    }

    /// Appends `[a,b,…]` (compact) of integers.
    public static func appendIntegerArray(_ values: [Int], to out: inout [UInt8]) {
        out.reserveCapacity(out.count + values.count * 4 + 2)
        out.append(UInt8(ascii: "["))
        for (k, v) in values.enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            appendInteger(v, to: &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    /// Appends a JSON string literal. Scalars a terminal acts on (DEL, C1 controls, line and paragraph separators,
    /// bidi overrides: `SafeText.needsEscape`) are written as `\uXXXX` like the C0 controls: the same string for a
    /// JSON reader, and JSON printed on a terminal cannot carry them raw.
    public static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        if s.utf8.allSatisfy({ $0 < 0x7F }) {
            for b in s.utf8 { appendASCII(b, to: &out) }
        } else {
            for u in s.unicodeScalars {
                if u.value < 0x7F { appendASCII(UInt8(u.value), to: &out) }
                else if SafeText.needsEscape(u) { appendEscape(u.value, to: &out) }
                else { out.append(contentsOf: UTF8.encode(u)!) }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// One ASCII byte of a string literal: the JSON escapes for `"`, `\` and C0 controls, else the byte.
    @inline(__always)
    private static func appendASCII(_ b: UInt8, to out: inout [UInt8]) {
        switch b {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(b)
        case 0x0A: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
        case 0x09: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
        case 0x08: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "b"))
        case 0x0C: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "f"))
        case 0..<0x20: appendEscape(UInt32(b), to: &out)
        default: out.append(b)
        }
    }

    /// `\uXXXX` for a BMP scalar.
    private static func appendEscape(_ v: UInt32, to out: inout [UInt8]) {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), hex[Int(v >> 12 & 0xF)], hex[Int(v >> 8 & 0xF)],
                                hex[Int(v >> 4 & 0xF)], hex[Int(v & 0xF)]])
    }
}
