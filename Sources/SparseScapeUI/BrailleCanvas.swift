import SparseScapeCore
/// A pixel canvas drawn with braille dots (2 × 4 pixels per cell), or one pixel per cell in ASCII.
///
/// Each cell remembers which series set its dots last; that series' colour is used for the whole cell.
public struct BrailleCanvas {
    /// Width in cells.
    public let cols: Int
    /// Height in cells.
    public let rows: Int
    /// True for braille (2 × 4 pixels per cell).
    public let braille: Bool
    /// Dot bits per cell.
    private var bits: [UInt8]
    /// Series index + 1 per cell (0: empty).
    private var series: [UInt16]

    /// An empty canvas.
    public init(cols: Int, rows: Int, braille: Bool) {
        self.cols = max(0, cols)
        self.rows = max(0, rows)
        self.braille = braille
        bits = [UInt8](repeating: 0, count: self.cols * self.rows)
        series = [UInt16](repeating: 0, count: self.cols * self.rows)
    }

    /// Pixels across.
    public var pixelWidth: Int { cols * (braille ? 2 : 1) }
    /// Pixels down.
    public var pixelHeight: Int { rows * (braille ? 4 : 1) }

    /// The braille bit of pixel (dx, dy) inside a cell.
    private static let dotBits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    /// Sets one pixel for series `s` (ignored outside).
    public mutating func set(_ px: Int, _ py: Int, series s: Int) {
        guard px >= 0, py >= 0, px < pixelWidth, py < pixelHeight else { return }
        if braille {
            let i = (py / 4) * cols + px / 2
            bits[i] |= Self.dotBits[px & 1][py & 3]
            series[i] = UInt16(truncatingIfNeeded: s + 1)
        } else {
            let i = py * cols + px
            bits[i] = 1
            series[i] = UInt16(truncatingIfNeeded: s + 1)
        }
    }

    /// Draws a straight line of pixels between two points (inclusive); dashed: two pixels on, two off.
    public mutating func line(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, series s: Int, dashed: Bool = false) {
        let dx = x1 - x0, dy = y1 - y0
        let steps = max(abs(dx), abs(dy))
        if steps == 0 { set(x0, y0, series: s); return }
        for k in 0...steps {
            if dashed && k % 4 >= 2 { continue }
            let x = x0 + Int((Double(dx * k) / Double(steps)).rounded())
            let y = y0 + Int((Double(dy * k) / Double(steps)).rounded())
            set(x, y, series: s)
        }
    }

    /// Draws a dashed line (three pixels on, three off) whose pattern continues from `phase`, the pixels drawn
    /// along the polyline so far, so a series drawn as many short segments still shows gaps.
    public mutating func dashedLine(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, series s: Int, phase: inout Int) {
        let dx = x1 - x0, dy = y1 - y0
        let steps = max(abs(dx), abs(dy))
        for k in stride(from: phase == 0 ? 0 : 1, through: steps, by: 1) {
            defer { phase += 1 }
            if phase % 6 >= 3 { continue }
            let x = x0 + (steps == 0 ? 0 : Int((Double(dx * k) / Double(steps)).rounded()))
            let y = y0 + (steps == 0 ? 0 : Int((Double(dy * k) / Double(steps)).rounded()))
            set(x, y, series: s)
        }
    }

    /// Copies the non-empty cells into the buffer at (x, y) with the series' colours (and ASCII points).
    public func draw(into buf: inout CellBuffer, x: Int, y: Int, colors: [RGB], asciiPoints: [Character], styles: [CellStyle] = []) {
        for r in 0..<rows {
            for c in 0..<cols {
                let i = r * cols + c
                let s = Int(series[i])
                guard s > 0 else { continue }
                let color = colors[min(s - 1, colors.count - 1)]
                let ch: Character
                if braille {
                    ch = Character(Unicode.Scalar(0x2800 + UInt32(bits[i]))!)
                } else {
                    ch = asciiPoints[min(s - 1, asciiPoints.count - 1)]
                }
                buf.put(x + c, y + r, ch, fg: color, style: s - 1 < styles.count ? styles[s - 1] : [])
            }
        }
    }
}
