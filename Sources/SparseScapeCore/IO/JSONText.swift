import Foundation

/// JSON text laid out for people (configs, point files, `--json` output), written with `JSONBytes`, the one writer.
public enum JSONText {
    /// A JSON string literal (`JSONBytes.appendString`).
    public static func string(_ s: String) -> String {
        var out: [UInt8] = []
        JSONBytes.appendString(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A number in the shortest form that reads back to the same double (non-finite values as `JSONBytes.appendNumber`
    /// writes them: "NaN", "Infinity", "-Infinity").
    public static func number(_ v: Double) -> String {
        var out: [UInt8] = []
        JSONBytes.appendNumber(v, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A one-line array of numbers, `[a, b, …]`, each in the form of `number(_:)`, written in one pass.
    public static func numberArray(_ values: [Double]) -> String {
        var out: [UInt8] = []
        JSONBytes.appendDoubleArray(values, to: &out, separator: ", ")
        return String(decoding: out, as: UTF8.self)
    }

    /// A one-line array of already-rendered values.
    public static func array(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }

    /// An array of arrays, one inner array per line, indented.
    public static func nested(_ rows: [[String]], indent: Int) -> String {
        nestedAny(rows.map { array($0) }, indent: indent)
    }

    /// An array of rendered arrays (of any depth), one per line.
    public static func nested(_ blocks: [[[String]]], indent: Int) -> String {
        let pad = String(repeating: " ", count: indent + 2)
        return nestedAny(blocks.map { block in "[\n" + block.map { pad + "  " + array($0) }.joined(separator: ",\n") + "\n" + pad + "]" }, indent: indent)
    }

    private static func nestedAny(_ items: [String], indent: Int) -> String {
        let pad = String(repeating: " ", count: indent + 2)
        return "[\n" + items.map { pad + $0 }.joined(separator: ",\n") + "\n" + String(repeating: " ", count: indent) + "]"
    }

    /// Encodes a value with `compact(_:)`, then lays it out with scalar arrays on one line.
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        var bytes = prettyPrint(bytes: try compact(value))
        bytes.append(UInt8(ascii: "\n"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The compact JSON bytes of `value`: Foundation's `JSONEncoder` with sorted keys, slashes as they are and the
    /// one non-finite policy ("NaN", "Infinity", "-Infinity" as strings), then the scalars a terminal acts on (DEL,
    /// C1 controls, line separators, bidi overrides: `SafeText.needsEscape`) written as `\uXXXX` escapes, as
    /// `JSONBytes.appendString` writes them (the same strings for any JSON reader).
    public static func compact<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        let bytes = [UInt8](try encoder.encode(value))
        guard bytes.contains(where: { $0 >= 0x7F }) else { return bytes }
        // Such scalars can only stand inside string literals, so escaping them wherever they occur is exact.
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        for u in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            if SafeText.needsEscape(u) {
                var units: [UInt8] = []
                JSONBytes.appendString(String(u), to: &units)
                out.append(contentsOf: units.dropFirst().dropLast())
            } else {
                out.append(contentsOf: UTF8.encode(u)!)
            }
        }
        return out
    }

    /// Re-indents compact JSON text, keeping arrays that hold only scalars on one line.
    public static func prettyPrint(_ compact: String) -> String {
        String(decoding: prettyPrint(bytes: Array(compact.utf8)), as: UTF8.self)
    }

    /// Re-indents compact JSON bytes (one pass over bytes into a preallocated buffer), keeping arrays that hold only
    /// scalars on one line.
    public static func prettyPrint(bytes chars: [UInt8]) -> [UInt8] {
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), comma = UInt8(ascii: ","), colon = UInt8(ascii: ":")
        let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]"), openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
        let space = UInt8(ascii: " "), newlineByte = UInt8(ascii: "\n")
        var out: [UInt8] = []
        out.reserveCapacity(chars.count + chars.count / 4 + 64)
        var indent = 0
        var i = 0
        let n = chars.count
        func newline() { out.append(newlineByte); for _ in 0..<(indent * 2) { out.append(space) } }
        /// The end of the scalar-only array opening at `start` (the index of its ']'), or nil when it holds a container.
        func scalarOnlyArrayEnd(from start: Int) -> Int? {
            var j = start + 1, inString = false
            while j < n {
                let c = chars[j]
                if inString { if c == backslash { j += 2; continue }; if c == quote { inString = false } }
                else if c == quote { inString = true }
                else if c == openBracket || c == openBrace { return nil }
                else if c == closeBracket { return j }
                j += 1
            }
            return n - 1
        }
        while i < n {
            let c = chars[i]
            if c == quote {
                var j = i + 1
                while j < n { if chars[j] == backslash { j += 2; continue }; if chars[j] == quote { break }; j += 1 }
                out.append(contentsOf: chars[i...min(j, n - 1)])
                i = j + 1
                continue
            }
            switch c {
            case openBrace, openBracket:
                if c == openBracket, let close = scalarOnlyArrayEnd(from: i) {
                    // The whole array on one line, ", " between items (commas inside strings kept as they are).
                    var k = i, inString = false
                    while k <= close {
                        let b = chars[k]
                        out.append(b)
                        if inString { if b == backslash && k + 1 <= close { out.append(chars[k + 1]); k += 2; continue }; if b == quote { inString = false } }
                        else if b == quote { inString = true }
                        else if b == comma { out.append(space) }
                        k += 1
                    }
                    i = close + 1
                    continue
                }
                out.append(c)
                if i + 1 < n && (chars[i + 1] == closeBrace || chars[i + 1] == closeBracket) { out.append(chars[i + 1]); i += 2; continue }
                indent += 1
                newline()
            case closeBrace, closeBracket:
                indent -= 1
                newline()
                out.append(c)
            case comma:
                out.append(c)
                newline()
            case colon:
                out.append(c); out.append(space)
            default:
                out.append(c)
            }
            i += 1
        }
        return out
    }
}
