import Foundation
import SparseScapeCore

/// The figure of a minimum-energy path: the loss along its arc length, the saddle marked, beside the straight
/// line's profile between the same ends (and the dense network's path when computed).
///
/// Each curve runs over the fraction of its own length (0 at the start, 1 at the end), so all begin and end at
/// the same losses and their rises compare directly. When the pass is small beside the whole drop (under 3 % of
/// the loss axis; theorem5: a barrier of 0.045 on a descent of 7.8), a zoom on the pass is drawn beside the plot.
public struct PathFigure: Sendable {
    /// The title.
    public var title: String
    /// A second, smaller line.
    public var subtitle: String
    /// The path under the mask.
    public var path: PathProfile
    /// The dense network's path between the same ends, if computed.
    public var dense: PathProfile?
    /// The straight line between the path's ends: t in [0, 1] and the loss there.
    public var straightLine: (ts: [Double], losses: [Double])?
    /// The straight line's length ‖end − start‖ (shown in the legend), if known.
    public var straightLength: Double?

    /// A figure of `path` (and optionally the dense path and the straight line).
    public init(title: String, subtitle: String = "", path: PathProfile, dense: PathProfile? = nil,
                straightLine: (ts: [Double], losses: [Double])? = nil, straightLength: Double? = nil) {
        self.title = title
        self.subtitle = subtitle
        self.path = path
        self.dense = dense
        self.straightLine = straightLine
        self.straightLength = straightLength
    }

    /// The figure of `path`'s result, with the straight line between the band's ends computed exactly (201 points
    /// of the loss polynomial along it).
    public static func make(_ f: LossFunction, result: PathResult, name: String, from: String, to: String) throws -> PathFigure {
        let p = result.path
        guard let a = p.images.first, let b = p.images.last, p.losses.count == p.images.count, p.losses.count >= 2 else {
            throw SparseScapeError("the path has no images to draw")
        }
        let d = (0..<a.count).map { b[$0] - a[$0] }
        let line = try LineSlice(f, center: a, direction: d, from: 0, to: 1, count: 201)
        let length = EuclideanNorm.of(d)
        var subtitle = "\(p.images.count) images"
        if let s = p.saddle {
            subtitle += s.classification == .saddle
                ? " · saddle L = \(NumberFormat.g(s.loss, 10))\(s.index.map { ", index \($0)" } ?? ""), ‖∇L‖ = \(NumberFormat.g(s.gradientNorm, 2))"
                : " · top of the band L = \(NumberFormat.g(s.loss, 10)) (not certified)"
        }
        subtitle += " · barrier \(NumberFormat.g(p.barrier, 6)) above the start; straight line \(NumberFormat.g(p.lineBarrier, 6)) above the higher end"
        return PathFigure(title: "\(name): minimum-energy path from \(from) to \(to)", subtitle: subtitle, path: p,
                          dense: result.dense, straightLine: (line.ts, line.losses), straightLength: length)
    }

    /// Points (fraction of length, loss) of a profile.
    static func profilePoints(_ p: PathProfile) -> [(Double, Double)] {
        let total = p.arcLength.last ?? 0
        return zip(p.arcLength, p.losses).map { (total > 0 ? $0 / total : 0, $1) }
    }

    /// Where the pass is: the highest image's position and the top loss (the refined saddle's when there is one).
    var top: (s: Double, loss: Double, index: Int)? {
        guard let k = path.losses.indices.max(by: { path.losses[$0] < path.losses[$1] }), k > 0, k < path.losses.count - 1 else { return nil }
        let total = path.arcLength.last ?? 0
        return (total > 0 ? path.arcLength[k] / total : 0, path.saddle?.loss ?? path.losses[k], k)
    }

