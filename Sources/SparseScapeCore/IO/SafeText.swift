/// Makes untrusted text (file contents, names, paths, option values) safe to print on one terminal line.
///
/// Every message that quotes something the user gave goes through `SafeText.quoted` (a short excerpt) or
/// `SafeText.escaped` (the whole value): control characters become visible escapes (`\n`, `\t`, `\u{1B}`), so a
/// name with ANSI sequences cannot repaint the terminal and a newline in a path cannot split an error line.
public enum SafeText {
    /// Longest excerpt of an input quoted in a message, in characters.
    public static let excerptLimit = 40

    /// `text` with every control character (C0, DEL, C1, and the Unicode line/paragraph separators and bidi
    /// overrides) replaced by a visible escape.
    public static func escaped(_ text: some StringProtocol) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for u in text.unicodeScalars {
            switch u {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\\": out += "\\\\"
            default:
                if needsEscape(u) { out += "\\u{" + String(u.value, radix: 16, uppercase: true) + "}" }
                else { out.unicodeScalars.append(u) }
            }
        }
        return out
    }

    /// At most `limit` characters of `text`, escaped, with "…" and the full length when it was cut.
    public static func excerpt(_ text: some StringProtocol, limit: Int = excerptLimit) -> String {
        let scalars = text.unicodeScalars
        var count = 0
        var end = scalars.startIndex
        while end != scalars.endIndex && count < limit { end = scalars.index(after: end); count += 1 }
        if end == scalars.endIndex { return escaped(text) }
        let total = text.utf8.count
        return escaped(String(String.UnicodeScalarView(scalars[scalars.startIndex..<end]))) + "… (\(total) bytes)"
    }

    /// An excerpt in single quotes, for messages: `'abc'`.
    public static func quoted(_ text: some StringProtocol, limit: Int = excerptLimit) -> String {
        "'" + excerpt(text, limit: limit) + "'"
    }

    /// True for scalars that must not reach a terminal raw.
    static func needsEscape(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) { return true }
        // Line/paragraph separators and bidirectional overrides/isolates reorder or break the displayed line.
        if v == 0x2028 || v == 0x2029 || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) { return true }
        return false
    }
}

/// The rule for everything written to a terminal.
extension SafeText {
    /// `text` with every control character that `escaped` escapes shown escaped, except newlines and tabs (the
    /// layout of a report), and backslashes kept as they are (text already escaped is unchanged). Every line the
    /// command-line program prints on stdout passes this rule last, whatever it quotes (a config's name, a sweep
    /// record's network, a path); JSON text never changes under it, since JSON strings carry those characters
    /// as `\uXXXX` escapes (`JSONBytes.appendString`, `JSONText.string`).
    public static func terminal(_ text: some StringProtocol) -> String {
        if !text.utf8.contains(where: { $0 < 0x20 && $0 != 0x0A && $0 != 0x09 || $0 == 0x7F || $0 >= 0xC2 }) { return String(text) }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for u in text.unicodeScalars {
            if u != "\n" && u != "\t" && needsEscape(u) { out += escaped(String(u)) } else { out.unicodeScalars.append(u) }
        }
        return out
    }
}
