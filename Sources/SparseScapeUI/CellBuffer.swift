import SparseScapeCore

/// A width × height grid of cells that widgets draw into; the backend presents it, tests dump it.
///
/// Every drawing call clips to the buffer: drawing outside is silently ignored. A nil background in a
/// drawing call keeps the background already in the cell (so text can be laid over panels and heatmaps).
public struct CellBuffer: Equatable, Sendable {
    /// Columns.
    public private(set) var width: Int
    /// Rows.
    public private(set) var height: Int
    /// Row-major cells, `cells[y * width + x]`.
    public private(set) var cells: [Cell]
    /// The ordered colour scales this frame draws with, each low to high (e.g. the slice heatmap's table).
    ///
    /// A backend with few colours quantises each scale as a whole to keep its lightness order. Drawing calls
    /// leave it alone.
    public var gradients: [[RGB]] = []
    /// Sets of colours this frame needs told apart (e.g. the basins and their legend), each led by the background
    /// they are drawn on.
    ///
    /// A backend with few colours gives each colour of a set a terminal colour no earlier one of the set took, so
    /// categories never merge into one colour or into the background. Drawing calls leave it alone.
    public var distinctColors: [[RGB]] = []

    /// A buffer of blank cells.
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = [Cell](repeating: .blank, count: self.width * self.height)
    }

    /// The whole buffer as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at (x, y); precondition: inside.
    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Changes the size (contents become blank when it changes).
    public mutating func resize(width w: Int, height h: Int) {
        let w = max(0, w), h = max(0, h)
        guard w != width || h != height else { return }
        width = w
        height = h
        cells = [Cell](repeating: .blank, count: w * h)
    }

    /// Sets every cell to a space with these colours.
    public mutating func clear(fg: RGB, bg: RGB?) {
        let c = Cell(char: " ", fg: fg, bg: bg, style: [])
        for i in cells.indices { cells[i] = c }
    }

    /// Writes one grapheme at (x, y); a nil `bg` keeps the cell's background.
    @inline(__always)
    public mutating func put(_ x: Int, _ y: Int, _ char: Character, fg: RGB, bg: RGB? = nil, style: CellStyle = []) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let i = y * width + x
        cells[i].char = char
        cells[i].fg = fg
        if let bg { cells[i].bg = bg }
        cells[i].style = style
    }

    /// Sets only the background of (x, y).
    @inline(__always)
    public mutating func setBackground(_ x: Int, _ y: Int, _ bg: RGB?) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        cells[y * width + x].bg = bg
    }

    /// Writes `s` from (x, y) to the right, clipped to the buffer and to columns before `maxX`; returns the next column.
    ///
    /// Control characters (from a config's name, a file name) are drawn as their visible escapes (`\u{1B}`, `\n`),
    /// so no text reaches the terminal raw.
    @discardableResult
    public mutating func text(_ x: Int, _ y: Int, _ text: String, fg: RGB, bg: RGB? = nil, style: CellStyle = [],
                              maxX: Int? = nil) -> Int {
        let s = Self.mayHoldControls(text) ? SafeText.oneLine(text, limit: .max) : text
        let limit = min(width, maxX ?? width)
        var cx = x
        guard y >= 0, y < height else { return x + s.count }
        for ch in s {
            if cx >= limit { break }
            if cx >= 0 { put(cx, y, ch, fg: fg, bg: bg, style: style) }
            cx += 1
        }
        return cx
    }

    /// False when `text` surely holds no control character: no byte below 0x20, no DEL, and no lead byte of the C1
    /// controls (0xC2) or of the Unicode separators and bidi controls (0xE2); a quick scan before escaping.
    static func mayHoldControls(_ text: String) -> Bool {
        text.utf8.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 }
    }

    /// Fills a rectangle (clipped) with one grapheme and colours.
    public mutating func fill(_ rect: Rect, char: Character = " ", fg: RGB, bg: RGB?, style: CellStyle = []) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        let c = Cell(char: char, fg: fg, bg: bg, style: style)
        for y in r.y..<r.maxY {
            let base = y * width
            for x in r.x..<r.maxX { cells[base + x] = c }
        }
    }

    /// The text of each row, trailing spaces removed.
    public func textLines() -> [String] {
        var lines: [String] = []
        lines.reserveCapacity(height)
        for y in 0..<height {
            var s = ""
            for x in 0..<width { s.append(cells[y * width + x].char) }
            while s.last == " " { s.removeLast() }
            lines.append(s)
        }
        return lines
    }

    /// A compact, diffable picture of the colours: a legend assigning one symbol per distinct
    /// (fg, bg, style), in order of first appearance, then one row of symbols per buffer row.
    ///
    /// Legend lines read `a fg=#rrggbb bg=#rrggbb style=b`; `bg=default` for the terminal default.
    public func colorDump() -> String {
        let symbols = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@$%&+=<>^~")
        struct Key: Hashable { var fg: RGB; var bg: RGB?; var style: CellStyle }
        var index: [Key: Int] = [:]
        var order: [Key] = []
        var rows: [String] = []
        for y in 0..<height {
            var row = ""
            for x in 0..<width {
                let c = cells[y * width + x]
                let k = Key(fg: c.fg, bg: c.bg, style: c.style)
                let n: Int
                if let found = index[k] { n = found } else {
                    n = order.count
                    index[k] = n
                    order.append(k)
                }
                row.append(n < symbols.count ? symbols[n] : "?")
            }
            rows.append(row)
        }
        var out = ""
        for (n, k) in order.enumerated() {
            let sym = n < symbols.count ? String(symbols[n]) : "?"
            out += "\(sym) fg=\(k.fg.hex) bg=\(k.bg?.hex ?? "default") style=\(k.style.code)\n"
        }
        out += "--\n"
        out += rows.joined(separator: "\n")
        out += "\n"
        return out
    }
}
