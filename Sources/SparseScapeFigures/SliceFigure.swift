import Foundation
import SparseScapeCore

/// The figure of a 2-D loss slice: a heatmap (or filled contours) with a colour bar, the axes, points, paths and
/// basins.
///
/// Everything is in the slice's coordinates (α, β): the grid of losses (α outer, β inner, as in the CSV), marked
/// points (the centre, targets, the lowest known point, a saddle), polylines (a minimum-energy path, an optimizer's
/// trajectory), and optionally a basin label per grid point with a legend of (id, name): boundaries are drawn
/// between neighbouring grid points of different labels, and each basin's id where it is widest.
public struct SliceFigure: Sendable {
    /// How the loss is drawn.
    public enum Style: String, Sendable, CaseIterable {
        /// One coloured cell per grid point.
        case heatmap
        /// Filled contour bands with contour lines.
        case contours
    }

    /// The colour scale of the loss.
    public enum Scale: String, Sendable, CaseIterable {
        /// Log when the losses are positive and span at least two decades, else linear.
        case auto
        /// Linear.
        case linear
        /// Logarithmic (losses ≤ 0 get the lowest colour).
        case log
    }

    /// What a marked point is.
    public enum MarkerKind: String, Sendable {
        /// The slice's centre (α = β = 0).
        case center
        /// A target of the directions (toward:, plane:).
        case target
        /// The lowest known point.
        case best
        /// A saddle.
        case saddle
        /// Any other point.
        case point
    }

    /// A marked point.
    public struct Marker: Sendable {
        /// Its name (shown beside it and in the legend).
        public var name: String
        /// Its α.
        public var alpha: Double
        /// Its β.
        public var beta: Double
        /// What it is.
        public var kind: MarkerKind
        /// Its loss, when known (shown in the legend).
        public var loss: Double?
        /// The short text beside it on the plot (nil: `name`).
        public var label: String?

        /// A marker.
        public init(name: String, alpha: Double, beta: Double, kind: MarkerKind, loss: Double? = nil, label: String? = nil) {
            self.name = name
            self.alpha = alpha
            self.beta = beta
            self.kind = kind
            self.loss = loss
            self.label = label
        }
    }

    /// What a polyline is.
    public enum CurveKind: String, Sendable {
        /// A minimum-energy path (its images dotted).
        case path
        /// An optimizer's trajectory.
        case trajectory
    }

    /// A polyline in (α, β).
    public struct Curve: Sendable {
        /// Its name (in the legend).
        public var name: String
        /// Its points.
        public var points: [(alpha: Double, beta: Double)]
        /// Path or trajectory.
        public var kind: CurveKind

        /// A polyline.
        public init(name: String, points: [(alpha: Double, beta: Double)], kind: CurveKind) {
            self.name = name
            self.points = points
            self.kind = kind
        }
    }

    /// A basin's legend entry: its label value on the grid and its name.
    public struct Basin: Sendable {
        /// The label value.
        public var id: Int
        /// Its name (e.g. "M1 global minimum, L = 0.166").
        public var name: String

        /// An entry.
        public init(id: Int, name: String) {
            self.id = id
            self.name = name
        }
    }

    /// The title (first line).
    public var title: String
    /// A second, smaller line (settings).
    public var subtitle: String
    /// The α grid (ascending).
    public var alphas: [Double]
    /// The β grid (ascending).
    public var betas: [Double]
    /// Losses, α outer and β inner: `values[i * betas.count + j]` at (alphas[i], betas[j]).
    public var values: [Double]
    /// The horizontal axis label.
    public var alphaLabel: String
    /// The vertical axis label.
    public var betaLabel: String
    /// Heatmap or contours.
    public var style: Style = .heatmap
    /// The colour scale.
    public var scale: Scale = .auto
    /// Marked points.
    public var markers: [Marker] = []
    /// Polylines.
    public var curves: [Curve] = []
    /// A basin label per grid point (same layout as `values`), or nil.
    public var labels: [Int]? = nil
    /// The basins' legend, in the order shown.
    public var basins: [Basin] = []
    /// The colour map.
    public var colorMap: ColorMap = .viridis

