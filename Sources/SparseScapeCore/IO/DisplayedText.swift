/// Checks text from input files that is shown as is on the terminal (a config's name, description, point labels).
public enum DisplayedText {
    /// Why `text` cannot be shown raw (it holds a control character: an ANSI escape, a newline, a bidi override),
    /// naming `field` and the first offending character's position and code, never the text; nil when it is fine
    /// or absent.
    public static func problem(_ text: String?, field: String) -> String? {
        guard let text else { return nil }
        for (k, u) in text.unicodeScalars.enumerated() where SafeText.needsEscape(u) {
            let code = "U+" + String(repeating: "0", count: max(0, 4 - String(u.value, radix: 16).count))
                + String(u.value, radix: 16, uppercase: true)
            return "\(field) contains a control character (\(code) at character \(k + 1)); names are shown on the terminal, so they must be plain text"
        }
        return nil
    }
}
