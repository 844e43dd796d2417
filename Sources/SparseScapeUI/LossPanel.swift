import Foundation
import SparseScapeEngine
import SparseScapeCore

/// A chart of the loss and the gradient norm against the iteration, with mask-change marks.
///
/// The gradient norm is drawn dashed (its legend sample too), so the two lines differ in mono and for colour-blind eyes.
/// Both series share one log10 value axis (ticks 1e+1, 1e-2, …). The iteration axis follows `LossAxis`: `.log`
/// spaces x as log10(1 + iteration − start) from the run's start and again from every mask change (each stretch
/// as wide as the log of its length), so the early descent and every later toggle get room; `.linear` is linear;
/// `.recent` is linear over the points since the last mask change (or the last quarter of the history).
/// Braille gives 2 × 4 dots per cell; in ASCII each cell is one point. Non-finite and non-positive values are
/// skipped (the line breaks there), so NaN is never drawn.
public enum LossPanel {
    /// The iterations shown for `axis`: the whole history, or the recent window; nil without history.
    ///
    /// The recent window starts at the last mask change that has at least two history points at or after it;
    /// without one it is the last quarter of the iterations.
    public static func window(history h: [HistoryPoint], maskChanges: [Int], axis: LossAxis) -> ClosedRange<Int>? {
        guard let first = h.first?.iteration, let last = h.last?.iteration, last >= first else { return nil }
        guard axis == .recent else { return first...last }
        for m in maskChanges.sorted(by: >) where m > first && m < last {
            if h.lazy.filter({ $0.iteration >= m }).prefix(2).count >= 2 { return m...last }
        }
        return (last - (last - first) / 4)...last
    }

    /// Where iterations go along the x axis: a fraction from 0 (left) to 1 (right).
    ///
    /// Linear axes are linear over the window. The log axis splits the window at the mask changes inside it; the
    /// stretch from start s to the next start e is log10(1 + e − s) wide (in proportion) and places iteration i at
    /// log10(1 + i − s) within it. Without mask changes that is log10(1 + i − first) / log10(1 + last − first).
    public struct IterationScale: Equatable, Sendable {
        /// The iterations shown.
        public let window: ClosedRange<Int>
        /// The axis.
        public let axis: LossAxis
        /// Where the log axis' stretches start (the window's start, then the mask changes inside it), ascending.
        public let starts: [Int]
        /// The log width of every stretch before each start (the first is 0), and the total at the end.
        private let offsets: [Double]

        /// The scale of `axis` over `window`, with the log axis split at `maskChanges`.
        public init(window: ClosedRange<Int>, axis: LossAxis, maskChanges: [Int]) {
            self.window = window
            self.axis = axis
            var starts = [window.lowerBound]
            if axis == .log {
                for m in Set(maskChanges).sorted() where m > window.lowerBound && m <= window.upperBound { starts.append(m) }
            }
            self.starts = starts
            var offsets = [0.0]
            for (k, s) in starts.enumerated() {
                let e = k + 1 < starts.count ? starts[k + 1] : window.upperBound
                offsets.append(offsets[k] + log10(1 + Double(e - s)))
            }
            self.offsets = offsets
        }

        /// The fraction at which `iteration` lies (clamped to the window).
        public func fraction(_ iteration: Int) -> Double {
            let span = Double(window.upperBound - window.lowerBound)
            guard span > 0 else { return 0 }
            let it = min(max(iteration, window.lowerBound), window.upperBound)
            switch axis {
            case .linear, .recent:
                return Double(it - window.lowerBound) / span
            case .log:
                var k = starts.count - 1
                while k > 0 && starts[k] > it { k -= 1 }
                let total = offsets[offsets.count - 1]
                guard total > 0 else { return 0 }
                return (offsets[k] + log10(1 + Double(it - starts[k]))) / total
            }
        }
    }

