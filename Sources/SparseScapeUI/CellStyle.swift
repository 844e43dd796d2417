/// Text attributes of a cell: bold, dim, underline, reverse.
public struct CellStyle: OptionSet, Hashable, Sendable {
    /// The raw bits.
    public let rawValue: UInt8

    /// A style from its raw bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Bold.
    public static let bold = CellStyle(rawValue: 1)
    /// Dim (faint).
    public static let dim = CellStyle(rawValue: 2)
    /// Underlined.
    public static let underline = CellStyle(rawValue: 4)
    /// Foreground and background swapped.
    public static let reverse = CellStyle(rawValue: 8)

    /// Short code for dumps: "b", "d", "u", "r" concatenated, or "-" when plain.
    public var code: String {
        if isEmpty { return "-" }
        var s = ""
        if contains(.bold) { s += "b" }
        if contains(.dim) { s += "d" }
        if contains(.underline) { s += "u" }
        if contains(.reverse) { s += "r" }
        return s
    }
}
