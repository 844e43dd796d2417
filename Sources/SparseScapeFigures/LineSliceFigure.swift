import Foundation
import SparseScapeCore

/// The figure of a 1-D slice: the loss along the line, its ends and, when it is not monotone, its barrier above the
/// higher end.
public struct LineSliceFigure: Sendable {
    /// The title.
    public var title: String
    /// A second, smaller line.
    public var subtitle: String
    /// The line's parameter values.
    public var ts: [Double]
    /// The losses.
    public var losses: [Double]
    /// The horizontal axis label.
    public var tLabel: String
    /// The top of the barrier (t, loss) when the line is not monotone.
    public var barrierTop: (t: Double, loss: Double)?

    /// A figure of `losses` at `ts`.
    public init(title: String, subtitle: String = "", ts: [Double], losses: [Double], tLabel: String = "t",
                barrierTop: (t: Double, loss: Double)? = nil) {
        self.title = title
        self.subtitle = subtitle
        self.ts = ts
        self.losses = losses
        self.tLabel = tLabel
        self.barrierTop = barrierTop
    }

    /// The figure of `slice` along `directions` from a centre named `centerName`.
    public static func make(_ slice: LineSlice, name: String, directions: String, centerName: String) -> LineSliceFigure {
        let top = slice.isMonotone ? nil : (t: slice.barrierPosition, loss: LineSlice.evaluate(slice.polynomial, slice.barrierPosition))
        let subtitle = "from \(centerName) · \(slice.ts.count) points · " + (slice.isMonotone ? "monotone: no barrier"
            : "not monotone: a barrier of \(NumberFormat.g(slice.barrierHeight, 6)) above the higher end, at t = \(NumberFormat.g(slice.barrierPosition, 4))")
        let label = directions.hasPrefix("toward:") ? "t  (0: \(centerName), 1: \(directions.dropFirst(7)))" : "t  (along d₁: \(directions))"
        return LineSliceFigure(title: "\(name): loss along \(directions)", subtitle: subtitle, ts: slice.ts, losses: slice.losses,
                               tLabel: label, barrierTop: top)
    }

    /// The figure as an SVG document.
    public func document() -> SVGDocument {
        let all = losses + [barrierTop?.loss].compactMap { $0 }
        let yAxis = (FigureAxis.covering(all) ?? FigureAxis(lower: 0, upper: 1)).padded(0.1)
        let xAxis = FigureAxis(lower: ts.first ?? 0, upper: ts.last ?? 1)
        let frame = PlotFrame(left: 84, top: 66, width: 480, height: 320, x: xAxis, y: yAxis)
        let width = max(frame.right + 40, 84 + FigureStyle.textWidth(title, size: FigureStyle.titleSize) + 16,
                        84 + FigureStyle.textWidth(subtitle, size: FigureStyle.subtitleSize) + 16)
        var doc = SVGDocument(width: width.rounded(.up), height: (frame.bottom + 60).rounded(.up), title: title)
        doc.add(.text(title, 84, 24, [("class", "title"), ("font-size", SVGElement.number(FigureStyle.titleSize)), ("font-weight", "bold"), ("fill", FigureStyle.ink)]))
        if !subtitle.isEmpty {
            doc.add(.text(subtitle, 84, 43, [("class", "subtitle"), ("font-size", SVGElement.number(FigureStyle.subtitleSize)), ("fill", FigureStyle.muted)]))
        }
        let xTicks = xAxis.ticks(maxCount: 7), yTicks = yAxis.ticks(maxCount: 7)
        doc.define(frame.clipPath(id: "line-plot"))
        doc.add(frame.grid(xTicks: xTicks, yTicks: yTicks))
        var data: [SVGElement] = []
        for run in frame.polylines(Array(zip(ts, losses))) where run.count >= 2 {
            data.append(.polyline(run, [("class", "line-slice"), ("stroke", FigureStyle.loss), ("stroke-width", "2.2"), ("stroke-linejoin", "round")]))
        }
        doc.add(.group([("clip-path", "url(#line-plot)")], data))
        doc.add(frame.axes(xTicks: xTicks, yTicks: yTicks, xLabel: tLabel, yLabel: "loss"))
        var marks: [SVGElement] = []
        for (t, l) in [(ts.first, losses.first), (ts.last, losses.last)] {
            if let t, let l, let p = frame.point(t, l) { marks.append(.circle(p.x, p.y, 4, [("class", "end"), ("fill", "#ffffff"), ("stroke", FigureStyle.ink), ("stroke-width", "1.4")])) }
        }
        if let top = barrierTop, let p = frame.point(top.t, top.loss) {
            var placer = FigureLabels(bounds: .init(x0: frame.left + 2, y0: frame.top + 2, x1: frame.right - 2, y1: frame.bottom - 2))
            placer.reserve(p.x, p.y, radius: 7)
            let text = "top L = \(NumberFormat.g(top.loss, 8))"
            let at = placer.place(text, near: p.x, p.y, size: 11.5)
            marks.append(FigureMarker.cross.element(p.x, p.y, size: 12, fill: FigureStyle.path, stroke: "#ffffff", attributes: [("class", "marker-barrier")]))
            marks.append(.text(text, at.x, at.y, anchor: at.anchor, [("font-size", "11.5"), ("fill", FigureStyle.ink)] + FigureStyle.halo()))
        }
        doc.add(.group([("id", "markers")], marks))
        return doc
    }
}