    /// Draws the panel (frame included) into `rect`, spacing the iterations as `axis` says.
    public static func render(snapshot: EngineSnapshot, axis: LossAxis, palette: Palette, glyphs: GlyphSet,
                              into buf: inout CellBuffer, rect: Rect) {
        let window = window(history: snapshot.history, maskChanges: snapshot.maskChanges, axis: axis)
        let title: String
        if let w = window {
            title = "loss · \(axis.name) \(AxisFormat.compactIteration(w.lowerBound))–\(AxisFormat.compactIteration(w.upperBound))"
        } else {
            title = "loss"
        }
        let inner = PanelFrame.draw(rect, title: title, palette: palette, glyphs: glyphs, into: &buf)
        guard inner.width >= 12, inner.height >= 2 else { return }
        let h = window.map { w in snapshot.history.filter { w.contains($0.iteration) } } ?? []

        // Legend.
        var lx = inner.x
        let sample1 = glyphs.braille ? String(repeating: glyphs.horizontal, count: 2) : String(glyphs.plotPoint)
        let sample2 = glyphs.braille ? String(repeating: glyphs.dashedHorizontal, count: 2) : String(glyphs.plotPoint2)
        lx = buf.text(lx, inner.y, sample1, fg: palette.lossLine, maxX: inner.maxX)
        lx = buf.text(lx, inner.y, " loss  ", fg: palette.mainFg, maxX: inner.maxX)
        lx = buf.text(lx, inner.y, sample2, fg: palette.gradLine, maxX: inner.maxX)
        lx = buf.text(lx, inner.y, " |grad|  ", fg: palette.mainFg, maxX: inner.maxX)
        if !snapshot.maskChanges.isEmpty {
            lx = buf.text(lx, inner.y, String(glyphs.dashedVertical), fg: palette.maskMark, maxX: inner.maxX)
            lx = buf.text(lx, inner.y, " mask change  ", fg: palette.mainFg, maxX: inner.maxX)
        }
        buf.text(lx, inner.y, "(log10)", fg: palette.inactiveFg, maxX: inner.maxX)

        // Value range over both series (finite, positive).
        var minLog = Double.infinity, maxLog = -Double.infinity
        for p in h {
            if p.loss.isFinite && p.loss > 0 {
                let lg = log10(p.loss)
                minLog = min(minLog, lg); maxLog = max(maxLog, lg)
            }
            if p.gradientNorm.isFinite && p.gradientNorm > 0 {
                let lg = log10(p.gradientNorm)
                minLog = min(minLog, lg); maxLog = max(maxLog, lg)
            }
        }
        let chartRows = inner.height - 3
        guard chartRows >= 2, minLog.isFinite, maxLog.isFinite, let win = window else {
            let msg = h.isEmpty ? "no history yet" : (chartRows < 2 ? "" : "no finite positive values to plot")
            if inner.height >= 2 { PanelFrame.centered(msg, y: inner.y + inner.height / 2, in: inner, fg: palette.inactiveFg, into: &buf) }
            return
        }
        var lo = Int(minLog.rounded(.down)), hi = Int(maxLog.rounded(.up))
        if hi <= lo { hi = lo + 1 }
        lo = max(lo, -400); hi = min(hi, 400)
        // Tick labels: every `stride` decades so labels are at least two rows apart.
        let decades = hi - lo
        var stride = 1
        while decades / stride + 1 > max(2, (chartRows + 1) / 2) { stride += 1 }
        var labelWidth = 0
        var k = hi
        while k >= lo { labelWidth = max(labelWidth, AxisFormat.decade(k).count); k -= stride }
        let axisX = inner.x + labelWidth
        let chartX = axisX + 1
        let chartY = inner.y + 1
        let chartCols = inner.maxX - chartX
        guard chartCols >= 4 else { return }

        var canvas = BrailleCanvas(cols: chartCols, rows: chartRows, braille: glyphs.braille)
        let pw = canvas.pixelWidth, ph = canvas.pixelHeight
        let pixelsPerCell = glyphs.braille ? 2 : 1
        let xScale = IterationScale(window: win, axis: axis, maskChanges: snapshot.maskChanges)
        @inline(__always) func px(_ it: Int) -> Int {
            Int((xScale.fraction(it) * Double(pw - 1)).rounded())
        }
        @inline(__always) func py(_ v: Double) -> Int? {
            guard v.isFinite, v > 0 else { return nil }
            let t = (Double(hi) - log10(v)) / Double(hi - lo)
            guard t.isFinite else { return nil }
            return Int((t * Double(ph - 1)).rounded())
        }

        // Value axis, ticks and labels.
        for r in 0..<chartRows { buf.put(axisX, chartY + r, glyphs.vertical, fg: palette.divLine) }
        k = hi
        while k >= lo {
            let row = chartY + Int((Double(hi - k) / Double(hi - lo) * Double(ph - 1)).rounded()) / (glyphs.braille ? 4 : 1)
            let label = AxisFormat.decade(k)
            buf.text(axisX - label.count, row, label, fg: palette.inactiveFg)
            buf.put(axisX, row, glyphs.braille ? "┤" : "+", fg: palette.divLine)
            k -= stride
        }

        // Iteration axis: ticks where the labels fit, each label centred on its tick.
        let baseY = chartY + chartRows
        buf.put(axisX, baseY, glyphs.bottomLeft, fg: palette.divLine)
        for x in chartX..<inner.maxX { buf.put(x, baseY, glyphs.horizontal, fg: palette.divLine) }
        var taken: [ClosedRange<Int>] = []
        for (it, label) in iterationTicks(scale: xScale, columns: chartCols) {
            let tx = chartX + px(it) / pixelsPerCell
            // The window's ends are aligned inwards (the start's label starts at its tick, the end's ends there).
            let centred = it == win.lowerBound ? tx : (it == win.upperBound ? tx - label.count + 1 : tx - (label.count - 1) / 2)
            let start = min(max(inner.x, centred), inner.maxX - label.count)
            let span = start...(start + label.count - 1)
            guard start >= inner.x, !taken.contains(where: { $0.overlaps((span.lowerBound - 1)...(span.upperBound + 1)) }) else { continue }
            taken.append(span)
            buf.text(start, baseY + 1, label, fg: palette.inactiveFg, maxX: inner.maxX)
            buf.put(tx, baseY, glyphs.tickDown, fg: palette.divLine)
        }

        // Mask-change marks.
        for m in snapshot.maskChanges where win.contains(m) {
            let cx = chartX + px(m) / pixelsPerCell
            for r in 0..<chartRows { buf.put(cx, chartY + r, glyphs.dashedVertical, fg: palette.maskMark) }
        }

        // Series: gradient norm first (dashed, so it differs from the loss without colour too), loss on top.
        for series in [1, 0] {
            var last: (Int, Int)?
            var phase = 0
            for p in h {
                guard let y = py(series == 0 ? p.loss : p.gradientNorm) else { last = nil; phase = 0; continue }
                let x = px(p.iteration)
                if series == 1 {
                    let (x0, y0) = last ?? (x, y)
                    canvas.dashedLine(x0, y0, x, y, series: series, phase: &phase)
                } else if let (x0, y0) = last {
                    canvas.line(x0, y0, x, y, series: series)
                } else {
                    canvas.set(x, y, series: series)
                }
                last = (x, y)
            }
        }
        canvas.draw(into: &buf, x: chartX, y: chartY, colors: [palette.lossLine, palette.gradLine],
                    asciiPoints: [glyphs.plotPoint, glyphs.plotPoint2])
    }

