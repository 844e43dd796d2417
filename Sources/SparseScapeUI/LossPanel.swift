import Foundation
import SparseScapeEngine
import SparseScapeCore

/// A log-scale chart of the loss and the gradient norm against the iteration, with mask-change marks.
///
/// Both series share one log10 axis (ticks 1e+1, 1e-2, …). Braille gives 2 × 4 dots per cell; in ASCII each
/// cell is one point. Non-finite and non-positive values are skipped (the line breaks there), so NaN is
/// never drawn.
public enum LossPanel {
    /// Draws the panel (frame included) into `rect`.
    public static func render(snapshot: EngineSnapshot, palette: Palette, glyphs: GlyphSet, into buf: inout CellBuffer, rect: Rect) {
        let h = snapshot.history
        let title: String
        if let first = h.first, let last = h.last {
            title = "loss · iterations \(AxisFormat.iteration(first.iteration))–\(AxisFormat.iteration(last.iteration))"
        } else {
            title = "loss"
        }
        let inner = PanelFrame.draw(rect, title: title, palette: palette, glyphs: glyphs, into: &buf)
        guard inner.width >= 12, inner.height >= 2 else { return }

        // Legend.
        var lx = inner.x
        let sample1 = glyphs.braille ? String(repeating: glyphs.horizontal, count: 2) : String(glyphs.plotPoint)
        let sample2 = glyphs.braille ? String(repeating: glyphs.horizontal, count: 2) : String(glyphs.plotPoint2)
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
        guard chartRows >= 2, minLog.isFinite, maxLog.isFinite, let firstIt = h.first?.iteration, let lastIt = h.last?.iteration else {
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
        let itSpan = Double(max(1, lastIt - firstIt))
        @inline(__always) func px(_ it: Int) -> Int {
            Int((Double(it - firstIt) / itSpan * Double(pw - 1)).rounded())
        }
        @inline(__always) func py(_ v: Double) -> Int? {
            guard v.isFinite, v > 0 else { return nil }
            let t = (Double(hi) - log10(v)) / Double(hi - lo)
            guard t.isFinite else { return nil }
            return Int((t * Double(ph - 1)).rounded())
        }

        // Axis, ticks and labels.
        for r in 0..<chartRows { buf.put(axisX, chartY + r, glyphs.vertical, fg: palette.divLine) }
        k = hi
        while k >= lo {
            let row = chartY + Int((Double(hi - k) / Double(hi - lo) * Double(ph - 1)).rounded()) / (glyphs.braille ? 4 : 1)
            let label = AxisFormat.decade(k)
            buf.text(axisX - label.count, row, label, fg: palette.inactiveFg)
            buf.put(axisX, row, glyphs.braille ? "┤" : "+", fg: palette.divLine)
            k -= stride
        }
        let baseY = chartY + chartRows
        buf.put(axisX, baseY, glyphs.bottomLeft, fg: palette.divLine)
        for x in chartX..<inner.maxX { buf.put(x, baseY, glyphs.horizontal, fg: palette.divLine) }
        let l0 = AxisFormat.iteration(firstIt), l1 = AxisFormat.iteration(lastIt)
        buf.text(chartX, baseY + 1, l0, fg: palette.inactiveFg, maxX: inner.maxX)
        buf.text(inner.maxX - l1.count, baseY + 1, l1, fg: palette.inactiveFg, maxX: inner.maxX)
        if chartCols >= l0.count + l1.count + 12, lastIt - firstIt >= 2 {
            let mid = firstIt + (lastIt - firstIt) / 2
            let lm = AxisFormat.iteration(mid)
            let cx = chartX + px(mid) / (glyphs.braille ? 2 : 1) - lm.count / 2
            buf.text(cx, baseY + 1, lm, fg: palette.inactiveFg, maxX: inner.maxX)
        }

        // Mask-change marks.
        for m in snapshot.maskChanges where m >= firstIt && m <= lastIt {
            let cx = chartX + px(m) / (glyphs.braille ? 2 : 1)
            for r in 0..<chartRows { buf.put(cx, chartY + r, glyphs.dashedVertical, fg: palette.maskMark) }
        }

        // Series: gradient norm first, loss on top.
        for series in [1, 0] {
            var last: (Int, Int)?
            for p in h {
                guard let y = py(series == 0 ? p.loss : p.gradientNorm) else { last = nil; continue }
                let x = px(p.iteration)
                if let (x0, y0) = last { canvas.line(x0, y0, x, y, series: series) } else { canvas.set(x, y, series: series) }
                last = (x, y)
            }
        }
        canvas.draw(into: &buf, x: chartX, y: chartY, colors: [palette.lossLine, palette.gradLine],
                    asciiPoints: [glyphs.plotPoint, glyphs.plotPoint2])
    }
}