    /// A figure of `values` on the grid `alphas` × `betas`; throws when the sizes disagree.
    public init(title: String, subtitle: String = "", alphas: [Double], betas: [Double], values: [Double],
                alphaLabel: String = "α", betaLabel: String = "β") throws {
        guard alphas.count >= 2, betas.count >= 2 else { throw SparseScapeError("a slice figure needs at least 2×2 grid points") }
        guard values.count == alphas.count * betas.count else {
            throw SparseScapeError("a slice figure needs \(alphas.count)×\(betas.count) values, got \(values.count)")
        }
        self.title = title
        self.subtitle = subtitle
        self.alphas = alphas
        self.betas = betas
        self.values = values
        self.alphaLabel = alphaLabel
        self.betaLabel = betaLabel
    }

    /// Adds basins: a label per grid point (α outer, β inner, as `values`) and a legend of (id, name); throws when the
    /// number of labels is not the number of grid points.
    public mutating func setBasins(labels: [Int], legend: [(id: Int, name: String)]) throws {
        guard labels.count == values.count else {
            throw SparseScapeError("basin labels: expected \(values.count) (one per grid point), got \(labels.count)")
        }
        self.labels = labels
        basins = legend.map { Basin(id: $0.id, name: $0.name) }
    }

    /// The colour axis of a thinned copy: the full grid's.
    var fixedColorAxis: FigureAxis? = nil

    /// Grid points per axis drawn at most (two pixels per cell); finer grids are drawn at every k-th point.
    public static let maximumDrawnPoints = 221

    /// The colour axis of the losses: the scale resolved (auto picks log for positive losses spanning ≥ 2 decades).
    public var colorAxis: FigureAxis {
        if let fixedColorAxis { return fixedColorAxis }
        let finite = values.filter { $0.isFinite }
        let lo = finite.min() ?? 0, hi = finite.max() ?? 1
        let useLog: Bool
        switch scale {
        case .linear: useLog = false
        case .log: useLog = hi > 0
        case .auto: useLog = lo > 0 && hi / lo >= 100
        }
        if useLog {
            let positive = finite.filter { $0 > 0 }
            return FigureAxis(lower: positive.min() ?? hi, upper: hi, scale: .log)
        }
        return FigureAxis(lower: lo, upper: hi, scale: .linear)
    }

    /// The contour levels (in loss units) for `axis`: nice values inside the range, about 10 to 16 of them.
    public static func contourLevels(_ axis: FigureAxis) -> [Double] {
        switch axis.scale {
        case .linear:
            let step = FigureAxis.niceStep((axis.upper - axis.lower) / 14)
            guard step > 0 else { return [] }
            var out: [Double] = []
            var k = (axis.lower / step).rounded(.down)
            while k * step < axis.upper && out.count < 64 {
                let v = k * step
                if v > axis.lower && v < axis.upper { out.append(v) }
                k += 1
            }
            return out
        case .log:
            let a = log10(axis.lower), b = log10(axis.upper)
            let decades = b - a
            if decades < 1.5 { return contourLevels(FigureAxis(lower: axis.lower, upper: axis.upper, scale: .linear)) }
            let multiples: [Double] = decades > 7 ? [1] : decades > 4 ? [1, 3] : decades > 2.5 ? [1, 2, 5] : [1, 1.5, 2, 3, 5, 7]
            var out: [Double] = []
            for k in Int(a.rounded(.down))...Int(b.rounded(.up)) {
                for m in multiples {
                    let v = m * pow(10, Double(k))
                    if v > axis.lower && v < axis.upper { out.append(v) }
                }
            }
            if decades > 14 { out = out.enumerated().filter { $0.offset % Int((decades / 12).rounded(.up)) == 0 }.map(\.element) }
            return out
        }
    }

    // MARK: Layout

