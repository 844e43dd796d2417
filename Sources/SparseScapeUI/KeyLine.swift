import SparseScapeEngine

/// The bottom line listing the keys that matter now, most useful first, as many as the width allows, derived from
/// `KeyTable` ("space pause  >/< speed  +/- step  …  ? more  q quit").
public enum KeyLine {
    /// What the explorer is doing, which decides the keys shown first.
    public enum Context: Equatable, Sendable {
        /// The optimizer runs.
        case running
        /// Paused by the user, still descending.
        case paused
        /// Stalled or converged at a critical point.
        case stalled
        /// The slice shows basins (or is mapping them).
        case basins
        /// The message log is open.
        case log
        /// The help is open.
        case help

        /// The context of a frame.
        public static func of(_ s: EngineSnapshot, state: UIState) -> Context {
            if state.showHelp { return .help }
            if state.showLog { return .log }
            if s.slice?.basins != nil || s.background.basins { return .basins }
            if s.pauseReason == .converged { return .stalled }
            switch s.verdict {
            case .descending, .paused, .slow: return s.running ? .running : .paused
            default: return .stalled
            }
        }

        /// The key-line keys shown first, in order (the rest follow in the key table's order).
        var first: [String] {
            switch self {
            case .running: return ["space", ">/<", "+/-", "o", "m", "t", "arrows", "S", "i"]
            case .paused: return ["space", "n", "+/-", "o", "p", "t", "arrows", "i"]
            case .stalled: return ["v", "p", "R", "S", "P", "b", "g", "o", "i", "space"]
            case .basins: return ["b", "z/Z", "e/E", "f", "d", "i", "space"]
            case .log, .help: return []
            }
        }
    }

    /// The items in the key table's order.
    public static var items: [(key: String, action: String)] { KeyTable.entries.compactMap(\.keyLine) }

    /// The items of `context`, most useful first (space says "run" or "pause" when the state is known).
    public static func items(for context: Context?, running: Bool? = nil) -> [(key: String, action: String)] {
        switch context {
        case .log?: return [("arrows", "scroll"), ("Esc", "close log")]
        case .help?: return [("Esc", "close help")]
        default: break
        }
        var all = items
        if let running, let k = all.firstIndex(where: { $0.key == "space" }) { all[k].action = running ? "pause" : "run" }
        guard let context else { return all }
        let first = context.first.compactMap { key in all.first { $0.key == key } }
        return first + all.filter { item in !context.first.contains(item.key) }
    }

    /// The items that fit in `width` columns (two spaces between items), then "? more" (or "? help" when nothing was
    /// left out) and "q quit".
    public static func fitting(width: Int, context: Context? = nil, running: Bool? = nil) -> [(key: String, action: String)] {
        let candidates = items(for: context, running: running)
        let tailWidth = "?  more".count + 2 + "q quit".count
        var used = tailWidth
        var parts: [(key: String, action: String)] = []
        for e in candidates {
            let w = e.key.count + 1 + e.action.count + 2
            if used + w > width { break }
            parts.append(e)
            used += w
        }
        let more = parts.count < candidates.count && context != .help
        return parts + [("?", more ? "more" : "help"), ("q", "quit")]
    }

    /// The text that fits in `width` columns.
    public static func text(width: Int, context: Context? = nil, running: Bool? = nil) -> String {
        fitting(width: width, context: context, running: running).map { $0.key + " " + $0.action }.joined(separator: "  ")
    }

    /// Draws the line for `snapshot` and `state` (keys bold in hi_fg, actions in inactive_fg) into row `rect.y`.
    public static func render(snapshot: EngineSnapshot, state: UIState, palette: Palette, into buf: inout CellBuffer, rect: Rect) {
        guard !rect.isEmpty else { return }
        buf.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), fg: palette.mainFg, bg: palette.mainBg)
        var x = rect.x
        let context = Context.of(snapshot, state: state)
        for (k, item) in fitting(width: rect.width, context: context, running: snapshot.running).enumerated() {
            if k > 0 { x += 2 }
            x = buf.text(x, rect.y, item.key, fg: palette.hiFg, style: .bold, maxX: rect.maxX)
            x = buf.text(x + 1, rect.y, item.action, fg: palette.inactiveFg, maxX: rect.maxX)
        }
    }
}
