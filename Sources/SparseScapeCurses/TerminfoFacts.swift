import CNcursesw

/// What the terminfo database says about a terminal type's colours.
public struct TerminfoFacts: Equatable, Sendable {
    /// The `colors` capability (−1 when absent).
    public var colors: Int
    /// The `RGB` capability: colour numbers are packed 0xRRGGBB (ncurses' direct colour).
    public var rgb: Bool
    /// The `Tc` flag (tmux's extension): the terminal draws 24-bit colour, though the entry's colours are a palette.
    public var truecolorFlag: Bool

    /// Facts given directly (for tests and callers that know them).
    public init(colors: Int, rgb: Bool, truecolorFlag: Bool = false) {
        self.colors = colors
        self.rgb = rgb
        self.truecolorFlag = truecolorFlag
    }

    /// True for a direct-colour entry: the `RGB` flag, or 2²⁴ colours or more.
    public var isDirect: Bool { rgb || colors >= ColorQuantizer.directColors }

    /// Reads the entry for `term` from the terminfo database without printing anything; nil when it is unknown.
    ///
    /// Call only before curses starts: it sets up and drops a temporary terminal.
    public static func probe(_ term: String) -> TerminfoFacts? {
        var colors: Int32 = -1, rgb: Int32 = 0, tc: Int32 = 0
        guard sparsescape_terminfo_colors(term, &colors, &rgb, &tc) == 1 else { return nil }
        return TerminfoFacts(colors: Int(colors), rgb: rgb != 0, truecolorFlag: tc != 0)
    }
}