    /// The figure as an SVG document.
    public func document() -> SVGDocument {
        let main = Self.profilePoints(path)
        let line = straightLine.map { zip($0.ts, $0.losses).map { ($0, $1) } } ?? []
        let densePoints = dense.map(Self.profilePoints) ?? []
        let all = main.map(\.1) + line.map(\.1) + densePoints.map(\.1) + [top?.loss].compactMap { $0 }
        let yAxis = (FigureAxis.covering(all) ?? FigureAxis(lower: 0, upper: 1)).padded(0.06)
        let frame = PlotFrame(left: 84, top: 66, width: 440, height: 320, x: FigureAxis(lower: 0, upper: 1), y: yAxis)

        var legend = FigureLegend()
        let length = path.arcLength.last ?? 0
        legend.add(.line(color: FigureStyle.path, width: 2.4, dash: nil, halo: false), "minimum-energy path (length \(NumberFormat.g(length, 4)))")
        if !line.isEmpty {
            legend.add(.line(color: FigureStyle.straight, width: 1.8, dash: "7 4", halo: false),
                       "straight line" + (straightLength.map { " (length \(NumberFormat.g($0, 4)))" } ?? ""))
        }
        if !densePoints.isEmpty {
            legend.add(.line(color: FigureStyle.dense, width: 1.8, dash: "2 3", halo: false), "dense network's path (no mask)")
        }
        if let s = path.saddle {
            legend.add(.symbol(.cross, fill: FigureStyle.path, stroke: "#ffffff"), s.classification == .saddle ? "saddle" + (s.index.map { " (index \($0))" } ?? "") : "top of the band (not a certified saddle)")
        }
        let higherEnd = max(path.startLoss, path.endLoss)
        let pass = top.map { $0.loss - higherEnd } ?? 0
        let wantsZoom = top != nil && pass > 0 && pass < 0.03 * (yAxis.upper - yAxis.lower)

        let rightColumn = frame.right + 40
        let width = max(rightColumn + max(legend.width, wantsZoom ? 300 : 0) + 16,
                        84 + FigureStyle.textWidth(title, size: FigureStyle.titleSize) + 16,
                        84 + FigureStyle.textWidth(subtitle, size: FigureStyle.subtitleSize) + 16)
        var doc = SVGDocument(width: width.rounded(.up), height: (frame.bottom + 60).rounded(.up), title: title)
        doc.add(.text(title, 84, 24, [("class", "title"), ("font-size", SVGElement.number(FigureStyle.titleSize)), ("font-weight", "bold"), ("fill", FigureStyle.ink)]))
        if !subtitle.isEmpty {
            doc.add(.text(subtitle, 84, 43, [("class", "subtitle"), ("font-size", SVGElement.number(FigureStyle.subtitleSize)), ("fill", FigureStyle.muted)]))
        }
        let xTicks = frame.x.ticks(maxCount: 6), yTicks = yAxis.ticks(maxCount: 7)
        doc.define(frame.clipPath(id: "path-plot"))
        doc.add(frame.grid(xTicks: xTicks, yTicks: yTicks))
        var data = curves(frame, main: main, line: line, dense: densePoints, dots: true)
        if wantsZoom, let t = top {
            // Where the zoom looks, outlined on the main plot.
            let z = zoomAxes(t, pass: pass)
            if let x0 = frame.px(z.x.lower), let x1 = frame.px(z.x.upper), let y0 = frame.py(z.y.upper), let y1 = frame.py(z.y.lower) {
                data.append(.rect(x0, y0, x1 - x0, max(y1 - y0, 3), [("class", "zoom-region"), ("fill", "none"), ("stroke", FigureStyle.muted), ("stroke-width", "0.9"), ("stroke-dasharray", "3 2")]))
            }
        }
        doc.add(.group([("clip-path", "url(#path-plot)")], data))
        doc.add(frame.axes(xTicks: xTicks, yTicks: yTicks, xLabel: "position along the curve (fraction of its length)", yLabel: "loss"))
        doc.add(markers(frame, labelled: !wantsZoom))
        doc.add(legend.elements(x: rightColumn, y: frame.top))
        if wantsZoom, let t = top {
            doc.add(zoom(t, pass: pass, x: rightColumn + 50, y: frame.top + legend.height + 36, width: 240, height: frame.bottom - (frame.top + legend.height + 36), doc: &doc))
        }
        return doc
    }

    /// The polylines of the three curves in `frame` (path last, on top); the path's images as dots.
    func curves(_ frame: PlotFrame, main: [(Double, Double)], line: [(Double, Double)], dense: [(Double, Double)], dots: Bool) -> [SVGElement] {
        var out: [SVGElement] = []
        for run in frame.polylines(line) where run.count >= 2 {
            out.append(.polyline(run, [("class", "straight-line"), ("stroke", FigureStyle.straight), ("stroke-width", "1.8"), ("stroke-dasharray", "7 4")]))
        }
        for run in frame.polylines(dense) where run.count >= 2 {
            out.append(.polyline(run, [("class", "dense-path"), ("stroke", FigureStyle.dense), ("stroke-width", "1.8"), ("stroke-dasharray", "2 3"), ("stroke-linecap", "round")]))
        }
        for run in frame.polylines(main) where run.count >= 2 {
            out.append(.polyline(run, [("class", "path"), ("stroke", FigureStyle.path), ("stroke-width", "2.4"), ("stroke-linejoin", "round")]))
        }
        if dots {
            for run in frame.polylines(main) { for p in run { out.append(.circle(p.x, p.y, 2.3, [("class", "path-image"), ("fill", FigureStyle.path)])) } }
        }
        return out
    }

