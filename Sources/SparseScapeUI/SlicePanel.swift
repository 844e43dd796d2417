import Foundation
import SparseScapeEngine
import SparseScapeCore

/// The 2-D loss slice as a heatmap with axes, a colour bar with ticks, and the points and paths on the plane; in
/// basin mode a map of the basins of attraction with their own legend instead of the heat colours and the bar.
///
/// Half blocks give two square-ish pixels per cell ('▀' with fg = upper pixel, bg = lower pixel); in ASCII
/// each cell is one pixel (a coloured space). α (first direction) runs left to right with its ticks under the
/// map, β (second) bottom to top with its ticks on the left; the grid is resampled to the pixels by nearest
/// neighbour. A minimum-energy path on the plane is a line of dots with its saddle marked; the optimizer's path,
/// the best point and the current point are drawn over it.
public enum SlicePanel {
    /// Where the panel's parts go inside its frame.
    struct Geometry {
        /// The heatmap.
        var map: Rect
        /// Pixel rows per cell row (2 with half blocks).
        var cellsPerPixelRow: Int
        /// True when the α and β ticks are drawn.
        var axes: Bool
        /// The colour bar's first column (2 cells wide), when shown.
        var barX: Int?
        /// The bar labels' first column.
        var labelX: Int
        /// The legend's first column, when shown.
        var legendX: Int?

        /// Pixels across.
        var pixelWidth: Int { map.width }
        /// Pixels down.
        var pixelHeight: Int { map.height * cellsPerPixelRow }
    }

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
        let title = "slice · \(s.directions) · \(mode) · ±\(NumberFormat.g(s.span, 3))" + (s.basins != nil ? " · basins" : "")
        let inner = PanelFrame.draw(rect, title: title, palette: palette, glyphs: glyphs, into: &buf)
        guard inner.width >= 6, inner.height >= 2, s.grid >= 1, s.values.count >= s.grid * s.grid else { return }

        let scale = SliceColorScale(values: s.values, logScale: state.logScale, palette: palette)
        let minText = "min " + AxisFormat.value(scale.min), maxText = "max " + AxisFormat.value(scale.max)
        let legend = legendItems(slice: s, logScale: state.logScale, palette: palette, glyphs: glyphs)
        let legendWidth = legend.map { $0.text.count + ($0.glyph == nil ? 0 : 2) }.max() ?? 0
        let basinMap = s.basins.map { BasinPalette.colors(for: $0, palette: palette) }
        if let o = s.basins { buf.distinctColors.append([palette.mainBg] + BasinPalette.legend(for: o, palette: palette).map(\.color)) }
        let geo = geometry(inner: inner, span: s.span, labelWidth: max(minText.count, maxText.count), legendWidth: legendWidth,
                           glyphs: glyphs, colourBar: basinMap == nil)
        let map = geo.map
        let pw = geo.pixelWidth, ph = geo.pixelHeight, cpr = geo.cellsPerPixelRow
        guard pw >= 1, ph >= 1 else { return }
        let g = s.grid
        let values = s.values

        // Heatmap.
        @inline(__always) func sample(_ px: Int, _ py: Int) -> Double {
            let i = min(g - 1, (2 * px + 1) * g / (2 * pw))                 // α index from the column
            let j = min(g - 1, (2 * (ph - 1 - py) + 1) * g / (2 * ph))      // β index from the row (up is +β)
            return values[i * g + j]
        }
        // Basin mode: each pixel in the colour of the basin its grid point drains to, exactly as the legend shows it
        // (a mix with the heat colour would quantise to colours the legend does not name).
        @inline(__always) func color(_ px: Int, _ py: Int) -> RGB {
            guard let o = s.basins, let colors = basinMap, o.grid > 0, o.labels.count >= o.grid * o.grid else {
                return scale.color(sample(px, py))
            }
            let i = min(o.grid - 1, (2 * px + 1) * o.grid / (2 * pw)), j = min(o.grid - 1, (2 * (ph - 1 - py) + 1) * o.grid / (2 * ph))
            let label = o.labels[i * o.grid + j]
            return colors.indices.contains(label) ? colors[label] : palette.mainBg
        }
        for r in 0..<map.height {
            for c in 0..<pw {
                if glyphs.halfBlocks {
                    let top = color(c, 2 * r), bottom = color(c, 2 * r + 1)
                    buf.put(map.x + c, map.y + r, glyphs.upperHalf, fg: top, bg: bottom)
                } else {
                    buf.put(map.x + c, map.y + r, " ", fg: palette.mainFg, bg: color(c, r))
                }
            }
        }