    /// Plot side in pixels.
    static let plotSize = 440.0
    /// Left margin (β ticks and label).
    static let marginLeft = 84.0
    /// Top margin (title and subtitle).
    static let marginTop = 66.0

    /// The figure as an SVG document.
    public func document() -> SVGDocument {
        let n = max(alphas.count, betas.count)
        if n > Self.maximumDrawnPoints { return thinned(stride: (n + Self.maximumDrawnPoints - 2) / (Self.maximumDrawnPoints - 1)).document() }
        let axis = colorAxis
        let xAxis = FigureAxis(lower: alphas.first!, upper: alphas.last!)
        let yAxis = FigureAxis(lower: betas.first!, upper: betas.last!)
        let frame = PlotFrame(left: Self.marginLeft, top: Self.marginTop, width: Self.plotSize, height: Self.plotSize, x: xAxis, y: yAxis)
        let levels = style == .contours ? Self.contourLevels(axis) : []

        // Colour bar and its labels beside the plot; the legend beside those.
        let barLeft = frame.right + 22, barWidth = 16.0
        let ticks: [AxisTick] = style == .contours ? barTicksForLevels(levels, axis) : axis.ticks(maxCount: 7)
        let tickWidth = ticks.map { FigureStyle.textWidth($0.label, size: FigureStyle.tickSize) }.max() ?? 20
        let extremeWidth = max(FigureStyle.textWidth("max " + NumberFormat.g(axis.upper, 4), size: FigureStyle.tickSize),
                               FigureStyle.textWidth("min " + NumberFormat.g(axis.lower, 4), size: FigureStyle.tickSize))
        let barLabelX = barLeft + barWidth + 14 + tickWidth + 10
        let legend = legendBox()
        let legendLeft = max(barLabelX + 16, barLeft + extremeWidth + 12)
        let width = max(legendLeft + (legend.entries.isEmpty ? 0 : legend.width) + 16,
                        Self.marginLeft + FigureStyle.textWidth(title, size: FigureStyle.titleSize) + 16,
                        Self.marginLeft + FigureStyle.textWidth(subtitle, size: FigureStyle.subtitleSize) + 16)
        let height = max(frame.bottom + 58, frame.top + legend.height + 10)

        var doc = SVGDocument(width: width.rounded(.up), height: height.rounded(.up), title: title)
        let clip = "slice-plot"
        doc.define(frame.clipPath(id: clip))
        doc.add(.text(title, Self.marginLeft, 24, [("class", "title"), ("font-size", SVGElement.number(FigureStyle.titleSize)), ("font-weight", "bold"), ("fill", FigureStyle.ink)]))
        if !subtitle.isEmpty {
            doc.add(.text(subtitle, Self.marginLeft, 43, [("class", "subtitle"), ("font-size", SVGElement.number(FigureStyle.subtitleSize)), ("fill", FigureStyle.muted)]))
        }

        // The loss.
        var data: [SVGElement] = []
        switch style {
        case .heatmap: data.append(heatmap(frame, axis))
        case .contours: data += contours(frame, axis, levels)
        }
        data += saddleLevels(frame)
        if let labels, labels.count == values.count { data += basinOverlay(frame, labels) }
        data += curveElements(frame)
        doc.add(.group([("clip-path", "url(#\(clip))")], data))

        // Axes over the data's edge.
        doc.add(frame.axes(xTicks: xAxis.ticks(maxCount: 7), yTicks: yAxis.ticks(maxCount: 7), xLabel: alphaLabel, yLabel: betaLabel))
        // Markers are drawn unclipped so a point on the edge shows whole.
        doc.add(markerElements(frame))

        // Colour bar.
        let bar = colorBar(axis, levels: levels, ticks: ticks, x: barLeft, y: frame.top, width: barWidth, height: frame.height, labelX: barLabelX, doc: &doc)
        doc.add(bar)
        if !legend.entries.isEmpty { doc.add(legend.elements(x: legendLeft, y: frame.top)) }
        return doc
    }

