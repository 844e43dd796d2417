import SparseScapeCore
import Foundation

/// Maps slice values to the heatmap gradient, linearly or on a log scale of the height above the minimum.
///
/// The log scale is t = log(1 + (v − min)/δ) / log(1 + (max − min)/δ) with δ = (max − min)·10⁻³: it spreads
/// the low values (the valleys) over most of the colours. The colours come from a 64-entry table.
public struct SliceColorScale {
    /// Smallest finite value.
    public let min: Double
    /// Largest finite value.
    public let max: Double
    /// True for the log scale.
    public let logScale: Bool
    /// The colour table, low to high.
    private let table: [RGB]
    /// Background for non-finite values.
    private let invalid: RGB

    /// Number of colours in the table.
    public static let levels = 64

    /// A scale over `values` (non-finite ones ignored).
    public init(values: [Double], logScale: Bool, palette: Palette) {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite {
            if v < lo { lo = v }
            if v > hi { hi = v }
        }
        if !lo.isFinite { lo = 0; hi = 0 }
        min = lo
        max = hi
        self.logScale = logScale
        table = Self.colors(palette: palette)
        invalid = palette.mainBg
    }

    /// The table of a palette: `levels` colours of `Palette.sliceColor`, low to high.
    public static func colors(palette: Palette) -> [RGB] {
        (0..<levels).map { palette.sliceColor(Double($0) / Double(levels - 1)) }
    }

    /// Position of `v` in [0, 1].
    public func position(_ v: Double) -> Double {
        let range = max - min
        guard v.isFinite, range > 0, range.isFinite else { return 0 }
        let u = Swift.min(1, Swift.max(0, (v - min) / range))
        guard logScale else { return u }
        return log1p(u * 1000) / log1p(1000)
    }

    /// The colour of `v`.
    @inline(__always)
    public func color(_ v: Double) -> RGB {
        guard v.isFinite else { return invalid }
        let i = Int((position(v) * Double(Self.levels - 1)).rounded())
        return table[Swift.min(Self.levels - 1, Swift.max(0, i))]
    }

    /// The colour at position t ∈ [0, 1] (for the colour bar).
    public func color(at t: Double) -> RGB {
        let i = Int((Swift.min(1, Swift.max(0, t)) * Double(Self.levels - 1)).rounded())
        return table[i]
    }
}
