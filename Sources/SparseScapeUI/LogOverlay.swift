import Foundation
import SparseScapeEngine

/// The message log over the screen: every message with its time and iteration, wrapped whole, newest at the
/// bottom, scrolled by `UIState.logScroll` lines up from the newest.
public enum LogOverlay {
    /// The log's lines wrapped to `width`: "HH:MM:SS  it N  text", continuation lines indented under the text.
    public static func lines(_ log: MessageLog, width: Int, timeZone: TimeZone = .current) -> [(text: String, severity: EventSeverity, first: Bool)] {
        var out: [(String, EventSeverity, Bool)] = []
        for e in log.entries {
            let head = "\(MessageLog.clock(e.time, timeZone: timeZone))  it \(e.iteration)  "
            let body = HelpOverlay.wrap(e.text, width: max(8, width - head.count))
            for (k, l) in body.enumerated() {
                out.append(((k == 0 ? head : String(repeating: " ", count: head.count)) + l, e.severity, k == 0))
            }
        }
        return out
    }

    /// The largest useful scroll offset for a box of `rows` text rows.
    public static func maxScroll(_ log: MessageLog, width: Int, rows: Int) -> Int {
        max(0, lines(log, width: width).count - rows)
    }

    /// The box's rectangle on `screen` (most of it, leaving the title and the key line visible).
    public static func box(screen: Rect) -> Rect {
        let w = max(20, screen.width - 4), h = max(5, screen.height - 4)
        return Rect(x: screen.x + (screen.width - w) / 2, y: screen.y + 1, width: min(w, screen.width), height: min(h, screen.height - 2))
    }

    /// Draws the box with the log, `scroll` lines up from the newest.
    public static func render(log: MessageLog, scroll: Int, palette: Palette, glyphs: GlyphSet, into buf: inout CellBuffer, screen: Rect,
                              timeZone: TimeZone = .current) {
        let rect = box(screen: screen)
        buf.fill(rect, fg: palette.mainFg, bg: palette.mainBg)
        let title = "log · \(log.entries.count) message\(log.entries.count == 1 ? "" : "s") · ↑↓ scroll · Esc close"
        let inner = PanelFrame.draw(rect, title: title, palette: palette, glyphs: glyphs, into: &buf, titleColor: palette.hiFg)
        guard inner.width > 2, inner.height > 0 else { return }
        let textWidth = inner.width - 2
        let all = lines(log, width: textWidth, timeZone: timeZone)
        if all.isEmpty {
            PanelFrame.centered("no messages yet", y: inner.y + inner.height / 2, in: inner, fg: palette.inactiveFg, into: &buf)
            return
        }
        let offset = min(max(0, scroll), max(0, all.count - inner.height))
        let end = all.count - offset
        let start = max(0, end - inner.height)
        for (row, l) in all[start..<end].enumerated() {
            buf.text(inner.x + 1, inner.y + row, l.text, fg: StatusLine.color(of: l.severity, palette: palette), maxX: inner.maxX - 1)
        }
        if start > 0 { buf.put(inner.maxX - 1, inner.y, glyphs.moreAbove, fg: palette.inactiveFg) }
        if offset > 0 { buf.put(inner.maxX - 1, inner.maxY - 1, glyphs.moreBelow, fg: palette.inactiveFg) }
    }
}