    /// The saddle's cross (`class="marker-saddle"`) and, when `labelled`, its loss beside it.
    func markers(_ frame: PlotFrame, labelled: Bool) -> SVGElement {
        guard let t = top, let p = frame.point(t.s, t.loss) else { return .group([("id", "markers")], []) }
        var out: [SVGElement] = [FigureMarker.cross.element(p.x, p.y, size: 13, fill: FigureStyle.path, stroke: "#ffffff", strokeWidth: 1.2, attributes: [("class", "marker-saddle")])]
        if labelled {
            out.append(.text("L = \(NumberFormat.g(t.loss, 8))", p.x + 10, p.y - 10, [("class", "marker-label"), ("font-size", "11.5"), ("fill", FigureStyle.ink)] + FigureStyle.halo()))
        }
        return .group([("id", "markers")], out)
    }

    /// The zoom's axes: around the pass, from a little below the higher end to a little above the top.
    func zoomAxes(_ t: (s: Double, loss: Double, index: Int), pass: Double) -> (x: FigureAxis, y: FigureAxis) {
        let higherEnd = max(path.startLoss, path.endLoss)
        // Horizontally: from the start (or a little before the pass) to where the path has fallen one pass below the higher end.
        let pts = Self.profilePoints(path)
        var right = 1.0
        for k in t.index..<pts.count where pts[k].1 < higherEnd - 1.2 * pass { right = pts[k].0; break }
        var left = 0.0
        for k in stride(from: t.index, through: 0, by: -1) where pts[k].1 < higherEnd - 1.2 * pass { left = pts[k].0; break }
        let lo = max(0, left - 0.02), hi = min(1, right + 0.02)
        return (FigureAxis(lower: lo, upper: max(hi, lo + 0.02)), FigureAxis(lower: higherEnd - 1.4 * pass, upper: t.loss + 0.9 * pass))
    }

    /// The zoom on the pass (`id="zoom"`): the same curves, the saddle, the higher end's level and the barrier.
    func zoom(_ t: (s: Double, loss: Double, index: Int), pass: Double, x: Double, y: Double, width: Double, height: Double,
              doc: inout SVGDocument) -> SVGElement {
        let z = zoomAxes(t, pass: pass)
        let frame = PlotFrame(left: x, top: y, width: width, height: height, x: z.x, y: z.y)
        doc.define(frame.clipPath(id: "zoom-plot"))
        let main = Self.profilePoints(path)
        let line = straightLine.map { zip($0.ts, $0.losses).map { ($0, $1) } } ?? []
        let dense = dense.map(Self.profilePoints) ?? []
        let higherEnd = max(path.startLoss, path.endLoss)
        var data: [SVGElement] = []
        if let yl = frame.py(higherEnd) {
            data.append(.line(frame.left, yl, frame.right, yl, [("stroke", FigureStyle.muted), ("stroke-width", "0.8"), ("stroke-dasharray", "2 2")]))
        }
        data += curves(frame, main: main, line: line, dense: dense, dots: true)
        var out: [SVGElement] = [.group([("clip-path", "url(#zoom-plot)")], data)]
        let xTicks = z.x.ticks(maxCount: 4), yTicks = z.y.ticks(maxCount: 5)
        out += frame.axes(xTicks: xTicks, yTicks: yTicks, xLabel: "", yLabel: "")
        out.append(.text("zoom on the pass", frame.left, frame.top - 8, [("font-size", "11.5"), ("font-weight", "bold"), ("fill", FigureStyle.ink)]))
        if let p = frame.point(t.s, t.loss), let base = frame.py(higherEnd) {
            // The barrier as a bracket from the higher end's level to the saddle.
            let bx = min(frame.right - 8, p.x + 18)
            out.append(.path("M\(SVGElement.number(bx - 4)) \(SVGElement.number(p.y))h8M\(SVGElement.number(bx)) \(SVGElement.number(p.y))V\(SVGElement.number(base))M\(SVGElement.number(bx - 4)) \(SVGElement.number(base))h8",
                             [("class", "barrier"), ("stroke", FigureStyle.ink), ("stroke-width", "1"), ("fill", "none")]))
            out.append(FigureMarker.cross.element(p.x, p.y, size: 13, fill: FigureStyle.path, stroke: "#ffffff", strokeWidth: 1.2, attributes: [("class", "marker-saddle-zoom")]))
            out.append(.text("saddle L = \(NumberFormat.g(t.loss, 8))", p.x, p.y - 12, anchor: "middle", [("font-size", "11"), ("fill", FigureStyle.ink)] + FigureStyle.halo()))
            out.append(.text("barrier \(NumberFormat.g(pass, 4))", bx + 6, (p.y + base) / 2 + 4, [("font-size", "11"), ("fill", FigureStyle.ink)] + FigureStyle.halo()))
        }
        return .group([("id", "zoom")], out)
    }
}
