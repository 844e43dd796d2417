/// One terminal line from any text, for the last step before printing.
extension SafeText {
    /// Longest line `oneLine` returns, in characters (before its "… (N bytes)" suffix).
    public static let lineLimit = 1000

    /// `text` with control characters escaped as `escaped` does but backslashes kept (so text already escaped is
    /// unchanged), cut to `limit` characters with "… (N bytes)" when longer.
    ///
    /// A safety net for whole messages: the parts quoting input should already be `quoted` or `escaped`.
    public static func oneLine(_ text: some StringProtocol, limit: Int = lineLimit) -> String {
        var out = ""
        var count = 0
        for u in text.unicodeScalars {
            if count >= limit { return out + "… (\(text.utf8.count) bytes)" }
            if needsEscape(u) { out += escaped(String(u)) } else { out.unicodeScalars.append(u) }
            count += 1
        }
        return out
    }
}
