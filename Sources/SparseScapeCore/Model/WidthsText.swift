/// Widths for messages: the whole list when short, else its ends and the count ("[1, 1, 1, …, 1, 1] (100001 widths)").
public enum WidthsText {
    /// The list as written, shortened in the middle beyond 12 entries.
    public static func describe(_ widths: [Int]) -> String {
        guard widths.count > 12 else { return "\(widths)" }
        let head = widths.prefix(5).map(String.init).joined(separator: ", ")
        let tail = widths.suffix(2).map(String.init).joined(separator: ", ")
        return "[\(head), …, \(tail)] (\(widths.count) widths)"
    }
}
