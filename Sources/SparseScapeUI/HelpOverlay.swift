/// A centered box listing every key, one line each, and the engine's revive rule.
public enum HelpOverlay {
    /// Every key, what it does, and a short form for two-column help on short screens (from `KeyTable`).
    public static var keys: [(key: String, action: String, short: String)] {
        KeyTable.helpEntries.map { ($0.label, $0.description, $0.short) }
    }

    /// Splits `text` into lines of at most `width` characters at spaces.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                var w = String(word)
                while w.count > width {
                    if !line.isEmpty { lines.append(line); line = "" }
                    lines.append(String(w.prefix(width)))
                    w = String(w.dropFirst(width))
                }
                if line.isEmpty { line = w } else if line.count + 1 + w.count <= width { line += " " + w } else {
                    lines.append(line)
                    line = w
                }
            }
            lines.append(line)
        }
        return lines
    }

    /// Draws the box centered in `screen`: one key per line when the screen is tall enough, otherwise two
    /// columns with the short descriptions.
    public static func render(reviveRule: String, palette: Palette, glyphs: GlyphSet, into buf: inout CellBuffer, screen: Rect) {
        let keys = Self.keys
        let keyWidth = keys.map { $0.key.count }.max() ?? 0
        let longWidth = keyWidth + 2 + (keys.map { $0.action.count }.max() ?? 0) + 4
        let width = min(screen.width - 2, max(60, longWidth))
        guard width >= 20 else { return }
        let textWidth = width - 4
        let rule = reviveRule.isEmpty ? [] : wrap("Revive rule: " + reviveRule, width: textWidth)
        let ruleRows = rule.isEmpty ? 0 : rule.count + 1
        let oneColumn = keys.count + ruleRows + 4 <= screen.height && longWidth <= width
        let keyRows = oneColumn ? keys.count : (keys.count + 1) / 2
        let padding = oneColumn ? 1 : 0
        let height = min(screen.height, keyRows + ruleRows + 2 + 2 * padding)
        let rect = Rect(x: screen.x + (screen.width - width) / 2, y: screen.y + max(0, (screen.height - height) / 2), width: width, height: height)
        let inner = PanelFrame.draw(rect, title: "help · keys", palette: palette, glyphs: glyphs, into: &buf, titleColor: palette.hiFg)
        guard !inner.isEmpty else { return }
        var y = inner.y + padding
        let x = inner.x + 1
        let maxX = inner.maxX - 1
        let columnWidth = (maxX - x) / 2
        for (n, k) in keys.enumerated() {
            let row = oneColumn ? n : n % keyRows
            let cx = oneColumn ? x : x + (n / keyRows) * columnWidth
            let colMax = oneColumn ? maxX : min(maxX, cx + columnWidth - 1)
            guard y + row < inner.maxY else { continue }
            // Two columns: each column's keys get their own width.
            let column = oneColumn ? keys : Array(keys[(n / keyRows) * keyRows..<min(keys.count, (n / keyRows + 1) * keyRows)])
            let width = oneColumn ? keyWidth : (column.map { $0.key.count }.max() ?? keyWidth)
            buf.text(cx, y + row, k.key, fg: palette.hiFg, style: .bold, maxX: colMax)
            buf.text(cx + width + 1, y + row, oneColumn ? k.action : k.short, fg: palette.mainFg, maxX: colMax)
        }
        y += keyRows
        if !rule.isEmpty {
            y += 1
            for l in rule where y < inner.maxY {
                buf.text(x, y, l, fg: palette.inactiveFg, maxX: maxX)
                y += 1
            }
        }
    }
}
