import Foundation

/// Small helpers that write JSON text with exact (round-tripping) numbers and compact numeric rows.
public enum JSONText {
    /// A JSON string literal.
    public static func string(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }

    /// A number in the shortest form that reads back to the same double (non-finite values become null).
    public static func number(_ v: Double) -> String {
        guard v.isFinite else { return "null" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
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

    /// Encodes a value with JSONEncoder, then lays it out with scalar arrays on one line.
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        enc.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        let data = try enc.encode(value)
        return prettyPrint(String(decoding: data, as: UTF8.self)) + "\n"
    }

    /// Re-indents compact JSON text, keeping arrays that hold only scalars on one line.
    public static func prettyPrint(_ compact: String) -> String {
        let chars = Array(compact.unicodeScalars)
        // Find, for each '[', whether it contains a nested container (then it is broken over lines).
        var out = String.UnicodeScalarView()
        var indent = 0
        var i = 0
        var inlineDepth = 0  // > 0 while inside a scalar-only array
        func newline() { out.append("\n"); for _ in 0..<(indent * 2) { out.append(" ") } }
        func scalarOnlyArray(from start: Int) -> Bool {
            var j = start + 1, inString = false
            while j < chars.count {
                let c = chars[j]
                if inString { if c == "\\" { j += 2; continue }; if c == "\"" { inString = false } }
                else if c == "\"" { inString = true }
                else if c == "[" || c == "{" { return false }
                else if c == "]" { return true }
                j += 1
            }
            return true
        }
        while i < chars.count {
            let c = chars[i]
            if c == "\"" {
                var j = i + 1
                while j < chars.count { if chars[j] == "\\" { j += 2; continue }; if chars[j] == "\"" { break }; j += 1 }
                out.append(contentsOf: chars[i...min(j, chars.count - 1)])
                i = j + 1
                continue
            }
            if inlineDepth > 0 {
                out.append(c)
                if c == "," { out.append(" ") }
                if c == "]" { inlineDepth -= 1 }
                i += 1
                continue
            }
            switch c {
            case "{", "[":
                if c == "[" && scalarOnlyArray(from: i) { inlineDepth = 1; out.append(c); i += 1; continue }
                out.append(c)
                if i + 1 < chars.count && (chars[i + 1] == "}" || chars[i + 1] == "]") { out.append(chars[i + 1]); i += 2; continue }
                indent += 1
                newline()
            case "}", "]":
                indent -= 1
                newline()
                out.append(c)
            case ",":
                out.append(c)
                newline()
            case ":":
                out.append(c); out.append(" ")
            default:
                out.append(c)
            }
            i += 1
        }
        return String(out)
    }
}
