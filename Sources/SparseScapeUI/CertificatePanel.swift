import SparseScapeEngine
import SparseScapeCore

/// The latest certificate as text: classification, eigenvalues, symmetry zeros, best known and global minimum.
///
/// Shown only in the rich layout (large terminals); it formats what the engine computed, nothing more.
public enum CertificatePanel {
    /// The lines shown (without colours).
    public static func lines(_ s: EngineSnapshot, width: Int) -> [String] {
        var out: [String] = []
        guard let c = s.certificate else {
            out.append("no certificate yet: one is computed when the optimizer stalls")
            if let b = s.bestKnown { out.append("best known      \(NumberFormat.g(b.loss, 8))  (\(b.source))") }
            return out
        }
        var detail = c.spurious == true ? " (spurious)" : ""
        if c.classification == .saddle {
            if let order = c.saddleOrder, order > 2 { detail = " (order \(order): the loss falls along the Hessian's kernel)" }
            else if let index = c.index { detail = " (index \(index))" }
        }
        out.append("classification  \(c.classification.rawValue)\(detail)")
        out.append("loss            \(NumberFormat.g(c.loss, 10))  (residual \(NumberFormat.g(c.residualLoss, 10)))")
        out.append("gradient norm   \(NumberFormat.g(c.gradientNorm, 3))")
        out.append("λmin, λmax      \(NumberFormat.g(c.lambdaMin, 4)), \(NumberFormat.g(c.lambdaMax, 4))")
        out.append("symmetry zeros  \(c.symmetryZeroCount)")
        if let f = c.firstBeyondSymmetry { out.append("first beyond    \(NumberFormat.g(f, 6))") }
        if let ev = c.hessianEigenvalues {
            let prefix = "spectrum        "
            let body = HelpOverlay.wrap(NumberFormat.list(ev, 4), width: max(10, width - prefix.count))
            for (i, l) in body.prefix(4).enumerated() { out.append((i == 0 ? prefix : String(repeating: " ", count: prefix.count)) + l) }
        }
        if let g = c.globalMinimum { out.append("global minimum  \(NumberFormat.g(g.value, 10))  (\(g.method))") }
        if let lb = c.lowerBound { out.append("lower bound     \(NumberFormat.g(lb.value, 10))") }
        if let b = c.bestKnown ?? s.bestKnown {
            out.append("best known      \(NumberFormat.g(b.loss, 10))  (\(b.source))\(c.bestKnownIsGlobal ? ": global" : "")")
        }
        return out
    }

    /// Draws the panel (frame included) into `rect`.
    public static func render(snapshot: EngineSnapshot, palette: Palette, glyphs: GlyphSet, into buf: inout CellBuffer, rect: Rect) {
        let inner = PanelFrame.draw(rect, title: "certificate", palette: palette, glyphs: glyphs, into: &buf)
        guard !inner.isEmpty else { return }
        for (k, l) in lines(snapshot, width: inner.width).enumerated() where k < inner.height {
            let label = String(l.prefix(16)), rest = String(l.dropFirst(16))
            let x = buf.text(inner.x, inner.y + k, label, fg: palette.inactiveFg, maxX: inner.maxX)
            buf.text(x, inner.y + k, rest, fg: palette.mainFg, maxX: inner.maxX)
        }
    }
}
