import SparseScapeEngine
import SparseScapeCore

/// The top line: program, network name, widths, free weights, running state and speed.
public enum TitleBar {
    /// Draws into row `rect.y`.
    public static func render(snapshot: EngineSnapshot, palette: Palette, into buf: inout CellBuffer, rect: Rect) {
        guard !rect.isEmpty else { return }
        buf.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), fg: palette.mainFg, bg: palette.mainBg)
        var x = buf.text(rect.x + 1, rect.y, "SparseScape", fg: palette.title, style: .bold, maxX: rect.maxX)
        x = buf.text(x, rect.y, " — \(snapshot.name)", fg: palette.hiFg, style: .bold, maxX: rect.maxX)
        let arch = snapshot.architecture
        buf.text(x, rect.y, " · widths \(arch.widths) · \(arch.parameterCount) free weights", fg: palette.mainFg, maxX: rect.maxX)
        let state = snapshot.running ? "running" : "paused"
        let speed = snapshot.running && snapshot.stepsPerSecond.isFinite ? " · \(NumberFormat.g(snapshot.stepsPerSecond, 3)) it/s" : ""
        let right = state + speed
        let rx = rect.maxX - right.count - 1
        if rx > x + 2 {
            buf.text(rx, rect.y, right, fg: snapshot.running ? palette.statusOk : palette.inactiveFg, style: .bold, maxX: rect.maxX)
        }
    }
}