        // Axes: β on the left (+span at the top), α underneath (−span at the left).
        if geo.axes {
            let ticks: [Double] = [s.span, 0, -s.span]
            for b in ticks {
                guard let (_, py) = pixel(SlicePoint(alpha: 0, beta: b), span: s.span, width: pw, height: ph) else { continue }
                let label = axisLabel(b)
                buf.text(map.x - 1 - label.count, map.y + py / cpr, label, fg: palette.inactiveFg, maxX: map.x)
            }
            var taken: [ClosedRange<Int>] = []
            let ay = map.maxY
            for (a, align) in [(-s.span, -1), (s.span, 1), (0, 0)] {
                guard let (px, _) = pixel(SlicePoint(alpha: a, beta: 0), span: s.span, width: pw, height: ph) else { continue }
                let label = axisLabel(a)
                let x = map.x + px
                let start = align < 0 ? x : (align > 0 ? x - label.count + 1 : x - (label.count - 1) / 2)
                let range = start...(start + label.count - 1)
                guard start >= map.x, range.upperBound < map.maxX,
                      !taken.contains(where: { $0.overlaps((range.lowerBound - 1)...(range.upperBound + 1)) }) else { continue }
                taken.append(range)
                buf.text(start, ay, label, fg: palette.inactiveFg)
            }
        }

        // Markers: the energy path and its saddle under the optimizer's path, the best point and the current point.
        func cell(_ p: SlicePoint) -> (Int, Int)? {
            guard let (px, py) = pixel(p, span: s.span, width: pw, height: ph) else { return nil }
            return (map.x + px, map.y + py / cpr)
        }
        for (x, y) in energyPathCells(s.energyPath, span: s.span, width: pw, height: ph) {
            buf.put(map.x + x, map.y + y / cpr, glyphs.energyDot, fg: palette.hiFg, style: .bold)
        }
        if let sd = s.saddle, let (x, y) = cell(sd) { buf.put(x, y, glyphs.saddle, fg: palette.hiFg, style: .bold) }
        for p in s.path { if let (x, y) = cell(p) { buf.put(x, y, glyphs.dot, fg: palette.path, style: .bold) } }
        if let b = s.bestKnown, let (x, y) = cell(b) { buf.put(x, y, glyphs.star, fg: palette.best, style: .bold) }
        if let (x, y) = cell(s.current) { buf.put(x, y, glyphs.filledCircle, fg: palette.current, style: .bold) }

        if let barX = geo.barX { drawBar(scale: scale, barX: barX, labelX: geo.labelX, labelEnd: geo.legendX.map { $0 - 2 } ?? inner.maxX,
                                         map: map, minText: minText, maxText: maxText, palette: palette, glyphs: glyphs, into: &buf) }