    /// The figure drawn from every `stride`-th grid point (and the last), with the full grid's colour scale.
    func thinned(stride k: Int) -> SliceFigure {
        func picks(_ count: Int) -> [Int] {
            var p = Array(Swift.stride(from: 0, to: count, by: k))
            if p.last != count - 1 { p.append(count - 1) }
            return p
        }
        let ia = picks(alphas.count), ib = picks(betas.count)
        var copy = self
        copy.fixedColorAxis = colorAxis
        copy.alphas = ia.map { alphas[$0] }
        copy.betas = ib.map { betas[$0] }
        copy.values = ia.flatMap { i in ib.map { j in values[i * betas.count + j] } }
        copy.labels = labels.map { l in ia.flatMap { i in ib.map { j in l[i * betas.count + j] } } }
        copy.subtitle += (subtitle.isEmpty ? "" : " · ") + "drawn from 1 in \(k) grid points per axis"
        return copy
    }

    /// Colour-bar ticks at the contour levels (every second or third when there are many).
    func barTicksForLevels(_ levels: [Double], _ axis: FigureAxis) -> [AxisTick] {
        guard !levels.isEmpty else { return axis.ticks(maxCount: 7) }
        let every = max(1, Int((Double(levels.count) / 12).rounded(.up)))
        let shown = levels.enumerated().filter { $0.offset % every == 0 }.map(\.element)
        // Label with the precision the level spacing needs.
        return shown.map { v in
            if axis.scale == .log && levels.count >= 2 && log10(levels.last! / levels.first!) >= 1.5 {
                let k = Int(log10(v).rounded(.down))
                let m = v / pow(10, Double(k))
                return AxisTick(value: v, label: abs(m - m.rounded()) < 1e-9 ? FigureAxis.multipleLabel(m.rounded(), k) : NumberFormat.g(v, 3))
            }
            let step = levels.count >= 2 ? levels[1] - levels[0] : max(abs(v), 1)
            return AxisTick(value: v, label: FigureAxis.label(v, step: step))
        }
    }

    /// The colour of a loss.
    func color(_ v: Double, _ axis: FigureAxis) -> String {
        guard v.isFinite else { return "#bdbdbd" }
        return colorMap.hex(axis.fraction(v) ?? 0)
    }

    /// Pixel edges of the cells around each grid node (midpoints between nodes, half a spacing beyond the ends).
    static func cellEdges(_ nodes: [Double]) -> [Double] {
        var e = [nodes[0] - (nodes[1] - nodes[0]) / 2]
        for k in 0..<(nodes.count - 1) { e.append((nodes[k] + nodes[k + 1]) / 2) }
        e.append(nodes[nodes.count - 1] + (nodes[nodes.count - 1] - nodes[nodes.count - 2]) / 2)
        return e
    }

    /// One rectangle per grid point (`class="cell"`), in a group with crisp edges so that neighbours meet without seams.
    func heatmap(_ frame: PlotFrame, _ axis: FigureAxis) -> SVGElement {
        let xe = Self.cellEdges(alphas.map { frame.px($0)! }), ye = Self.cellEdges(betas.map { frame.py($0)! })
        var cells: [SVGElement] = []
        cells.reserveCapacity(values.count)
        for i in alphas.indices {
            for j in betas.indices {
                let x0 = min(xe[i], xe[i + 1]), y0 = min(ye[j], ye[j + 1])
                cells.append(.rect(x0, y0, abs(xe[i + 1] - xe[i]), abs(ye[j + 1] - ye[j]),
                                   [("class", "cell"), ("fill", color(values[i * betas.count + j], axis))]))
            }
        }
        return .group([("id", "heatmap"), ("shape-rendering", "crispEdges")], cells)
    }

