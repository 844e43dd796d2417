import Foundation
import SparseScapeCore

/// The figure of an experiment grid: a quantity (the loss, or its gap to the dense optimum) against sparsity, one
/// band per method across seeds (its min–max, the mean as a line), one panel per network.
///
/// A point's marker is filled when every seed's run there ended at a certified minimum that is global or the best
/// known for its mask, open when some run stopped elsewhere (a spurious minimum, a saddle, a point that is not
/// critical, a divergence).
public struct SparsityFigure: Sendable {
    /// One point of a series: a sparsity and the quantity across seeds.
    public struct Point: Sendable, Equatable {
        /// The sparsity reached (0…1).
        public var sparsity: Double
        /// Mean, lowest and highest value across seeds.
        public var mean: Double, low: Double, high: Double
        /// Every seed reached a certified (global or best-known) minimum.
        public var allCertified: Bool

        public init(sparsity: Double, mean: Double, low: Double, high: Double, allCertified: Bool) {
            self.sparsity = sparsity
            self.mean = mean
            self.low = low
            self.high = high
            self.allCertified = allCertified
        }
    }

    /// One method's curve.
    public struct Series: Sendable {
        public var label: String
        public var points: [Point]

        public init(label: String, points: [Point]) {
            self.label = label
            self.points = points
        }
    }

    /// One network's plot.
    public struct Panel: Sendable {
        public var title: String
        public var series: [Series]
        /// A horizontal reference line (the dense optimum), with its label.
        public var reference: (label: String, value: Double)?

        public init(title: String, series: [Series], reference: (label: String, value: Double)? = nil) {
            self.title = title
            self.series = series
            self.reference = reference
        }
    }

    /// The title, a subtitle, the vertical axis's label, the panels, and what the band shows (for the legend).
    public var title: String
    public var subtitle: String
    public var yLabel: String
    public var panels: [Panel]
    public var bandNote: String

    public init(title: String, subtitle: String, yLabel: String, panels: [Panel], bandNote: String) {
        self.title = title
        self.subtitle = subtitle
        self.yLabel = yLabel
        self.panels = panels
        self.bandNote = bandNote
    }

    /// Colours of the methods, in order (Okabe–Ito: distinct for colour-blind readers, and in grey).
    static let colors = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9"]
    /// Markers of the methods, in order (the second cue besides colour).
    static let markers: [FigureMarker] = [.circle, .triangle, .diamond, .star, .circle, .triangle]

    /// The figure as an SVG document.
    public func document() -> SVGDocument {
        let labels = panels.flatMap { $0.series.map(\.label) }
        var methods: [String] = []
        for l in labels where !methods.contains(l) { methods.append(l) }
        var legend = FigureLegend()
        for (k, m) in methods.enumerated() {
            legend.add(.lineSymbol(color: Self.colors[k % Self.colors.count], width: 2.2, marker: Self.markers[k % Self.markers.count]), m)
        }
        legend.add(.patch("#c9c9c9"), bandNote)
        legend.add(.symbol(.circle, fill: FigureStyle.ink, stroke: FigureStyle.ink), "every seed: a certified minimum")
        legend.add(.symbol(.circle, fill: "#ffffff", stroke: FigureStyle.ink), "some seed: spurious, saddle, degenerate or not critical")
        if panels.contains(where: { $0.reference != nil }) {
            legend.add(.line(color: FigureStyle.straight, width: 1.2, dash: "5 4", halo: false), "dense optimum (global minimum, no mask)")
        }
        let left = 92.0, plotWidth = 470.0, plotHeight = 280.0
        let top = 70.0, panelGap = 96.0
        let legendLeft = left + plotWidth + 28
        let width = max(legendLeft + legend.width + 16, left + FigureStyle.textWidth(title, size: FigureStyle.titleSize) + 16,
                        left + FigureStyle.textWidth(subtitle, size: FigureStyle.subtitleSize) + 16)
        let height = top + Double(panels.count) * (plotHeight + panelGap) - 40 + (panels.count > 1 ? 18 : 0)
        var doc = SVGDocument(width: width.rounded(.up), height: height.rounded(.up), title: title)
        doc.add(.text(title, left, 24, [("class", "title"), ("font-size", SVGElement.number(FigureStyle.titleSize)), ("font-weight", "bold"), ("fill", FigureStyle.ink)]))
        if !subtitle.isEmpty {
            doc.add(.text(subtitle, left, 43, [("class", "subtitle"), ("font-size", SVGElement.number(FigureStyle.subtitleSize)), ("fill", FigureStyle.muted)]))
        }
        for (p, panel) in panels.enumerated() {
            let panelTop = top + Double(p) * (plotHeight + panelGap) + (panels.count > 1 ? 18 : 0)
            doc.add(panelElements(panel, index: p, methods: methods, left: left, top: panelTop, width: plotWidth, height: plotHeight))
        }
        doc.add(legend.elements(x: legendLeft, y: top + (panels.count > 1 ? 18 : 0)))
        return doc
    }

