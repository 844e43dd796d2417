/// Short excerpts of lists read from the input (numbers, names), for messages.
extension SafeText {
    /// Most entries `list` shows before cutting.
    public static let listLimit = 8

    /// `values` as `[a, b, c]`, or its first `limit` entries and the count when longer: `[1, 1, …] (2001 entries)`.
    ///
    /// A config's widths or a shape can hold any number of entries; a message quoting them stays one short line.
    public static func list(_ values: [Int], limit: Int = listLimit) -> String {
        if values.count <= limit { return "[" + values.map(String.init).joined(separator: ", ") + "]" }
        return "[" + values.prefix(limit).map(String.init).joined(separator: ", ") + ", …] (\(values.count) entries)"
    }

    /// `names` separated by commas, each an escaped excerpt of at most `each` characters, and at most `limit` of
    /// them with the count when there are more: `a, b, … (12 in all)`.
    public static func names(_ names: [String], limit: Int = 5, each: Int = 16) -> String {
        let shown = names.prefix(limit).map { excerpt($0, limit: each) }.joined(separator: ", ")
        return names.count <= limit ? shown : shown + ", … (\(names.count) in all)"
    }
}