    /// Filled bands (one group per band, `class="band"`) and contour lines (`class="contour"`).
    func contours(_ frame: PlotFrame, _ axis: FigureAxis, _ levels: [Double]) -> [SVGElement] {
        let transform: (Double) -> Double = { v in
            guard v.isFinite else { return -Double.infinity }
            return axis.scale == .log ? (v > 0 ? log10(v) : -Double.infinity) : v
        }
        let bands = ContourBands(xs: alphas.map { frame.px($0)! }, ys: betas.map { frame.py($0)! },
                                 values: values.map(transform), levels: levels.map(transform))
        let bounds = [axis.lower] + levels + [axis.upper]
        var out: [SVGElement] = []
        var bandGroups: [SVGElement] = []
        for (k, pieces) in bands.fills().enumerated() where !pieces.isEmpty {
            // The band's colour: the middle of its range on the colour scale.
            let t = ((axis.fraction(bounds[k]) ?? 0) + (axis.fraction(bounds[k + 1]) ?? 1)) / 2
            let c = colorMap.hex(t)
            let elements: [SVGElement] = pieces.map { p in
                switch p {
                case .rect(let x, let y, let w, let h): return .rect(x, y, w, h)
                case .polygon(let pts): return .polygon(pts)
                }
            }
            // A hairline stroke of the fill colour closes the antialiasing seams between pieces.
            bandGroups.append(.group([("class", "band"), ("fill", c), ("stroke", c), ("stroke-width", "1.2"), ("stroke-linejoin", "round")], elements))
        }
        out.append(.group([("id", "bands")], bandGroups))
        var lines: [SVGElement] = []
        for (k, level) in levels.enumerated() {
            let d = bands.lines(at: transform(level)).map { run in
                "M" + run.map { SVGElement.number($0.x) + " " + SVGElement.number($0.y) }.joined(separator: "L")
            }.joined()
            if !d.isEmpty {
                lines.append(.path(d, [("class", "contour"), ("data-level", "\(levels[k])")]))
            }
        }
        out.append(.group([("id", "contours"), ("fill", "none"), ("stroke", "#000000"), ("stroke-opacity", "0.45"), ("stroke-width", "0.7"), ("stroke-linejoin", "round")], lines))
        return out
    }

    /// The loss levels of the saddles inside the plot: the level set through a pass, where two basins touch.
    var saddleLevelMarkers: [Marker] {
        markers.filter { m in
            m.kind == .saddle && m.loss != nil && m.alpha >= alphas.first! && m.alpha <= alphas.last! && m.beta >= betas.first! && m.beta <= betas.last!
        }
    }

    /// The contour line at each saddle's loss (`class="saddle-level"`), dashed white over a dark halo.
    func saddleLevels(_ frame: PlotFrame) -> [SVGElement] {
        let levels = saddleLevelMarkers.compactMap(\.loss)
        guard !levels.isEmpty else { return [] }
        let bands = ContourBands(xs: alphas.map { frame.px($0)! }, ys: betas.map { frame.py($0)! }, values: values, levels: [])
        var out: [SVGElement] = []
        for level in levels {
            let d = bands.lines(at: level).map { run in
                "M" + run.map { SVGElement.number($0.x) + " " + SVGElement.number($0.y) }.joined(separator: "L")
            }.joined()
            guard !d.isEmpty else { continue }
            out.append(.path(d, [("fill", "none"), ("stroke", "#000000"), ("stroke-opacity", "0.5"), ("stroke-width", "3"), ("stroke-linejoin", "round")]))
            out.append(.path(d, [("class", "saddle-level"), ("data-level", "\(level)"), ("fill", "none"), ("stroke", "#ffffff"), ("stroke-width", "1.3"),
                                 ("stroke-dasharray", "5 3"), ("stroke-linejoin", "round")]))
        }
        return out
    }

