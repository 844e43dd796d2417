import SparseScapeCore

/// A perceptual colour map: evenly spaced stops, interpolated in OKLab.
///
/// The default is viridis (matplotlib's, sampled at nine points): dark blue for low loss to yellow for high loss,
/// monotone in lightness, readable by colour-blind readers and in greyscale print.
public struct ColorMap: Sendable {
    /// The stops, at t = 0, 1/(n−1), …, 1.
    public let stops: [RGB]

    /// A map through `stops` (at least two).
    public init(stops: [RGB]) {
        precondition(stops.count >= 2, "a colour map needs two stops")
        self.stops = stops
    }

    /// Viridis.
    public static let viridis = ColorMap(stops: ["#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c",
                                                 "#28ae80", "#5ec962", "#addc30", "#fde725"].map { RGB(hex: $0)! })

    /// The colour at `t` (0 … 1, clamped; NaN gives the lowest colour).
    public func color(_ t: Double) -> RGB {
        let u = t.isFinite ? min(1, max(0, t)) : 0
        let x = u * Double(stops.count - 1)
        let k = min(stops.count - 2, Int(x))
        return stops[k].mixedInOKLab(with: stops[k + 1], x - Double(k))
    }

    /// `#rrggbb` at `t`.
    public func hex(_ t: Double) -> String { color(t).hex }
}