    /// One panel: grid, bands, reference, means, markers, axes.
    private func panelElements(_ panel: Panel, index: Int, methods: [String], left: Double, top: Double, width: Double, height: Double) -> [SVGElement] {
        let points = panel.series.flatMap(\.points)
        let maxSparsity = max(points.map(\.sparsity).max() ?? 1, 0.01)
        let xAxis = FigureAxis(lower: 0, upper: 100 * maxSparsity).padded(0.04)
        var values = points.flatMap { [$0.low, $0.high] }
        if let r = panel.reference { values.append(r.value) }
        let yAxis = (FigureAxis.covering(values) ?? FigureAxis(lower: 0, upper: 1)).padded(0.06)
        let frame = PlotFrame(left: left, top: top, width: width, height: height, x: xAxis, y: yAxis)
        let xTicks = xAxis.ticks(maxCount: 8).filter { $0.value >= 0 }.map { AxisTick(value: $0.value, label: $0.label + "%") }
        let yTicks = yAxis.ticks(maxCount: 7)
        var out: [SVGElement] = []
        if panels.count > 1 {
            out.append(.text(panel.title, left, top - 10, [("class", "panel-title"), ("font-size", SVGElement.number(FigureStyle.labelSize)),
                                                            ("font-weight", "bold"), ("fill", FigureStyle.ink)]))
        }
        let clip = "sparsity-plot-\(index)"
        out.append(frame.clipPath(id: clip))
        out.append(frame.grid(xTicks: xTicks, yTicks: yTicks))
        var bands: [SVGElement] = [], lines: [SVGElement] = [], marks: [SVGElement] = []
        if let r = panel.reference, let y = frame.py(r.value) {
            lines.append(.line(frame.left, y, frame.right, y, [("class", "reference"), ("stroke", FigureStyle.straight), ("stroke-width", "1.2"),
                                                               ("stroke-dasharray", "5 4")]))
        }
        for (s, series) in panel.series.enumerated() {
            let k = methods.firstIndex(of: series.label) ?? 0
            // Markers of different methods at the same sparsity are set a little apart, so none hides another.
            let dodge = (Double(s) - Double(panel.series.count - 1) / 2) * 5
            let color = Self.colors[k % Self.colors.count], marker = Self.markers[k % Self.markers.count]
            let sorted = series.points.sorted { $0.sparsity < $1.sparsity }
            let upper = sorted.compactMap { frame.point(100 * $0.sparsity, $0.high) }
            let lower = sorted.reversed().compactMap { frame.point(100 * $0.sparsity, $0.low) }
            if upper.count >= 2 {
                bands.append(.polygon(upper + lower, [("class", "band"), ("fill", color), ("fill-opacity", "0.16"), ("stroke", color),
                                                      ("stroke-opacity", "0.35"), ("stroke-width", "0.8")]))
            }
            for run in frame.polylines(sorted.map { (100 * $0.sparsity, $0.mean) }) where run.count >= 2 {
                lines.append(.polyline(run, [("class", "mean"), ("stroke", color), ("stroke-width", "2.2"), ("stroke-linejoin", "round")]))
            }
            for q in sorted {
                guard let at = frame.point(100 * q.sparsity, q.mean) else { continue }
                marks.append(marker.element(at.x + dodge, at.y, size: 9, fill: q.allCertified ? color : "#ffffff", stroke: color, strokeWidth: 1.6,
                                            attributes: [("class", q.allCertified ? "certified" : "uncertified")]))
            }
        }
        out.append(.group([("clip-path", "url(#\(clip))")], bands + lines))
        out.append(.group([("class", "markers")], marks))
        if let r = panel.reference, let y = frame.py(r.value) {
            // Below the line, at the right: no run ends below the dense optimum (it bounds every mask's loss).
            out.append(.text(r.label, frame.right - 6, min(y + 13, frame.bottom - 3), anchor: "end", [("class", "reference-label"), ("font-size", "11"), ("fill", FigureStyle.muted)] + FigureStyle.halo()))
        }
        out += frame.axes(xTicks: xTicks, yTicks: yTicks, xLabel: "sparsity (weights pruned)", yLabel: yLabel)
        return out
    }
}