    /// Basin boundaries (between neighbouring grid points with different labels) and each basin's id where it is widest
    /// (away from the marked points).
    func basinOverlay(_ frame: PlotFrame, _ labels: [Int]) -> [SVGElement] {
        let na = alphas.count, nb = betas.count
        let xe = Self.cellEdges(alphas.map { frame.px($0)! }), ye = Self.cellEdges(betas.map { frame.py($0)! })
        func label(_ i: Int, _ j: Int) -> Int { labels[i * nb + j] }
        var d = ""
        for i in 0..<na {
            for j in 0..<nb {
                if i + 1 < na && label(i, j) != label(i + 1, j) {
                    d += "M\(SVGElement.number(xe[i + 1])) \(SVGElement.number(ye[j]))V\(SVGElement.number(ye[j + 1]))"
                }
                if j + 1 < nb && label(i, j) != label(i, j + 1) {
                    d += "M\(SVGElement.number(xe[i])) \(SVGElement.number(ye[j + 1]))H\(SVGElement.number(xe[i + 1]))"
                }
            }
        }
        var out: [SVGElement] = []
        if !d.isEmpty {
            out.append(.path(d, [("class", "basin-boundary-halo"), ("fill", "none"), ("stroke", "#000000"), ("stroke-opacity", "0.6"), ("stroke-width", "3.2"), ("stroke-linecap", "square")]))
            out.append(.path(d, [("class", "basin-boundary"), ("fill", "none"), ("stroke", "#ffffff"), ("stroke-width", "1.4"), ("stroke-linecap", "square")]))
        }
        // Each label's widest point: the grid point farthest from another label and from the grid's edge.
        var boundary: [(Int, Int)] = []
        for i in 0..<na { for j in 0..<nb {
            let l = label(i, j)
            if (i > 0 && label(i - 1, j) != l) || (i + 1 < na && label(i + 1, j) != l) || (j > 0 && label(i, j - 1) != l) || (j + 1 < nb && label(i, j + 1) != l) {
                boundary.append((i, j))
            }
        } }
        // Marked points keep their place: a label does not go within 18 pixels of one (unless nowhere else fits).
        let marked = markers.compactMap { frame.point($0.alpha, $0.beta) }
        var best: [Int: (d: Int, i: Int, j: Int)] = [:]
        for i in 0..<na { for j in 0..<nb {
            let l = label(i, j)
            let x = frame.px(alphas[i])!, y = frame.py(betas[j])!
            let nearMarker = marked.contains { ($0.x - x) * ($0.x - x) + ($0.y - y) * ($0.y - y) < 18 * 18 }
            var dist = min(i + 1, j + 1, na - i, nb - j) * min(i + 1, j + 1, na - i, nb - j)
            if nearMarker { dist = -1 }
            for (bi, bj) in boundary where label(bi, bj) != l && dist > 0 {
                let dd = (bi - i) * (bi - i) + (bj - j) * (bj - j)
                if dd < dist { dist = dd }
            }
            if best[l] == nil || dist > best[l]!.d { best[l] = (dist, i, j) }
        } }
        for l in best.keys.sorted() {
            let p = best[l]!
            let x = frame.px(alphas[p.i])!, y = frame.py(betas[p.j])!
            let text = "\(l)"
            let w = FigureStyle.textWidth(text, size: 12) + 8
            out.append(.group([("class", "basin-label")], [
                .rect(x - w / 2, y - 9, w, 18, [("rx", "4"), ("fill", "#ffffff"), ("fill-opacity", "0.85"), ("stroke", "#000000"), ("stroke-width", "0.8")]),
                .text(text, x, y + 4.5, anchor: "middle", [("font-size", "12"), ("font-weight", "bold"), ("fill", FigureStyle.ink)]),
            ]))
        }
        return out
    }