        // Legend, as far as the rows allow (the least important items go first).
        guard let lx = geo.legendX else { return }
        var shown = legend
        while shown.count > inner.height, let k = shown.indices.min(by: { shown[$0].priority < shown[$1].priority }) {
            shown.remove(at: k)
        }
        for (k, item) in shown.enumerated() {
            let y = inner.y + k
            if let ch = item.glyph {
                buf.put(lx, y, ch, fg: item.color, style: .bold)
                buf.text(lx + 2, y, item.text, fg: palette.mainFg, maxX: inner.maxX)
            } else {
                buf.text(lx, y, item.text, fg: palette.inactiveFg, maxX: inner.maxX)
            }
        }
    }

    /// Draws the colour bar (high at the top) right of the map, with max and min at its ends and tick values at their rows.
    static func drawBar(scale: SliceColorScale, barX: Int, labelX: Int, labelEnd: Int, map: Rect, minText: String, maxText: String,
                        palette: Palette, glyphs: GlyphSet, into buf: inout CellBuffer) {
        // Colour bar: high at the top, with max and min at its ends and tick values at their rows.
        let barRows = map.height
        for r in 0..<barRows {
            if glyphs.halfBlocks {
                let tTop = 1 - Double(2 * r) / Double(max(1, 2 * barRows - 1))
                let tBottom = 1 - Double(2 * r + 1) / Double(max(1, 2 * barRows - 1))
                for dx in 0..<2 { buf.put(barX + dx, map.y + r, glyphs.upperHalf, fg: scale.color(at: tTop), bg: scale.color(at: tBottom)) }
            } else {
                let t = 1 - Double(r) / Double(max(1, barRows - 1))
                for dx in 0..<2 { buf.put(barX + dx, map.y + r, " ", fg: palette.mainFg, bg: scale.color(at: t)) }
            }
        }
        buf.text(labelX, map.y, maxText, fg: palette.mainFg, maxX: labelEnd)
        if barRows >= 2 { buf.text(labelX, map.maxY - 1, minText, fg: palette.mainFg, maxX: labelEnd) }
        for (v, row) in barTicks(scale: scale, rows: barRows, halfBlocks: glyphs.halfBlocks) {
            buf.text(labelX, map.y + row, AxisFormat.value(v), fg: palette.inactiveFg, maxX: labelEnd)
        }
    }

    /// One legend line: an optional marker, its text and how much it matters (higher stays longer).
    struct LegendItem {
        /// The marker drawn before the text (nil for a plain note such as the scale).
        var glyph: Character?
        /// The marker's colour.
        var color: RGB
        /// The text.
        var text: String
        /// Higher priorities are kept when the rows run out.
        var priority: Int
    }

    /// The legend's lines in the order shown: in basin mode the basins first (one line per colour on the map, kept
    /// longest), otherwise the colour scale's name.
    static func legendItems(slice s: SliceSnapshot, logScale: Bool, palette: Palette, glyphs: GlyphSet) -> [LegendItem] {
        var items: [LegendItem] = []
        if let o = s.basins {
            for e in BasinPalette.legend(for: o, palette: palette) {
                items.append(LegendItem(glyph: glyphs.fullBlock, color: e.color, text: e.text, priority: 10))
            }
        } else {
            items.append(LegendItem(glyph: nil, color: palette.inactiveFg, text: logScale ? "log scale" : "linear", priority: 3))
        }
        items += [
            LegendItem(glyph: glyphs.filledCircle, color: palette.current, text: "current", priority: 9),
            LegendItem(glyph: glyphs.dot, color: palette.path, text: "path", priority: 8),
        ]
        if s.bestKnown != nil { items.append(LegendItem(glyph: glyphs.star, color: palette.best, text: "best", priority: 7)) }
        if !s.energyPath.isEmpty {
            items.append(LegendItem(glyph: glyphs.energyDot, color: palette.hiFg, text: "energy path", priority: 6))
        }
        if s.saddle != nil { items.append(LegendItem(glyph: glyphs.saddle, color: palette.hiFg, text: "saddle", priority: 5)) }
        items.append(LegendItem(glyph: nil, color: palette.inactiveFg, text: "@it \(AxisFormat.iteration(s.builtAtIteration))", priority: 2))
        items.append(LegendItem(glyph: nil, color: palette.inactiveFg, text: "α→ β↑", priority: 1))
        return items
    }

    /// The layout inside the frame: the β tick column, the map (square in pixels where the width allows), the
    /// α tick row, the colour bar with its labels (`labelWidth` wide; none without `colourBar`) and the legend
    /// (`legendWidth` wide), dropping the legend, then the bar when the panel is too narrow.
    static func geometry(inner: Rect, span: Double, labelWidth: Int, legendWidth: Int, glyphs: GlyphSet, colourBar: Bool = true) -> Geometry {
        let cpr = glyphs.halfBlocks ? 2 : 1
        let axes = inner.height >= 5 && inner.width >= 24
        let betaWidth = axes ? [span, 0, -span].map { axisLabel($0).count }.max()! + 1 : 0
        let mapRows = inner.height - (axes ? 1 : 0)
        let sideWidth = colourBar ? 1 + 2 + 1 + labelWidth : 0       // gap, bar, gap, labels
        // Square in pixels: half-block pixels are about square; ASCII cells are about 1:2, so 2 cells per row.
        let square = mapRows * 2
        var mapWidth = min(square, inner.width - betaWidth - sideWidth - (legendWidth + 2))
        var showLegend = legendWidth > 0
        if mapWidth < 8 && showLegend {
            showLegend = false
            mapWidth = min(square, inner.width - betaWidth - sideWidth)
        }
        var showSide = true
        if mapWidth < 6 {
            showSide = false
            mapWidth = inner.width - betaWidth
        }
        let map = Rect(x: inner.x + betaWidth, y: inner.y, width: max(0, mapWidth), height: mapRows)
        let barX = map.maxX + 1
        let labelX = barX + 3
        guard colourBar else {
            return Geometry(map: map, cellsPerPixelRow: cpr, axes: axes, barX: nil, labelX: map.maxX, legendX: showLegend && showSide ? map.maxX + 2 : nil)
        }
        return Geometry(map: map, cellsPerPixelRow: cpr, axes: axes, barX: showSide ? barX : nil, labelX: labelX,
                        legendX: showSide && showLegend ? labelX + labelWidth + 2 : nil)
    }

    /// An α or β tick label, with the title's three significant digits ("-1.74", "0", "1.74").
    static func axisLabel(_ x: Double) -> String { x == 0 ? "0" : NumberFormat.g(x, 3) }

    /// The pixel (column, row from the top) of a point on a width × height pixel map of ±span, or nil outside it.
    static func pixel(_ p: SlicePoint, span: Double, width: Int, height: Int) -> (Int, Int)? {
        guard p.alpha.isFinite, p.beta.isFinite, span > 0, abs(p.alpha) <= span, abs(p.beta) <= span else { return nil }
        let fx = (p.alpha + span) / (2 * span), fy = (span - p.beta) / (2 * span)
        return (min(width - 1, Int(fx * Double(width))), min(height - 1, Int(fy * Double(height))))
    }

    /// The pixels of the energy path drawn as a line through its points (the parts inside the map), in order.
    static func energyPathCells(_ points: [SlicePoint], span: Double, width: Int, height: Int) -> [(Int, Int)] {
        guard span > 0, width > 0, height > 0 else { return [] }
        func raw(_ p: SlicePoint) -> (Double, Double)? {
            guard p.alpha.isFinite, p.beta.isFinite else { return nil }
            return ((p.alpha + span) / (2 * span) * Double(width), (span - p.beta) / (2 * span) * Double(height))
        }
        var out: [(Int, Int)] = []
        func add(_ x: Double, _ y: Double) {
            guard x >= 0, y >= 0, x <= Double(width), y <= Double(height) else { return }
            let px = min(width - 1, Int(x)), py = min(height - 1, Int(y))
            if let last = out.last, last == (px, py) { return }
            out.append((px, py))
        }
        var prev: (Double, Double)?
        for p in points {
            guard let q = raw(p) else { prev = nil; continue }
            if let a = prev {
                let steps = min(4 * (width + height), Int(max(abs(q.0 - a.0), abs(q.1 - a.1)).rounded(.up)))
                for k in 1...max(1, steps) {
                    let t = Double(k) / Double(max(1, steps))
                    add(a.0 + (q.0 - a.0) * t, a.1 + (q.1 - a.1) * t)
                }
            } else {
                add(q.0, q.1)
            }
            prev = q
        }
        return out
    }

    /// The row (0 at the top) of the colour bar that shows position t ∈ [0, 1] of the scale.
    static func barRow(_ t: Double, rows: Int, halfBlocks: Bool) -> Int {
        let u = 1 - min(1, max(0, t))
        if halfBlocks { return min(rows - 1, Int((u * Double(2 * rows - 1)).rounded()) / 2) }
        return min(rows - 1, Int((u * Double(max(0, rows - 1))).rounded()))
    }

    /// Tick values for the colour bar with their rows: up to five (fewer on short bars), never on the rows of the
    /// max and min labels nor on each other's. Linear scales get round values; log scales get values 10⁻¹, 10⁻²
    /// and 10⁻³ of the range (then halves and fifths) above the minimum, rounded to the digits shown.
    static func barTicks(scale: SliceColorScale, rows: Int, halfBlocks: Bool) -> [(Double, Int)] {
        let range = scale.max - scale.min
        guard rows >= 3, range > 0, range.isFinite else { return [] }
        let maxTicks = min(5, max(1, (rows - 2) / 2))
        var candidates: [Double] = []
        if scale.logScale {
            for u in [0.1, 0.01, 0.001, 0.5, 0.2, 0.05, 0.02, 0.005, 0.002] {
                candidates.append(Double(AxisFormat.value(scale.min + u * range)) ?? scale.min + u * range)
            }
        } else {
            let step = AxisFormat.niceStep(atLeast: range / Double(maxTicks + 1))
            var v = (scale.min / step).rounded(.down) * step + step
            while v < scale.max - step * 1e-9 && candidates.count < 100 {
                candidates.append(v)
                v += step
            }
        }
        let minSeparation = rows >= 12 ? 2 : 1
        var used = [0, rows - 1]
        var ticks: [(Double, Int)] = []
        for v in candidates where ticks.count < maxTicks && v > scale.min && v < scale.max {
            let row = barRow(scale.position(v), rows: rows, halfBlocks: halfBlocks)
            guard used.allSatisfy({ abs($0 - row) >= minSeparation }) else { continue }
            used.append(row)
            ticks.append((v, row))
        }
        return ticks.sorted { $0.1 < $1.1 }
    }
}
