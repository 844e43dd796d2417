/// The bottom line listing the main keys compactly ("space run/pause  n step  t toggle  …  ? help  q quit"),
/// derived from `KeyTable`.
public enum KeyLine {
    /// The items in order of importance, then the tail that is always shown.
    public static var items: [(key: String, action: String)] { KeyTable.entries.compactMap(\.keyLine) }

    /// The items that fit in `width` columns (two spaces between items), the tail always included.
    public static func fitting(width: Int) -> [(key: String, action: String)] {
        let tail = KeyTable.keyLineTail
        var used = tail.reduce(0) { $0 + $1.key.count + 1 + $1.action.count + 2 } - 2
        var parts: [(key: String, action: String)] = []
        for e in items {
            let w = e.key.count + 1 + e.action.count + 2
            if used + w > width { break }
            parts.append(e)
            used += w
        }
        return parts + tail
    }

    /// The text that fits in `width` columns.
    public static func text(width: Int) -> String {
        fitting(width: width).map { $0.key + " " + $0.action }.joined(separator: "  ")
    }

    /// Draws the line (keys bold in hi_fg, actions in inactive_fg) into row `rect.y`.
    public static func render(palette: Palette, into buf: inout CellBuffer, rect: Rect) {
        guard !rect.isEmpty else { return }
        buf.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), fg: palette.mainFg, bg: palette.mainBg)
        var x = rect.x
        for (k, item) in fitting(width: rect.width).enumerated() {
            if k > 0 { x += 2 }
            x = buf.text(x, rect.y, item.key, fg: palette.hiFg, style: .bold, maxX: rect.maxX)
            x = buf.text(x + 1, rect.y, item.action, fg: palette.inactiveFg, maxX: rect.maxX)
        }
    }
}
