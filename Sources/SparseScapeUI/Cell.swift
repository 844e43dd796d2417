import SparseScapeCore
/// One terminal cell: a single-width grapheme with its colours and style.
public struct Cell: Equatable, Sendable {
    /// The grapheme shown (always single-width).
    public var char: Character
    /// Foreground colour.
    public var fg: RGB
    /// Background colour; nil means the terminal's default background.
    public var bg: RGB?
    /// Attributes.
    public var style: CellStyle

    /// A cell.
    public init(char: Character, fg: RGB, bg: RGB?, style: CellStyle = []) {
        self.char = char
        self.fg = fg
        self.bg = bg
        self.style = style
    }

    /// A blank cell (space, light grey on the default background).
    public static let blank = Cell(char: " ", fg: RGB(200, 200, 200), bg: nil, style: [])
}
