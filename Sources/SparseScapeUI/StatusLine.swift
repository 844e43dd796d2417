import SparseScapeEngine
import SparseScapeCore

/// The status lines: iteration, loss, gradient norm, λmin, the first eigenvalue beyond the symmetry ones,
/// optimizer and step size, then the verdict (coloured) and the latest message.
public enum StatusLine {
    /// The palette colour of a verdict: status_ok, status_warn, status_bad (paused: main_fg).
    public static func color(of verdict: EngineVerdict, palette: Palette) -> RGB {
        switch verdict {
        case .descending, .globalMinimum: return palette.statusOk
        case .spuriousMinimum, .stalled, .saddle, .degenerate: return palette.statusWarn
        case .diverged, .escaping: return palette.statusBad
        case .paused: return palette.mainFg
        }
    }

    /// The metrics text, e.g. "it 1778  L 8  |∇L| 9.96e-11  λmin -1.77e-11  λ beyond symmetry 0.186  gd η 0.05";
    /// shorter labels when it would not fit in `width`.
    public static func metrics(_ s: EngineSnapshot, width: Int = .max, ascii: Bool = false) -> String {
        func build(long: Bool) -> String {
            let grad = ascii ? (long ? "|grad|" : "|g|") : "|∇L|", lambda = ascii ? (long ? "lambda" : "l") : "λ"
            var out = "it \(s.iteration)  L \(NumberFormat.g(s.loss, 6))  \(grad) \(NumberFormat.g(s.gradientNorm, 3))"
            if let c = s.certificate {
                out += "  \(lambda)min \(NumberFormat.g(c.lambdaMin, 3))"
                if let f = c.firstBeyondSymmetry {
                    out += (long ? "  \(lambda) beyond symmetry " : (ascii ? "  l+ " : "  λ₊ ")) + NumberFormat.g(f, 4)
                }
            }
            out += "  \(s.optimizer.rawValue) " + (long || ascii ? "step " : "η ") + NumberFormat.g(s.learningRate, 3)
            return out
        }
        let long = build(long: true)
        return long.count <= width ? long : build(long: false)
    }

    /// The message shown: the UI's own (newest) and the engine's, joined.
    public static func message(_ s: EngineSnapshot, _ state: UIState) -> String? {
        switch (state.message, s.message) {
        case let (a?, b?) where a != b: return a + " · " + b
        case let (a?, _): return a
        case let (nil, b?): return b
        default: return nil
        }
    }

    /// Draws into `rect` (two rows: metrics, then verdict + message; one row: all in one).
    public static func render(snapshot: EngineSnapshot, state: UIState, palette: Palette, glyphs: GlyphSet,
                              into buf: inout CellBuffer, rect: Rect) {
        guard !rect.isEmpty else { return }
        buf.fill(rect, fg: palette.mainFg, bg: palette.mainBg)
        let verdictColor = color(of: snapshot.verdict, palette: palette)
        var x = buf.text(rect.x, rect.y, metrics(snapshot, width: rect.width, ascii: glyphs.asciiOnly), fg: palette.mainFg, maxX: rect.maxX)
        if let theory = snapshot.theory, rect.maxX - x >= theory.count + 4 {
            // The theory verdict for the current mask, when it fits on the metrics row.
            buf.text(x + 2, rect.y, "· " + theory, fg: snapshot.theory?.contains("no spurious") == true ? palette.statusOk : palette.statusWarn, maxX: rect.maxX)
        }
        var y = rect.y
        if rect.height >= 2 { y += 1; x = rect.x } else { x += 2 }
        x = buf.text(x, y, snapshot.verdict.text, fg: verdictColor, style: .bold, maxX: rect.maxX)
        if let m = message(snapshot, state) {
            x = buf.text(x, y, "  ", fg: palette.mainFg, maxX: rect.maxX)
            let room = rect.maxX - x
            buf.text(x, y, PanelFrame.truncate(m, room, glyphs: glyphs), fg: palette.hiFg, maxX: rect.maxX)
        }
    }
}
