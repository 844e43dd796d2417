import Foundation
import SparseScapeCore

/// The figure of a training run: the loss (left axis) and the gradient norm (right axis) against the iteration,
/// all on log scales.
///
/// The iteration axis is log₁₀(1 + step), so the start (step 0) sits at the left edge and the first steps get
/// as much room as the last thousands; ticks are at their true steps. Non-finite values (a diverging run) and
/// zeros are never drawn: the curves break there.
public struct TrainingFigure: Sendable {
    /// The title.
    public var title: String
    /// A second, smaller line.
    public var subtitle: String
    /// The samples.
    public var points: [HistoryPoint]
    /// The gradient-norm tolerance of the stopping rule (a dashed line), or nil.
    public var gradientTolerance: Double?

    /// A figure of `points`.
    public init(title: String, subtitle: String = "", points: [HistoryPoint], gradientTolerance: Double? = nil) {
        self.title = title
        self.subtitle = subtitle
        self.points = points
        self.gradientTolerance = gradientTolerance
    }

    /// The figure of a run recorded in `trace`, titled with the network's `name` and the optimizer.
    public static func make(trace: LossTrace, name: String, optimizer: String, result: TrainingResult,
                            gradientTolerance: Double?) -> TrainingFigure {
        var subtitle = "\(result.steps) steps, stopped: \(result.stopReason.rawValue)"
        if !result.stopReason.isFailure {
            subtitle += " · loss \(NumberFormat.g(result.initialLoss, 6)) → \(NumberFormat.g(result.loss, 10)) · ‖∇L‖ \(NumberFormat.g(result.gradientNorm, 3))"
        }
        return TrainingFigure(title: "\(name): training with \(optimizer)", subtitle: subtitle, points: trace.points,
                              gradientTolerance: gradientTolerance.flatMap { $0 > 0 ? $0 : nil })
    }

    /// The iteration ticks: 0, the powers of ten, and the last step (when not crowded).
    static func stepTicks(last: Int) -> [AxisTick] {
        var ticks = [AxisTick(value: 1, label: "0")]
        var p = 1
        while p <= last {
            ticks.append(AxisTick(value: Double(p + 1), label: p >= 100_000 ? FigureAxis.powerLabel(Int(log10(Double(p)).rounded())) : "\(p)"))
            p *= 10
        }
        let end = Double(last + 1)
        if last > 0, ticks.allSatisfy({ abs(log10($0.value) - log10(end)) > 0.18 }) { ticks.append(AxisTick(value: end, label: "\(last)")) }
        return ticks
    }

