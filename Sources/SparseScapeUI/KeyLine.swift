/// The bottom line listing the main keys compactly ("space run/pause  n step  t toggle  …  ? help  q quit").
public enum KeyLine {
    /// The keys in order of importance (the last two are always shown).
    public static let entries: [(key: String, action: String)] = [
        ("space", "run/pause"), ("n", "step"), ("t", "toggle edge"), ("arrows", "select"), ("Tab", "layer"),
        ("r", "reset"), ("R", "restart"), ("p", "perturb"), ("+/-", "step size"), ("o", "optimizer"),
        ("d", "directions"), ("f", "follow"), ("g", "best"), ("S", "search"), ("L", "log"), ("e/E", "export"),
        ("s", "save"),
    ]
    /// Always shown at the end.
    public static let tail: [(key: String, action: String)] = [("?", "help"), ("q", "quit")]

    /// The text that fits in `width` columns.
    public static func text(width: Int) -> String {
        func item(_ e: (key: String, action: String)) -> String { e.key + " " + e.action }
        let tailText = tail.map(item).joined(separator: "  ")
        var parts: [String] = []
        var used = tailText.count
        for e in entries {
            let t = item(e)
            if used + t.count + 2 > width { break }
            parts.append(t)
            used += t.count + 2
        }
        return (parts + [tailText]).joined(separator: "  ")
    }

    /// Draws the line (keys in hi_fg, actions in inactive_fg) into row `rect.y`.
    public static func render(palette: Palette, into buf: inout CellBuffer, rect: Rect) {
        guard !rect.isEmpty else { return }
        buf.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), fg: palette.mainFg, bg: palette.mainBg)
        let line = text(width: rect.width)
        // Colour: a word right after two spaces (or at the start) is a key.
        var x = rect.x
        var isKey = true
        var spaces = 0
        for ch in line {
            if ch == " " {
                spaces += 1
                if spaces >= 2 { isKey = true }
            } else {
                if spaces == 1 && isKey { isKey = false }
                spaces = 0
            }
            buf.put(x, rect.y, ch, fg: isKey ? palette.hiFg : palette.inactiveFg, style: isKey ? .bold : [])
            x += 1
            if x >= rect.maxX { break }
        }
    }
}