    /// The iteration ticks to try, most important first: the window's start, then (log) every mask change and
    /// the decades after each stretch's start or (linear) round iterations, then the window's end. Labels that
    /// would touch an earlier one are skipped when drawing.
    ///
    /// On the log axis the decade ticks sit 1, 10, 100, … iterations after their stretch's start and are labelled
    /// with that count ("+10" after a mask change, or when the history does not start at iteration 0).
    static func iterationTicks(scale: IterationScale, columns: Int) -> [(Int, String)] {
        let first = scale.window.lowerBound, last = scale.window.upperBound
        var ticks: [(Int, String)] = [(first, AxisFormat.compactIteration(first))]
        let span = last - first
        guard span > 0 else { return ticks }
        switch scale.axis {
        case .log:
            for m in scale.starts.dropFirst() { ticks.append((m, AxisFormat.compactIteration(m))) }
            for (k, s) in scale.starts.enumerated() {
                let e = k + 1 < scale.starts.count ? scale.starts[k + 1] : last
                var d = 1
                var decades: [Int] = []
                while d < e - s || (k == scale.starts.count - 1 && d == e - s) {
                    decades.append(d)
                    if d > Int.max / 10 { break }
                    d *= 10
                }
                for d in decades.reversed() {
                    let label = AxisFormat.compactIteration(d)
                    ticks.append((s + d, s == 0 ? label : "+" + label))
                }
            }
        case .linear, .recent:
            let width = max(4, AxisFormat.compactIteration(last).count) + 4
            let count = max(1, min(8, columns / max(1, width)))
            let step = max(1, Int(AxisFormat.niceStep(atLeast: Double(span) / Double(count)).rounded()))
            var t = (first / step + 1) * step
            while t < last {
                ticks.append((t, AxisFormat.compactIteration(t)))
                t += step
            }
        }
        ticks.append((last, AxisFormat.compactIteration(last)))
        return ticks
    }
}