    /// The figure as an SVG document.
    public func document() -> SVGDocument {
        let last = points.last?.iteration ?? 0
        let xAxis = FigureAxis(lower: 1, upper: Double(max(last, 1) + 1), scale: .log)
        let lossAxis = (FigureAxis.covering(points.map(\.loss), scale: .log) ?? FigureAxis(lower: 0.1, upper: 10, scale: .log)).padded(0.05)
        var gradientValues = points.map(\.gradientNorm)
        if let gradientTolerance { gradientValues.append(gradientTolerance) }
        let gradientAxis = (FigureAxis.covering(gradientValues, scale: .log) ?? FigureAxis(lower: 0.1, upper: 10, scale: .log)).padded(0.05)
        let frame = PlotFrame(left: 84, top: 66, width: 520, height: 320, x: xAxis, y: lossAxis)
        let gradientFrame = PlotFrame(left: frame.left, top: frame.top, width: frame.width, height: frame.height, x: xAxis, y: gradientAxis)

        var legend = FigureLegend()
        legend.add(.line(color: FigureStyle.loss, width: 2.2, dash: nil, halo: false), "loss (left axis)")
        legend.add(.line(color: FigureStyle.gradient, width: 2.2, dash: "6 3", halo: false), "gradient norm ‖∇L‖ (right axis)")
        if gradientTolerance != nil { legend.add(.line(color: FigureStyle.gradient, width: 1, dash: "2 3", halo: false), "gradient tolerance") }

        let lossTicks = lossAxis.ticks(maxCount: 7), gradientTicks = gradientAxis.ticks(maxCount: 7)
        let rightWidth = (gradientTicks.map { FigureStyle.textWidth($0.label, size: FigureStyle.tickSize) }.max() ?? 30) + 44
        let legendLeft = frame.right + rightWidth + 16
        let width = max(legendLeft + legend.width + 16, 84 + FigureStyle.textWidth(title, size: FigureStyle.titleSize) + 16,
                        84 + FigureStyle.textWidth(subtitle, size: FigureStyle.subtitleSize) + 16)
        var doc = SVGDocument(width: width.rounded(.up), height: (frame.bottom + 60).rounded(.up), title: title)
        doc.add(.text(title, 84, 24, [("class", "title"), ("font-size", SVGElement.number(FigureStyle.titleSize)), ("font-weight", "bold"), ("fill", FigureStyle.ink)]))
        if !subtitle.isEmpty {
            doc.add(.text(subtitle, 84, 43, [("class", "subtitle"), ("font-size", SVGElement.number(FigureStyle.subtitleSize)), ("fill", FigureStyle.muted)]))
        }
        let xTicks = Self.stepTicks(last: last)
        doc.define(frame.clipPath(id: "training-plot"))
        doc.add(frame.grid(xTicks: xTicks, yTicks: lossTicks))

        var data: [SVGElement] = []
        if let tol = gradientTolerance, let y = gradientFrame.py(tol) {
            data.append(.line(frame.left, y, frame.right, y, [("class", "tolerance"), ("stroke", FigureStyle.gradient), ("stroke-width", "1"), ("stroke-dasharray", "2 3")]))
        }
        let gradientRuns = gradientFrame.polylines(points.map { (Double($0.iteration + 1), $0.gradientNorm) })
        for run in gradientRuns where !run.isEmpty {
            data.append(.polyline(run, [("class", "gradient-norm"), ("stroke", FigureStyle.gradient), ("stroke-width", "2"), ("stroke-dasharray", "6 3"), ("stroke-linejoin", "round")]))
        }
        let lossRuns = frame.polylines(points.map { (Double($0.iteration + 1), $0.loss) })
        for run in lossRuns where !run.isEmpty {
            data.append(.polyline(run, [("class", "loss"), ("stroke", FigureStyle.loss), ("stroke-width", "2.2"), ("stroke-linejoin", "round")]))
        }
        doc.add(.group([("clip-path", "url(#training-plot)")], data))
        doc.add(frame.axes(xTicks: xTicks, yTicks: lossTicks, xLabel: "iteration (log scale; 0 at the left)", yLabel: "loss (log scale)"))
        doc.add(frame.rightAxis(gradientAxis, ticks: gradientTicks, label: "gradient norm ‖∇L‖ (log scale)", color: FigureStyle.gradient))

        // The end of each curve, with its value.
        var ends: [SVGElement] = [], texts: [SVGElement] = []
        if let p = points.last {
            var placer = FigureLabels(bounds: .init(x0: frame.left + 2, y0: frame.top + 2, x1: frame.right - 2, y1: frame.bottom - 2))
            let lossEnd = frame.point(Double(p.iteration + 1), p.loss), gradientEnd = gradientFrame.point(Double(p.iteration + 1), p.gradientNorm)
            for q in [lossEnd, gradientEnd].compactMap({ $0 }) { placer.reserve(q.x, q.y, radius: 5) }
            if let q = lossEnd {
                ends.append(.circle(q.x, q.y, 3.5, [("class", "end-loss"), ("fill", FigureStyle.loss)]))
                let text = "L = \(NumberFormat.g(p.loss, 6))"
                let at = placer.place(text, near: q.x, q.y, size: 11.5)
                texts.append(.text(text, at.x, at.y, anchor: at.anchor, [("font-size", "11.5"), ("fill", FigureStyle.loss)] + FigureStyle.halo()))
            }
            if let q = gradientEnd {
                ends.append(.circle(q.x, q.y, 3.5, [("class", "end-gradient"), ("fill", FigureStyle.gradient)]))
                let text = "‖∇L‖ = \(NumberFormat.g(p.gradientNorm, 3))"
                let at = placer.place(text, near: q.x, q.y, size: 11.5)
                texts.append(.text(text, at.x, at.y, anchor: at.anchor, [("font-size", "11.5"), ("fill", FigureStyle.gradient)] + FigureStyle.halo()))
            }
        }
        ends += texts
        doc.add(.group([("id", "ends")], ends))
        doc.add(legend.elements(x: legendLeft, y: frame.top))
        return doc
    }
}