    /// The polylines: a dark halo under a light line; a path's images as dots.
    func curveElements(_ frame: PlotFrame) -> [SVGElement] {
        var out: [SVGElement] = []
        for c in curves {
            let runs = frame.polylines(c.points.map { ($0.alpha, $0.beta) })
            let color = c.kind == .path ? "#ffffff" : "#ff9f1c"
            var parts: [SVGElement] = []
            for run in runs where run.count >= 2 {
                parts.append(.polyline(run, [("stroke", "#000000"), ("stroke-opacity", "0.55"), ("stroke-width", "4.4"), ("stroke-linejoin", "round"), ("stroke-linecap", "round")]))
                var a: [(name: String, value: String)] = [("class", c.kind.rawValue), ("stroke", color), ("stroke-width", "2.2"), ("stroke-linejoin", "round"), ("stroke-linecap", "round")]
                if c.kind == .trajectory { a.append(("stroke-dasharray", "6 3")) }
                parts.append(.polyline(run, a))
            }
            if c.kind == .path {
                for run in runs { for p in run { parts.append(.circle(p.x, p.y, 2.2, [("class", "path-image"), ("fill", color), ("stroke", "#000000"), ("stroke-width", "0.6")])) } }
            }
            out.append(.group([("class", "curve")], parts))
        }
        return out
    }

    /// The symbol, fill and outline of a marker kind.
    static func symbol(_ kind: MarkerKind) -> (FigureMarker, fill: String, stroke: String, size: Double) {
        switch kind {
        case .center: return (.circle, "#ffffff", "#000000", 10)
        case .target: return (.diamond, "#ffffff", "#000000", 11)
        case .best: return (.star, "#ff4d6d", "#ffffff", 15)
        case .saddle: return (.cross, "#ff4d6d", "#ffffff", 14)
        case .point: return (.triangle, "#ffffff", "#000000", 10)
        }
    }

    /// The markers inside the plot, each with its label beside it (placed clear of the others).
    func markerElements(_ frame: PlotFrame) -> SVGElement {
        var symbols: [SVGElement] = [], texts: [SVGElement] = []
        var placer = FigureLabels(bounds: .init(x0: frame.left + 2, y0: frame.top + 2, x1: frame.right - 2, y1: frame.bottom - 2))
        let shown = markers.compactMap { m -> (Marker, (x: Double, y: Double))? in
            guard let p = frame.point(m.alpha, m.beta),
                  p.x >= frame.left - 0.5, p.x <= frame.right + 0.5, p.y >= frame.top - 0.5, p.y <= frame.bottom + 0.5 else { return nil }
            return (m, p)
        }
        for (m, p) in shown { placer.reserve(p.x, p.y, radius: Self.symbol(m.kind).size / 2 + 1) }
        for (m, p) in shown {
            let s = Self.symbol(m.kind)
            symbols.append(s.0.element(p.x, p.y, size: s.size, fill: s.fill, stroke: s.stroke, strokeWidth: 1.3, attributes: [("class", "marker-\(m.kind.rawValue)")]))
            let text = m.label ?? m.name
            let at = placer.place(text, near: p.x, p.y, size: 11.5)
            texts.append(.text(text, at.x, at.y, anchor: at.anchor, [("class", "marker-label"), ("font-size", "11.5"), ("fill", FigureStyle.ink)] + FigureStyle.halo()))
        }
        return .group([("id", "markers")], symbols + texts)
    }

    /// The legend: curves, markers (with their losses), basins.
    func legendBox() -> FigureLegend {
        var legend = FigureLegend()
        for c in curves {
            legend.add(.line(color: c.kind == .path ? "#ffffff" : "#ff9f1c", width: 2.2, dash: c.kind == .trajectory ? "6 3" : nil, halo: true), c.name)
        }
        for m in markers {
            let s = Self.symbol(m.kind)
            let stroke = s.stroke == "#ffffff" ? "#000000" : s.stroke
            var text = m.name
            if let l = m.loss { text += "  (L = \(NumberFormat.human(l, 5)))" }
            let inside = m.alpha >= min(alphas.first!, alphas.last!) && m.alpha <= max(alphas.first!, alphas.last!)
                && m.beta >= min(betas.first!, betas.last!) && m.beta <= max(betas.first!, betas.last!)
            if !inside { text += "  (outside)" }
            legend.add(.symbol(s.0, fill: s.fill, stroke: stroke), text)
        }
        for m in saddleLevelMarkers {
            legend.add(.line(color: "#ffffff", width: 1.3, dash: "5 3", halo: true), "loss at the saddle's level (\(NumberFormat.human(m.loss!, 6)))")
        }
        if labels != nil {
            legend.add(.heading, "basins")
            legend.add(.line(color: "#ffffff", width: 1.4, dash: nil, halo: true), "boundary")
            for b in basins { legend.add(.badge("\(b.id)"), b.name) }
        }
        return legend
    }

