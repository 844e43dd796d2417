import SparseScapeCore

/// What the UI itself remembers between frames (everything else comes from the engine's snapshot).
public struct UIState: Equatable, Sendable {
    /// The selected weight; `normalize(for:)` keeps it valid for the current architecture.
    public var selection: EdgeSelection
    /// True while the help overlay is shown.
    public var showHelp: Bool
    /// Colour the slice on a log scale (of the height above its minimum).
    public var logScale: Bool
    /// The loss chart's iteration axis.
    public var lossAxis: LossAxis = .log
    /// A one-line message for the status line (export paths, errors), newest first over the engine's.
    public var message: String?
    /// The glyphs to draw with.
    public var glyphs: GlyphSet
    /// Every message so far (engine events, exports, saves), with its time.
    public var log = MessageLog()
    /// True while the message log is shown.
    public var showLog = false
    /// How many lines the log is scrolled up from its newest line.
    public var logScroll = 0

    /// A state with the first weight selected.
    public init(selection: EdgeSelection = EdgeSelection(layer: 0, row: 0, col: 0), showHelp: Bool = false,
                logScale: Bool = false, message: String? = nil, glyphs: GlyphSet = .unicode) {
        self.selection = selection
        self.showHelp = showHelp
        self.logScale = logScale
        self.message = message
        self.glyphs = glyphs
    }

    /// Clamps the selection into the architecture.
    public mutating func normalize(for arch: NetworkArchitecture) {
        selection = selection.clamped(to: arch)
    }

    /// Moves the selection by (rows, cols) within its layer, clamped at the edges.
    public mutating func moveSelection(rows: Int, cols: Int, in arch: NetworkArchitecture) {
        var s = selection.clamped(to: arch)
        s.row += rows
        s.col += cols
        selection = s.clamped(to: arch)
    }

    /// Selects the next layer (wrapping), keeping row and column as close as the widths allow.
    public mutating func nextLayer(in arch: NetworkArchitecture) {
        var s = selection.clamped(to: arch)
        s.layer = (s.layer + 1) % arch.depth
        selection = s.clamped(to: arch)
    }
}
