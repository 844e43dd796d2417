import SparseScapeCore
/// A theme's colours resolved into stored fields, so drawing does no dictionary look-ups.
public struct Palette: Equatable, Sendable {
    /// Screen background.
    public var mainBg: RGB
    /// Normal text.
    public var mainFg: RGB
    /// Panel titles.
    public var title: RGB
    /// Highlight.
    public var hiFg: RGB
    /// Secondary text.
    public var inactiveFg: RGB
    /// Panel borders.
    public var divLine: RGB
    /// Selected item background.
    public var selectedBg: RGB
    /// Selected item text.
    public var selectedFg: RGB
    /// Positive live edges.
    public var edgePos: RGB
    /// Negative live edges.
    public var edgeNeg: RGB
    /// Pruned edges.
    public var edgePruned: RGB
    /// Edges off every input-to-output path.
    public var edgeUseless: RGB
    /// Nodes.
    public var node: RGB
    /// Loss curve.
    public var lossLine: RGB
    /// Gradient-norm curve.
    public var gradLine: RGB
    /// Mask-change marks.
    public var maskMark: RGB
    /// Heatmap low.
    public var sliceStart: RGB
    /// Heatmap middle.
    public var sliceMid: RGB
    /// Heatmap high.
    public var sliceEnd: RGB
    /// Optimizer path.
    public var path: RGB
    /// Current point.
    public var current: RGB
    /// Best-known point.
    public var best: RGB
    /// Status: good.
    public var statusOk: RGB
    /// Status: warning.
    public var statusWarn: RGB
    /// Status: bad.
    public var statusBad: RGB

    /// Resolves every key through `lookup`.
    init(_ lookup: (ThemeKey) -> RGB) {
        mainBg = lookup(.mainBg); mainFg = lookup(.mainFg); title = lookup(.title); hiFg = lookup(.hiFg)
        inactiveFg = lookup(.inactiveFg); divLine = lookup(.divLine); selectedBg = lookup(.selectedBg)
        selectedFg = lookup(.selectedFg); edgePos = lookup(.edgePos); edgeNeg = lookup(.edgeNeg)
        edgePruned = lookup(.edgePruned); edgeUseless = lookup(.edgeUseless); node = lookup(.node)
        lossLine = lookup(.lossLine); gradLine = lookup(.gradLine); maskMark = lookup(.maskMark)
        sliceStart = lookup(.sliceStart); sliceMid = lookup(.sliceMid); sliceEnd = lookup(.sliceEnd)
        path = lookup(.path); current = lookup(.current); best = lookup(.best)
        statusOk = lookup(.statusOk); statusWarn = lookup(.statusWarn); statusBad = lookup(.statusBad)
    }

    /// The heatmap colour at t ∈ [0, 1] (start → mid → end), interpolated in OKLCh.
    ///
    /// Lightness changes evenly along each half and the hue turns the short way between stops, so a three-stop
    /// viridis or plasma keeps its colourfulness instead of greying out between the stops as an RGB mix does.
    /// The stops themselves come back exactly (t = 0, ½, 1).
    public func sliceColor(_ t: Double) -> RGB {
        let u = t.isFinite ? min(1, max(0, t)) : 0
        return u < 0.5 ? OKLab.gradient(from: sliceStart, to: sliceMid, u * 2) : OKLab.gradient(from: sliceMid, to: sliceEnd, (u - 0.5) * 2)
    }
}
