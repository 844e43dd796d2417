/// The characters the widgets draw with: Unicode (braille, half blocks, box drawing) or a plain ASCII fallback.
///
/// The backend picks one from the locale (or `--glyphs ascii`); every glyph is single-width.
public struct GlyphSet: Equatable, Sendable {
    /// True when braille dot patterns (U+2800 block) may be used for charts.
    public var braille: Bool
    /// True when half blocks may be used for heatmaps (two pixels per cell).
    public var halfBlocks: Bool
    /// Upper half block (heatmap pixels: fg = upper, bg = lower).
    public var upperHalf: Character
    /// Lower half block.
    public var lowerHalf: Character
    /// Full block (live weights in the matrix view, colour bars).
    public var fullBlock: Character
    /// Horizontal line.
    public var horizontal: Character
    /// Vertical line.
    public var vertical: Character
    /// Top-left corner.
    public var topLeft: Character
    /// Top-right corner.
    public var topRight: Character
    /// Bottom-left corner.
    public var bottomLeft: Character
    /// Bottom-right corner.
    public var bottomRight: Character
    /// Rising diagonal (an edge going up to the right).
    public var diagonalUp: Character
    /// Falling diagonal (an edge going down to the right).
    public var diagonalDown: Character
    /// Dashed horizontal (pruned edges).
    public var dashedHorizontal: Character
    /// Dashed vertical (pruned edges, mask-change marks).
    public var dashedVertical: Character
    /// A node, and the current point on the slice.
    public var filledCircle: Character
    /// An unreachable node.
    public var hollowCircle: Character
    /// A small dot (pruned weights in the matrix view, path points).
    public var dot: Character
    /// The best-known point.
    public var star: Character
    /// A plotted point when braille is unavailable.
    public var plotPoint: Character
    /// The second series' plotted point when braille is unavailable.
    public var plotPoint2: Character
    /// Heavy horizontal line (live edges with w < 0 in the legend; '=' in ASCII).
    public var heavyHorizontal: Character
    /// Dotted horizontal line (useless edges in the legend).
    public var dottedHorizontal: Character
    /// Heavy dashed horizontal line (revivable edges in the legend).
    public var heavyDashedHorizontal: Character
    /// A small ring: a live weight that is (nearly) zero in the matrix view.
    public var nearZero: Character
    /// A dense shade: a live weight with w < 0 in the matrix view.
    public var negativeBlock: Character
    /// A light shade: a useless live weight in the matrix view.
    public var uselessBlock: Character
    /// A pruned weight whose revival opens a way down, in the matrix view.
    public var revive: Character
    /// A point on a minimum-energy path in the slice.
    public var energyDot: Character
    /// The saddle of a minimum-energy path in the slice.
    public var saddle: Character
    /// A tick on a horizontal axis, pointing down at its label.
    public var tickDown: Character
    /// More rows above a scrolled window.
    public var moreAbove: Character
    /// More rows below a scrolled window.
    public var moreBelow: Character
    /// More columns to the left of a scrolled window.
    public var moreLeft: Character
    /// More columns to the right of a scrolled window.
    public var moreRight: Character
    /// Ellipsis for truncated text.
    public var ellipsis: String
    /// True when every character on screen must be ASCII (`CellBuffer.replaceNonASCII()` runs after drawing).
    public var asciiOnly: Bool

    /// Unicode glyphs (needs a UTF-8 locale).
    public static let unicode = GlyphSet(
        braille: true, halfBlocks: true, upperHalf: "▀", lowerHalf: "▄", fullBlock: "█",
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        diagonalUp: "╱", diagonalDown: "╲", dashedHorizontal: "┄", dashedVertical: "┆",
        filledCircle: "●", hollowCircle: "○", dot: "·", star: "★", plotPoint: "•", plotPoint2: "•",
        heavyHorizontal: "━", dottedHorizontal: "┈", heavyDashedHorizontal: "┅", nearZero: "∘", negativeBlock: "▓",
        uselessBlock: "░", revive: "+", energyDot: "•", saddle: "×", tickDown: "┬",
        moreAbove: "▲", moreBelow: "▼", moreLeft: "◀", moreRight: "▶", ellipsis: "…", asciiOnly: false)

    /// Plain ASCII glyphs.
    public static let ascii = GlyphSet(
        braille: false, halfBlocks: false, upperHalf: " ", lowerHalf: " ", fullBlock: "#",
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        diagonalUp: "/", diagonalDown: "\\", dashedHorizontal: "-", dashedVertical: ":",
        filledCircle: "o", hollowCircle: "o", dot: ".", star: "*", plotPoint: "*", plotPoint2: "+",
        heavyHorizontal: "=", dottedHorizontal: ".", heavyDashedHorizontal: "=", nearZero: "o", negativeBlock: "=",
        uselessBlock: ":", revive: "+", energyDot: "+", saddle: "x", tickDown: "+",
        moreAbove: "^", moreBelow: "v", moreLeft: "<", moreRight: ">", ellipsis: "~", asciiOnly: true)

    /// The set named "unicode" or "ascii" (for `--glyphs`), nil for any other name.
    public static func named(_ name: String) -> GlyphSet? {
        switch name.lowercased() {
        case "unicode", "utf8", "utf-8": return .unicode
        case "ascii": return .ascii
        default: return nil
        }
    }

    /// Unicode when the locale variables (LC_ALL, LC_CTYPE, LANG, first one set) mention UTF-8, else ASCII.
    public static func fromLocale(_ environment: [String: String]) -> GlyphSet {
        for key in ["LC_ALL", "LC_CTYPE", "LANG"] {
            if let v = environment[key], !v.isEmpty {
                let u = v.uppercased()
                return (u.contains("UTF-8") || u.contains("UTF8")) ? .unicode : .ascii
            }
        }
        return .ascii
    }
}
