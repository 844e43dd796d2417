import SparseScapeCore

/// A legend: rows of a swatch (a line, a symbol, a colour patch or an outline) and a label, in a framed box.
struct FigureLegend {
    /// What a row shows beside its label.
    enum Swatch {
        /// A line sample: colour, width, dash pattern (nil for solid), and an optional dark halo under it.
        case line(color: String, width: Double, dash: String?, halo: Bool)
        /// A point symbol.
        case symbol(FigureMarker, fill: String, stroke: String)
        /// A line sample with a point symbol on it (a series drawn as a line through marked points).
        case lineSymbol(color: String, width: Double, marker: FigureMarker)
        /// A filled square.
        case patch(String)
        /// A short text in a rounded box (a basin's id, as drawn on the plot).
        case badge(String)
        /// A heading row without a swatch.
        case heading
    }

    /// One row.
    struct Entry {
        /// Its swatch.
        var swatch: Swatch
        /// Its label.
        var label: String
    }

    /// The rows.
    var entries: [Entry] = []

    /// Row height.
    static let rowHeight = 18.0

    /// Adds a row.
    mutating func add(_ swatch: Swatch, _ label: String) { entries.append(Entry(swatch: swatch, label: label)) }

    /// The width the legend needs.
    var width: Double {
        (entries.map { FigureStyle.textWidth($0.label, size: FigureStyle.legendSize) + (isHeading($0) ? 0 : 32) }.max() ?? 0) + 16
    }

    /// The height the legend needs.
    var height: Double { Double(entries.count) * Self.rowHeight + 10 }

    func isHeading(_ e: Entry) -> Bool { if case .heading = e.swatch { return true }; return false }

    /// The legend with its top-left corner at (x, y), `class="legend"`; labels longer than `maxWidth` are kept (the
    /// caller sizes the figure from `width`).
    func elements(x: Double, y: Double) -> SVGElement {
        guard !entries.isEmpty else { return .group([("class", "legend")], []) }
        var items: [SVGElement] = [.rect(x, y, width, height, [("fill", "#ffffff"), ("fill-opacity", "0.92"), ("stroke", "#b8b8b8"), ("stroke-width", "0.8"), ("rx", "3")])]
        for (k, e) in entries.enumerated() {
            let cy = y + 5 + Self.rowHeight * (Double(k) + 0.5)
            let sx = x + 8
            switch e.swatch {
            case .line(let color, let width, let dash, let halo):
                if halo { items.append(.line(sx, cy, sx + 22, cy, [("stroke", "#000000"), ("stroke-opacity", "0.55"), ("stroke-width", SVGElement.number(width + 2.2)), ("stroke-linecap", "round")])) }
                var a: [(name: String, value: String)] = [("stroke", color), ("stroke-width", SVGElement.number(width)), ("stroke-linecap", dash == nil ? "round" : "butt")]
                if let dash { a.append(("stroke-dasharray", dash)) }
                items.append(.line(sx, cy, sx + 22, cy, a))
            case .symbol(let m, let fill, let stroke):
                items.append(m.element(sx + 11, cy, size: 10, fill: fill, stroke: stroke))
            case .lineSymbol(let color, let width, let m):
                items.append(.line(sx, cy, sx + 22, cy, [("stroke", color), ("stroke-width", SVGElement.number(width)), ("stroke-linecap", "round")]))
                items.append(m.element(sx + 11, cy, size: 9, fill: color, stroke: color, strokeWidth: 1.6))
            case .patch(let color):
                items.append(.rect(sx + 4, cy - 6, 14, 12, [("fill", color), ("stroke", "#666666"), ("stroke-width", "0.6")]))
            case .badge(let text):
                let w = FigureStyle.textWidth(text, size: 11) + 8
                items.append(.rect(sx + 11 - w / 2, cy - 8, w, 16, [("rx", "4"), ("fill", "#ffffff"), ("stroke", "#000000"), ("stroke-width", "0.8")]))
                items.append(.text(text, sx + 11, cy + 4, anchor: "middle", [("font-size", "11"), ("font-weight", "bold"), ("fill", FigureStyle.ink)]))
            case .heading:
                break
            }
            let tx = isHeading(e) ? x + 8 : sx + 30
            var a: [(name: String, value: String)] = [("class", "legend-label"), ("font-size", SVGElement.number(FigureStyle.legendSize)), ("fill", FigureStyle.ink)]
            if isHeading(e) { a.append(("font-weight", "bold")) }
            items.append(.text(e.label, tx, cy + 4, a))
        }
        return .group([("class", "legend")], items)
    }
}
