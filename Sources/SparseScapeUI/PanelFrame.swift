import SparseScapeCore
/// A bordered panel with a title in its top border, like btop's boxes.
public enum PanelFrame {
    /// Draws the border (div_line) and title (title colour), fills the inside with main_bg, and returns the inside.
    @discardableResult
    public static func draw(_ rect: Rect, title: String, palette: Palette, glyphs: GlyphSet, into buf: inout CellBuffer,
                            titleColor: RGB? = nil) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let line = palette.divLine
        buf.fill(rect, fg: palette.mainFg, bg: palette.mainBg)
        let x1 = rect.maxX - 1, y1 = rect.maxY - 1
        for x in rect.x + 1..<x1 {
            buf.put(x, rect.y, glyphs.horizontal, fg: line)
            buf.put(x, y1, glyphs.horizontal, fg: line)
        }
        for y in rect.y + 1..<y1 {
            buf.put(rect.x, y, glyphs.vertical, fg: line)
            buf.put(x1, y, glyphs.vertical, fg: line)
        }
        buf.put(rect.x, rect.y, glyphs.topLeft, fg: line)
        buf.put(x1, rect.y, glyphs.topRight, fg: line)
        buf.put(rect.x, y1, glyphs.bottomLeft, fg: line)
        buf.put(x1, y1, glyphs.bottomRight, fg: line)
        if !title.isEmpty, rect.width > 6 {
            let x = rect.x + 2
            buf.put(x - 1, rect.y, " ", fg: line)
            let end = buf.text(x, rect.y, title, fg: titleColor ?? palette.title, style: .bold, maxX: x1 - 1)
            if end < x1 - 1 { buf.put(end, rect.y, " ", fg: line) }
        }
        return rect.inset(1)
    }

    /// `s` cut to `width` characters, ending in the ellipsis when cut.
    public static func truncate(_ s: String, _ width: Int, glyphs: GlyphSet) -> String {
        guard width > 0 else { return "" }
        guard s.count > width else { return s }
        let e = glyphs.ellipsis
        return String(s.prefix(max(0, width - e.count))) + e
    }

    /// Writes `s` centered on row y of `rect` (clipped); returns the starting column.
    @discardableResult
    public static func centered(_ s: String, y: Int, in rect: Rect, fg: RGB, into buf: inout CellBuffer, style: CellStyle = []) -> Int {
        let x = rect.x + max(0, (rect.width - s.count) / 2)
        buf.text(x, y, s, fg: fg, style: style, maxX: rect.maxX)
        return x
    }
}
