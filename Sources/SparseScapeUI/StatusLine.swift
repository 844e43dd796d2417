import SparseScapeEngine
import SparseScapeCore

/// The status lines: iteration, loss, gradient norm, λmin, the first eigenvalue beyond the symmetry ones,
/// optimizer and step size, the theory; then the verdict (coloured), the regrow hint or the path, and the latest message.
public enum StatusLine {
    /// The palette colour of a verdict: status_ok, status_warn, status_bad (paused: main_fg).
    public static func color(of verdict: EngineVerdict, palette: Palette) -> RGB {
        switch verdict {
        case .descending, .globalMinimum, .localMinimum: return palette.statusOk
        case .spuriousMinimum, .stalled, .slow, .saddle, .degenerate: return palette.statusWarn
        case .diverged, .escaping: return palette.statusBad
        case .paused: return palette.mainFg
        }
    }

    /// The palette colour of an event's severity.
    public static func color(of severity: EventSeverity, palette: Palette) -> RGB {
        switch severity {
        case .info: return palette.hiFg
        case .warning: return palette.statusWarn
        case .error: return palette.statusBad
        }
    }

    /// The metrics text, e.g. "it 1778  L 8  |∇L| 9.96e-11  λmin -1.77e-11  λ beyond symmetry 0.186  gd η 0.05";
    /// shorter labels when it would not fit in `width`.
    public static func metrics(_ s: EngineSnapshot, width: Int = .max, ascii: Bool = false) -> String {
        func build(long: Bool) -> String {
            let grad = ascii ? (long ? "|grad|" : "|g|") : "|∇L|", lambda = ascii ? (long ? "lambda" : "l") : "λ"
            var out = "it \(s.iteration)  L \(NumberFormat.human(s.loss, 6))  \(grad) \(NumberFormat.human(s.gradientNorm, 3))"
            if let c = s.certificate {
                out += "  \(lambda)min \(NumberFormat.human(c.lambdaMin, 3))"
                if let f = c.firstBeyondSymmetry {
                    out += (long ? "  \(lambda) beyond symmetry " : (ascii ? "  l+ " : "  λ₊ ")) + NumberFormat.human(f, 4)
                }
            }
            out += "  \(s.optimizer.rawValue)"
            if s.optimizer.takesStepSize { out += (long || ascii ? " step " : " η ") + NumberFormat.g(s.learningRate, 3) }
            return out
        }
        let long = build(long: true)
        return long.count <= width ? long : build(long: false)
    }

    /// The verdict text ("stalled: certifying…" until the certificate of this point arrives), with "converged,
    /// paused" when the optimizer paused itself; `compact` for narrow terminals.
    public static func verdictText(_ s: EngineSnapshot, compact: Bool = false) -> String {
        var text = compact ? VerdictWording.compactText(s.verdict) : VerdictWording.text(s.verdict)
        if s.pauseReason == .converged && s.verdict != .paused { text += compact ? " · paused" : " · converged, paused" }
        return text
    }

    /// What the certificate says one can do next: the edge whose revival opens a way down, or the computed path.
    public static func hint(_ s: EngineSnapshot) -> (text: String, color: KeyPath<Palette, RGB>)? {
        if let p = s.energyPath {
            let saddle = p.saddleLoss.map { "saddle L \(NumberFormat.g($0, 6))" + (p.saddleIndex.map { ", index \($0)" } ?? "") } ?? "no saddle"
            return ("path: barrier \(NumberFormat.g(p.barrier, 4)) (\(saddle)) · straight line \(NumberFormat.g(p.lineBarrier, 4))", \.hiFg)
        }
        if let e = s.regrowHints.first {
            let name = EdgePosition(layer: e.layer, row: e.row, col: e.col).label
            let extra = s.regrowHints.count > 1 ? " (+\(s.regrowHints.count - 1) more)" : ""
            return ("reviving \(name) opens a way down\(extra): v", \.best)
        }
        if s.background.path { return ("computing the path…", \.inactiveFg) }
        if s.background.search { return ("searching…", \.inactiveFg) }
        if s.background.basins { return ("mapping basins…", \.inactiveFg) }
        return nil
    }

    /// What points to the log when a message does not fit.
    public static let logPointer = " (i: log)"

    /// `message` whole when it fits in `width`, else cut with the ellipsis and ending in `logPointer` (the log keeps
    /// it whole).
    public static func fitted(_ message: String, _ width: Int, glyphs: GlyphSet) -> String {
        guard message.count > width else { return message }
        guard width > logPointer.count + 4 else { return PanelFrame.truncate(message, width, glyphs: glyphs) }
        return PanelFrame.truncate(message, width - logPointer.count, glyphs: glyphs) + logPointer
    }

    /// Draws into `rect` (two rows: metrics + theory, then verdict + hint + message; one row: all in one).
    public static func render(snapshot: EngineSnapshot, state: UIState, palette: Palette, glyphs: GlyphSet,
                              into buf: inout CellBuffer, rect: Rect) {
        guard !rect.isEmpty else { return }
        buf.fill(rect, fg: palette.mainFg, bg: palette.mainBg)
        var x = buf.text(rect.x, rect.y, metrics(snapshot, width: rect.width, ascii: glyphs.asciiOnly), fg: palette.mainFg, maxX: rect.maxX)
        if let theory = snapshot.theory, rect.maxX - x >= theory.shortText.count + 4 {
            buf.text(x + 2, rect.y, "· " + theory.shortText, fg: theory.benign ? palette.statusOk : palette.statusWarn, maxX: rect.maxX)
        }
        var y = rect.y
        if rect.height >= 2 { y += 1; x = rect.x } else { x += 2 }
        let h = hint(snapshot)
        var verdict = verdictText(snapshot)
        if let h, verdict.count + 2 + h.text.count > rect.maxX - x { verdict = verdictText(snapshot, compact: true) }
        x = buf.text(x, y, verdict, fg: color(of: snapshot.verdict, palette: palette), style: .bold, maxX: rect.maxX)
        if let h, rect.maxX - x > 12 {
            x = buf.text(x + 2, y, PanelFrame.truncate(h.text, rect.maxX - x - 2, glyphs: glyphs), fg: palette[keyPath: h.color],
                         style: .bold, maxX: rect.maxX)
        }
        let message: (String, RGB)?
        if let m = state.message {
            message = (m, palette.hiFg)
        } else if let e = snapshot.event {
            message = (EventWording.text(e), color(of: e.severity, palette: palette))
        } else {
            message = nil
        }
        if let (m, c) = message, rect.maxX - x > 8 {
            x = buf.text(x, y, "  ", fg: palette.mainFg, maxX: rect.maxX)
            buf.text(x, y, fitted(m, rect.maxX - x, glyphs: glyphs), fg: c, maxX: rect.maxX)
        }
    }
}
