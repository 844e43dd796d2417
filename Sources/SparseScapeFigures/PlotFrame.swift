import SparseScapeCore

/// A rectangular plot area with its x and y axes: maps data to pixels and draws grid, frame, ticks and labels.
struct PlotFrame {
    /// Left edge (pixels).
    var left: Double
    /// Top edge.
    var top: Double
    /// Width.
    var width: Double
    /// Height.
    var height: Double
    /// The horizontal axis.
    var x: FigureAxis
    /// The vertical axis (values grow upwards).
    var y: FigureAxis

    /// Right edge.
    var right: Double { left + width }
    /// Bottom edge.
    var bottom: Double { top + height }

    /// The pixel column of an x value (nil when the scale cannot show it).
    func px(_ v: Double) -> Double? { x.fraction(v).map { left + $0 * width } }

    /// The pixel row of a y value (nil when the scale cannot show it).
    func py(_ v: Double) -> Double? { y.fraction(v).map { top + (1 - $0) * height } }

    /// The pixel point of (u, v), nil when either is not showable.
    func point(_ u: Double, _ v: Double) -> (x: Double, y: Double)? {
        guard let a = px(u), let b = py(v) else { return nil }
        return (a, b)
    }

    /// Pixel polylines through the points, broken where a point cannot be shown (NaN, ∞, ≤ 0 on a log axis).
    func polylines(_ points: [(Double, Double)]) -> [[(x: Double, y: Double)]] {
        var out: [[(x: Double, y: Double)]] = [], run: [(x: Double, y: Double)] = []
        for (u, v) in points {
            if let p = point(u, v) { run.append(p) } else if !run.isEmpty { out.append(run); run = [] }
        }
        if !run.isEmpty { out.append(run) }
        return out
    }

    /// A clip path named `id` that is the plot area.
    func clipPath(id: String) -> SVGElement {
        SVGElement("clipPath", [("id", id)], children: [.rect(left, top, width, height)])
    }

    /// Grid lines at the ticks (drawn first, under the data).
    func grid(xTicks: [AxisTick], yTicks: [AxisTick]) -> SVGElement {
        var d = ""
        for t in xTicks { if let a = px(t.value) { d += "M\(SVGElement.number(a)) \(SVGElement.number(top))V\(SVGElement.number(bottom))" } }
        for t in yTicks { if let b = py(t.value) { d += "M\(SVGElement.number(left)) \(SVGElement.number(b))H\(SVGElement.number(right))" } }
        return .path(d, [("class", "grid"), ("stroke", FigureStyle.grid), ("stroke-width", "1"), ("fill", "none")])
    }

    /// The frame, tick marks and tick labels of the bottom and left axes, and the axis labels.
    func axes(xTicks: [AxisTick], yTicks: [AxisTick], xLabel: String, yLabel: String) -> [SVGElement] {
        var out: [SVGElement] = [.rect(left, top, width, height, [("class", "frame"), ("fill", "none"), ("stroke", FigureStyle.frame), ("stroke-width", "1")])]
        var d = ""
        var labels: [SVGElement] = []
        for t in xTicks {
            guard let a = px(t.value) else { continue }
            d += "M\(SVGElement.number(a)) \(SVGElement.number(bottom))v5"
            labels.append(.text(t.label, a, bottom + 18, anchor: "middle", [("class", "tick-x"), ("font-size", SVGElement.number(FigureStyle.tickSize))]))
        }
        var widest = 0.0
        for t in yTicks {
            guard let b = py(t.value) else { continue }
            d += "M\(SVGElement.number(left)) \(SVGElement.number(b))h-5"
            labels.append(.text(t.label, left - 8, b + 4, anchor: "end", [("class", "tick-y"), ("font-size", SVGElement.number(FigureStyle.tickSize))]))
            widest = max(widest, FigureStyle.textWidth(t.label, size: FigureStyle.tickSize))
        }
        out.append(.path(d, [("class", "ticks"), ("stroke", FigureStyle.frame), ("stroke-width", "1"), ("fill", "none")]))
        out.append(.group([("fill", FigureStyle.ink)], labels))
        if !xLabel.isEmpty {
            out.append(.text(xLabel, left + width / 2, bottom + 40, anchor: "middle",
                             [("class", "axis-label"), ("font-size", SVGElement.number(FigureStyle.labelSize)), ("fill", FigureStyle.ink)]))
        }
        let lx = left - 16 - widest, ly = top + height / 2
        if !yLabel.isEmpty {
            out.append(.text(yLabel, lx, ly, anchor: "middle",
                             [("class", "axis-label"), ("font-size", SVGElement.number(FigureStyle.labelSize)), ("fill", FigureStyle.ink),
                              ("transform", "rotate(-90 \(SVGElement.number(lx)) \(SVGElement.number(ly)))")]))
        }
        return out
    }

    /// A second vertical axis on the right, for `axis` (its own scale), in `color`.
    func rightAxis(_ axis: FigureAxis, ticks: [AxisTick], label: String, color: String) -> [SVGElement] {
        let other = PlotFrame(left: left, top: top, width: width, height: height, x: x, y: axis)
        var d = "M\(SVGElement.number(right)) \(SVGElement.number(top))V\(SVGElement.number(bottom))"
        var labels: [SVGElement] = []
        var widest = 0.0
        for t in ticks {
            guard let b = other.py(t.value) else { continue }
            d += "M\(SVGElement.number(right)) \(SVGElement.number(b))h5"
            labels.append(.text(t.label, right + 8, b + 4, [("class", "tick-y2"), ("font-size", SVGElement.number(FigureStyle.tickSize))]))
            widest = max(widest, FigureStyle.textWidth(t.label, size: FigureStyle.tickSize))
        }
        let lx = right + 18 + widest, ly = top + height / 2
        return [.path(d, [("class", "ticks"), ("stroke", color), ("stroke-width", "1.5"), ("fill", "none")]),
                .group([("fill", color)], labels),
                .text(label, lx, ly, anchor: "middle",
                      [("class", "axis-label"), ("font-size", SVGElement.number(FigureStyle.labelSize)), ("fill", color),
                       ("transform", "rotate(90 \(SVGElement.number(lx)) \(SVGElement.number(ly)))")])]
    }
}
