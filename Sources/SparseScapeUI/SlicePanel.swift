import SparseScapeEngine
import SparseScapeCore

/// The 2-D loss slice as a heatmap with a colour bar, the current point, the recent path and the best point.
///
/// Half blocks give two square-ish pixels per cell ('▀' with fg = upper pixel, bg = lower pixel); in ASCII
/// each cell is one pixel (a coloured space). α (first direction) runs left to right, β (second) bottom
/// to top; the grid is resampled to the pixels by nearest neighbour.
public enum SlicePanel {
    /// Draws the panel (frame included) into `rect`.
    public static func render(snapshot: EngineSnapshot, state: UIState, palette: Palette, glyphs: GlyphSet,
                              into buf: inout CellBuffer, rect: Rect) {
        guard let s = snapshot.slice else {
            let inner = PanelFrame.draw(rect, title: "slice", palette: palette, glyphs: glyphs, into: &buf)
            if !inner.isEmpty {
                PanelFrame.centered("computing slice\(glyphs.ellipsis)", y: inner.y + inner.height / 2, in: inner,
                                    fg: palette.inactiveFg, into: &buf)
            }
            return
        }
        let mode = s.frozen ? "frozen" : "follow"
        let title = "slice · \(s.directions) · \(mode) · ±\(NumberFormat.g(s.span, 3))"
        let inner = PanelFrame.draw(rect, title: title, palette: palette, glyphs: glyphs, into: &buf)
        guard inner.width >= 6, inner.height >= 2, s.grid >= 1, s.values.count >= s.grid * s.grid else { return }

        let scale = SliceColorScale(values: s.values, logScale: state.logScale, palette: palette)
        // Side column: colour bar (2 cells) + labels; the heatmap takes a square of pixels on the left.
        let minText = AxisFormat.value(scale.min), maxText = AxisFormat.value(scale.max)
        let sideWidth = 3 + max(12, max(minText.count, maxText.count) + 4)
        let cellsPerPixelRow = glyphs.halfBlocks ? 2 : 1
        let maxMapWidth = inner.width - sideWidth
        let mapRows = inner.height
        // Square in pixels: half-block pixels are about square; ASCII cells are about 1:2, so 2 cells per row.
        var mapWidth = glyphs.halfBlocks ? min(maxMapWidth, mapRows * 2) : min(maxMapWidth, mapRows * 2)
        var showSide = true
        if maxMapWidth < 6 { mapWidth = inner.width; showSide = false }
        let pw = mapWidth, ph = mapRows * cellsPerPixelRow
        let g = s.grid
        let values = s.values

        // Heatmap.
        @inline(__always) func sample(_ px: Int, _ py: Int) -> Double {
            let i = min(g - 1, (2 * px + 1) * g / (2 * pw))                 // α index from the column
            let j = min(g - 1, (2 * (ph - 1 - py) + 1) * g / (2 * ph))      // β index from the row (up is +β)
            return values[i * g + j]
        }
        for r in 0..<mapRows {
            for c in 0..<pw {
                if glyphs.halfBlocks {
                    let top = scale.color(sample(c, 2 * r)), bottom = scale.color(sample(c, 2 * r + 1))
                    buf.put(inner.x + c, inner.y + r, glyphs.upperHalf, fg: top, bg: bottom)
                } else {
                    buf.put(inner.x + c, inner.y + r, " ", fg: palette.mainFg, bg: scale.color(sample(c, r)))
                }
            }
        }

        // Markers: path, best, current (current on top).
        func cell(_ p: SlicePoint) -> (Int, Int)? {
            guard p.alpha.isFinite, p.beta.isFinite, s.span > 0, abs(p.alpha) <= s.span, abs(p.beta) <= s.span else { return nil }
            let fx = (p.alpha + s.span) / (2 * s.span), fy = (s.span - p.beta) / (2 * s.span)
            let px = min(pw - 1, Int(fx * Double(pw))), py = min(ph - 1, Int(fy * Double(ph)))
            return (inner.x + px, inner.y + py / cellsPerPixelRow)
        }
        for p in s.path { if let (x, y) = cell(p) { buf.put(x, y, glyphs.dot, fg: palette.path, style: .bold) } }
        if let b = s.bestKnown, let (x, y) = cell(b) { buf.put(x, y, glyphs.star, fg: palette.best, style: .bold) }
        if let (x, y) = cell(s.current) { buf.put(x, y, glyphs.filledCircle, fg: palette.current, style: .bold) }

        guard showSide else { return }
        // Colour bar: high at the top.
        let barX = inner.x + pw + 1
        let barRows = mapRows
        for r in 0..<barRows {
            if glyphs.halfBlocks {
                let tTop = 1 - Double(2 * r) / Double(max(1, 2 * barRows - 1))
                let tBottom = 1 - Double(2 * r + 1) / Double(max(1, 2 * barRows - 1))
                for dx in 0..<2 { buf.put(barX + dx, inner.y + r, glyphs.upperHalf, fg: scale.color(at: tTop), bg: scale.color(at: tBottom)) }
            } else {
                let t = 1 - Double(r) / Double(max(1, barRows - 1))
                for dx in 0..<2 { buf.put(barX + dx, inner.y + r, " ", fg: palette.mainFg, bg: scale.color(at: t)) }
            }
        }
        let tx = barX + 3
        buf.text(tx, inner.y, "max \(maxText)", fg: palette.mainFg, maxX: inner.maxX)
        if barRows >= 2 { buf.text(tx, inner.maxY - 1, "min \(minText)", fg: palette.mainFg, maxX: inner.maxX) }
        // Legend between the labels, as room allows.
        var legend: [(Character, RGB, String)] = [(glyphs.filledCircle, palette.current, " current"),
                                                   (glyphs.dot, palette.path, " path")]
        if s.bestKnown != nil { legend.append((glyphs.star, palette.best, " best")) }
        var ly = inner.y + 1
        if barRows >= 4 {
            buf.text(tx, ly, state.logScale ? "log scale" : "linear", fg: palette.inactiveFg, maxX: inner.maxX)
            ly += 1
        }
        for (ch, color, label) in legend where ly < inner.maxY - 1 {
            buf.put(tx, ly, ch, fg: color, style: .bold)
            buf.text(tx + 1, ly, label, fg: palette.mainFg, maxX: inner.maxX)
            ly += 1
        }
        if ly < inner.maxY - 1 {
            buf.text(tx, ly, "α→ β↑", fg: palette.inactiveFg, maxX: inner.maxX)
            ly += 1
        }
        if ly < inner.maxY - 1 {
            buf.text(tx, ly, "@it \(AxisFormat.iteration(s.builtAtIteration))", fg: palette.inactiveFg, maxX: inner.maxX)
        }
    }
}
