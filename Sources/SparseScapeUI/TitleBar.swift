import SparseScapeEngine
import SparseScapeCore

/// The top line: program, network name, widths and free weights on the left; run state and pace on the right.
///
/// The right part is laid out first and the left part is cut to the room left, so the two never overlap.
public enum TitleBar {
    /// The right part: "running · 298 it/s (pace 300 it/s)", "paused", "converged · paused", "stopped".
    public static func state(_ s: EngineSnapshot) -> String {
        let pace = "pace " + s.speed.text + " · prune \(Int((s.pruneFraction * 100).rounded()))%"
        if s.running {
            let rate = s.stepsPerSecond > 0 && s.stepsPerSecond.isFinite ? "\(NumberFormat.g(s.stepsPerSecond, 3)) it/s · " : ""
            return "running · " + rate + pace
        }
        switch s.pauseReason {
        case .converged?: return "converged · " + pace
        case .failure?: return "stopped · " + pace
        default: return "paused · " + pace
        }
    }

    /// Draws into row `rect.y`.
    public static func render(snapshot: EngineSnapshot, palette: Palette, glyphs: GlyphSet, into buf: inout CellBuffer, rect: Rect) {
        guard !rect.isEmpty else { return }
        buf.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), fg: palette.mainFg, bg: palette.mainBg)
        let right = state(snapshot)
        let rx = max(rect.x + 1, rect.maxX - right.count - 1)
        let leftLimit = rx - 2
        let arch = snapshot.architecture
        let parts: [(String, RGB, CellStyle)] = [
            ("SparseScape", palette.title, .bold), (" — \(snapshot.name)", palette.hiFg, .bold),
            (" · widths \(SafeText.list(arch.widths)) · \(arch.parameterCount) free weights", palette.mainFg, []),
        ]
        var x = rect.x + 1
        for (text, color, style) in parts where x < leftLimit {
            let room = leftLimit - x
            let shown = text.count <= room ? text : PanelFrame.truncate(text, room, glyphs: glyphs)
            x = buf.text(x, rect.y, shown, fg: color, style: style, maxX: leftLimit)
        }
        let color = snapshot.running ? palette.statusOk : (snapshot.pauseReason == .failure ? palette.statusBad : palette.inactiveFg)
        buf.text(rx, rect.y, right, fg: color, style: .bold, maxX: rect.maxX)
    }
}
