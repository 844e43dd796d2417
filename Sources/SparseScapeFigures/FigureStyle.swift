import SparseScapeCore

/// The look shared by every figure: colours, font sizes, and a text-width estimate for layout.
enum FigureStyle {
    /// Text.
    static let ink = "#1f1f1f"
    /// Secondary text (subtitles, notes).
    static let muted = "#5a5a5a"
    /// Axis frames and ticks.
    static let frame = "#3a3a3a"
    /// Grid lines.
    static let grid = "#e4e4e4"
    /// The minimum-energy path (and the loss in training figures).
    static let path = "#c8323c"
    /// The straight line between a path's ends.
    static let straight = "#6b6b6b"
    /// The dense network's path.
    static let dense = "#2a6fb0"
    /// The training loss.
    static let loss = "#2a6fb0"
    /// The gradient norm.
    static let gradient = "#d9711c"
    /// Global minima and the lowest known point.
    static let good = "#1b8a4b"
    /// Spurious minima.
    static let bad = "#c8323c"

    /// Title size.
    static let titleSize = 15.0
    /// Subtitle size.
    static let subtitleSize = 11.5
    /// Axis label size.
    static let labelSize = 12.5
    /// Tick label size.
    static let tickSize = 11.0
    /// Legend size.
    static let legendSize = 11.5

    /// About how wide `text` is at `size` in DejaVu Sans / Helvetica (slightly generous, so boxes fit).
    static func textWidth(_ text: String, size: Double) -> Double {
        var w = 0.0
        for ch in text {
            if ch == " " || ch == "." || ch == "," || ch == ":" || ch == "i" || ch == "l" || ch == "|" || ch == "'" { w += 0.33 }
            else if ch.isUppercase || ch == "m" || ch == "w" || ch == "—" || ch == "×" { w += 0.78 }
            else { w += 0.6 }
        }
        return w * size
    }

    /// Attributes of text with a white halo (readable over a heatmap or lines).
    static func halo(_ width: Double = 3) -> [(name: String, value: String)] {
        [("stroke", "#ffffff"), ("stroke-width", SVGElement.number(width)), ("stroke-linejoin", "round"), ("paint-order", "stroke")]
    }
}