    /// The colour bar (`id="colorbar"`): a gradient (heatmap) or the bands (contours), ticks, the loss label, and the
    /// extreme values above and below it.
    func colorBar(_ axis: FigureAxis, levels: [Double], ticks: [AxisTick], x: Double, y: Double, width: Double, height: Double,
                  labelX: Double, doc: inout SVGDocument) -> SVGElement {
        var parts: [SVGElement] = []
        func rowOf(_ v: Double) -> Double? { axis.fraction(v).map { y + (1 - $0) * height } }
        if style == .contours {
            let bounds = [axis.lower] + levels + [axis.upper]
            for k in 0..<(bounds.count - 1) {
                guard let top = rowOf(bounds[k + 1]), let bottom = rowOf(bounds[k]) else { continue }
                let t = ((axis.fraction(bounds[k]) ?? 0) + (axis.fraction(bounds[k + 1]) ?? 1)) / 2
                parts.append(.rect(x, top, width, bottom - top, [("fill", colorMap.hex(t)), ("stroke", colorMap.hex(t)), ("stroke-width", "0.5")]))
            }
        } else {
            let stops = (0...32).map { k -> SVGElement in
                let t = Double(k) / 32
                return SVGElement("stop", [("offset", SVGElement.number(t * 100) + "%"), ("stop-color", colorMap.hex(t))])
            }
            doc.define(SVGElement("linearGradient", [("id", "colorbar-gradient"), ("x1", "0"), ("y1", "1"), ("x2", "0"), ("y2", "0")], children: stops))
            parts.append(.rect(x, y, width, height, [("fill", "url(#colorbar-gradient)")]))
        }
        parts.append(.rect(x, y, width, height, [("fill", "none"), ("stroke", FigureStyle.frame), ("stroke-width", "0.8")]))
        var d = ""
        var labels: [SVGElement] = []
        for t in ticks {
            guard let r = rowOf(t.value), r >= y - 0.5, r <= y + height + 0.5 else { continue }
            d += "M\(SVGElement.number(x + width)) \(SVGElement.number(r))h5"
            labels.append(.text(t.label, x + width + 8, r + 4, [("class", "colorbar-tick"), ("data-value", "\(t.value)"), ("font-size", SVGElement.number(FigureStyle.tickSize))]))
        }
        parts.append(.path(d, [("stroke", FigureStyle.frame), ("stroke-width", "1"), ("fill", "none")]))
        parts.append(.group([("fill", FigureStyle.ink)], labels))
        parts.append(.text("max " + NumberFormat.human(axis.upper, 4), x, y - 7,
                           [("class", "colorbar-extreme"), ("font-size", SVGElement.number(FigureStyle.tickSize)), ("fill", FigureStyle.muted)]))
        parts.append(.text("min " + NumberFormat.human(axis.lower, 4), x, y + height + 16,
                           [("class", "colorbar-extreme"), ("font-size", SVGElement.number(FigureStyle.tickSize)), ("fill", FigureStyle.muted)]))
        let label = axis.scale == .log ? "loss (log scale)" : "loss"
        let ly = y + height / 2
        parts.append(.text(label, labelX, ly, anchor: "middle",
                           [("class", "axis-label"), ("font-size", SVGElement.number(FigureStyle.labelSize)), ("fill", FigureStyle.ink),
                            ("transform", "rotate(90 \(SVGElement.number(labelX)) \(SVGElement.number(ly)))")]))
        return .group([("id", "colorbar")], parts)
    }
}
