import SparseScapeEngine
import SparseScapeCore

/// The certificate of the current point as text: classification, eigenvalues, symmetry zeros, global minimum and
/// best known, the regrow hints and the latest path. Long values wrap under their label.
///
/// Shown only in the rich layout (large terminals); it formats what the engine computed, nothing more.
public enum CertificatePanel {
    /// Width of the label column.
    static let labelWidth = 16
    /// The label of the regrow hints' rows.
    static let hintLabel = "regrow hints"

    /// The (label, value) rows, values not yet wrapped.
    public static func rows(_ s: EngineSnapshot) -> [(label: String, value: String)] {
        var out: [(String, String)] = []
        guard let c = s.certificate else {
            out.append(("", s.certifying ? "certifying this point…" : "no certificate: one is computed when descent stalls"))
            if let b = s.bestKnown { out.append(("best known", "\(NumberFormat.g(b.loss, 8)) (\(b.source))")) }
            appendPath(s, into: &out)
            return out
        }
        var detail = c.spurious == true ? " (spurious)" : ""
        if c.classification == .saddle {
            if let order = c.saddleOrder, order > 2 { detail = " (order \(order): the loss falls along the Hessian's kernel)" }
            else if let index = c.index { detail = " (index \(index))" }
        }
        out.append(("classification", c.classification.rawValue + detail))
        out.append(("loss", "\(NumberFormat.g(c.loss, 10)) (residual \(NumberFormat.g(c.residualLoss, 10)))"))
        out.append(("gradient norm", NumberFormat.human(c.gradientNorm, 3)))
        out.append(("λmin, λmax", "\(NumberFormat.human(c.lambdaMin, 4)), \(NumberFormat.human(c.lambdaMax, 4))"))
        out.append(("symmetry zeros", "\(c.symmetryZeroCount)"))
        if let f = c.firstBeyondSymmetry { out.append(("first beyond", NumberFormat.human(f, 6))) }
        if let ev = c.hessianEigenvalues { out.append(("spectrum", ev.map { NumberFormat.human($0, 4) }.joined(separator: ", "))) }
        if let g = c.globalMinimum { out.append(("global minimum", "\(NumberFormat.g(g.value, 10)) (\(g.method))")) }
        if let lb = c.lowerBound { out.append(("lower bound", NumberFormat.g(lb.value, 10))) }
        if let b = c.bestKnown ?? s.bestKnown {
            out.append(("best known", "\(NumberFormat.g(b.loss, 10)) (\(b.source))\(c.bestKnownIsGlobal ? ": global" : "")"))
        }
        for (k, e) in s.regrowHints.prefix(4).enumerated() {
            let lambda = e.lambdaMin.map { "λmin \(NumberFormat.human($0, 3))" } ?? "∂L/∂w \(NumberFormat.human(e.gradient, 3))"
            let what = e.index.map { "a saddle of index \($0)" } ?? e.classification.map { "\($0.rawValue)" } ?? "a first-order decrease"
            out.append((k == 0 ? hintLabel : "", "\(e.label): revived, \(what), \(lambda)"))
        }
        appendPath(s, into: &out)
        return out
    }

    /// The path's rows, when one was computed.
    static func appendPath(_ s: EngineSnapshot, into out: inout [(String, String)]) {
        guard let p = s.energyPath else { return }
        out.append(("path barrier", NumberFormat.g(p.barrier, 6) + (p.converged ? "" : " (band not converged)")))
        if let sl = p.saddleLoss { out.append(("path saddle", "L \(NumberFormat.g(sl, 8))" + (p.saddleIndex.map { ", index \($0)" } ?? ""))) }
        out.append(("straight line", "barrier \(NumberFormat.g(p.lineBarrier, 6))"))
    }

    /// The lines shown, wrapped to `width` (values continue under their label).
    public static func lines(_ s: EngineSnapshot, width: Int) -> [String] { styledLines(s, width: width).map(\.text) }

    /// The wrapped lines, each marked when it belongs to a regrow hint (drawn in the hint's colour).
    static func styledLines(_ s: EngineSnapshot, width: Int) -> [(text: String, hint: Bool)] {
        var out: [(String, Bool)] = []
        let room = max(10, width - labelWidth)
        var inHints = false
        for (label, value) in rows(s) {
            if !label.isEmpty { inHints = label == hintLabel }
            for (k, piece) in HelpOverlay.wrap(value, width: room).enumerated() {
                let head = k == 0 ? String(label.prefix(labelWidth - 1)) : ""
                out.append((head.padding(toLength: labelWidth, withPad: " ", startingAt: 0) + piece, inHints))
            }
        }
        return out
    }

    /// Draws the panel (frame included) into `rect`.
    public static func render(snapshot: EngineSnapshot, palette: Palette, glyphs: GlyphSet, into buf: inout CellBuffer, rect: Rect) {
        let title = snapshot.certifying ? "certificate · certifying\(glyphs.ellipsis)" : "certificate"
        let inner = PanelFrame.draw(rect, title: title, palette: palette, glyphs: glyphs, into: &buf)
        guard !inner.isEmpty else { return }
        let all = styledLines(snapshot, width: inner.width)
        for (k, l) in all.enumerated() where k < inner.height {
            let label = String(l.text.prefix(labelWidth)), rest = String(l.text.dropFirst(labelWidth))
            let x = buf.text(inner.x, inner.y + k, label, fg: palette.inactiveFg, maxX: inner.maxX)
            buf.text(x, inner.y + k, rest, fg: l.hint ? palette.best : palette.mainFg, maxX: inner.maxX)
        }
        if all.count > inner.height, inner.height > 0 {
            buf.text(inner.maxX - 9, inner.maxY - 1, " more \(glyphs.ellipsis) ", fg: palette.inactiveFg, maxX: inner.maxX)
        }
    }
}
