import Foundation

/// A colour in Björn Ottosson's OKLab space.
///
/// L is perceived lightness (0 black … 1 white), a and b the green–red and blue–yellow axes. Euclidean distance in OKLab approximates perceived difference (about 0.02 is just noticeable), so it is the
/// metric for nearest-colour quantisation; interpolating in its polar form (OKLCh) gives gradients whose
/// lightness changes evenly and whose hue turns the short way round instead of passing through grey.
public struct OKLab: Equatable, Sendable, CustomStringConvertible {
    /// Perceived lightness, 0…1.
    public var L: Double
    /// Green (negative) to red (positive).
    public var a: Double
    /// Blue (negative) to yellow (positive).
    public var b: Double

    /// A colour from its three coordinates.
    public init(L: Double, a: Double, b: Double) {
        self.L = L
        self.a = a
        self.b = b
    }

    /// The OKLab coordinates of an sRGB colour.
    public init(_ c: RGB) {
        let r = Self.linear[Int(c.r)], g = Self.linear[Int(c.g)], bl = Self.linear[Int(c.b)]
        let l = cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * bl)
        let m = cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * bl)
        let s = cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * bl)
        L = 0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s
        a = 1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s
        b = 0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s
    }

    /// `L a b` with three decimals.
    public var description: String { String(format: "L%.3f a%.3f b%.3f", L, a, b) }

    /// Colourfulness: the distance from the grey axis.
    public var chroma: Double { (a * a + b * b).squareRoot() }

    /// Hue angle in radians (−π…π), meaningless when the chroma is near zero.
    public var hue: Double { atan2(b, a) }

    /// Squared Euclidean distance to `other` (ΔE_OK²).
    @inline(__always)
    public func squaredDistance(to other: OKLab) -> Double {
        let dl = L - other.L, da = a - other.a, db = b - other.b
        return dl * dl + da * da + db * db
    }

    /// The nearest sRGB colour: out-of-gamut colours lose chroma at constant lightness and hue until they fit.
    public var rgb: RGB {
        if L >= 1 { return RGB(255, 255, 255) }
        if L <= 0 { return RGB(0, 0, 0) }
        if let c = Self.linearRGB(L: L, a: a, b: b) { return Self.encode(c) }
        var lo = 0.0, hi = 1.0
        for _ in 0..<24 {
            let mid = (lo + hi) / 2
            if Self.linearRGB(L: L, a: a * mid, b: b * mid) != nil { lo = mid } else { hi = mid }
        }
        return Self.encode(Self.linearRGB(L: L, a: a * lo, b: b * lo) ?? (L, L, L))
    }

    /// The sRGB colour with every channel clamped to the gamut (the figures' rule; `rgb` keeps hue and lightness).
    public var clampedRGB: RGB { Self.encode(Self.unboundedLinearRGB(L: L, a: a, b: b)) }

    /// Chroma below which a colour's hue is treated as missing when interpolating.
    ///
    /// About one just-noticeable difference: a near-grey end of a gradient takes the other end's hue.
    public static let achromaticChroma = 0.02

    /// Interpolation in OKLCh towards `other` (t = 0: self, t = 1: other; clamped).
    ///
    /// Lightness and chroma change linearly, the hue along the shorter arc.
    public func mixedInLCh(with other: OKLab, _ t: Double) -> OKLab {
        let u = t.isFinite ? min(1, max(0, t)) : 0
        let c0 = chroma, c1 = other.chroma
        var h0 = hue, h1 = other.hue
        if c0 < Self.achromaticChroma { h0 = h1 }
        if c1 < Self.achromaticChroma { h1 = h0 }
        let turn = remainder(h1 - h0, 2 * Double.pi)
        let h = h0 + turn * u, c = c0 + (c1 - c0) * u
        return OKLab(L: L + (other.L - L) * u, a: c * cos(h), b: c * sin(h))
    }

    /// The gradient colour at t between two sRGB colours, interpolated in OKLCh; exact at both ends.
    public static func gradient(from start: RGB, to end: RGB, _ t: Double) -> RGB {
        let u = t.isFinite ? min(1, max(0, t)) : 0
        if u <= 0 { return start }
        if u >= 1 { return end }
        return OKLab(start).mixedInLCh(with: OKLab(end), u).rgb
    }

    /// sRGB channel value (0…255) to linear light, tabulated.
    static let linear: [Double] = (0...255).map { v in
        let x = Double(v) / 255
        return x <= 0.04045 ? x / 12.92 : pow((x + 0.055) / 1.055, 2.4)
    }

    /// Linear-light RGB of OKLab coordinates, or nil when a channel falls outside 0…1.
    static func linearRGB(L: Double, a: Double, b: Double) -> (Double, Double, Double)? {
        let (r, g, bl) = unboundedLinearRGB(L: L, a: a, b: b)
        let eps = 1e-7
        guard r >= -eps, r <= 1 + eps, g >= -eps, g <= 1 + eps, bl >= -eps, bl <= 1 + eps else { return nil }
        return (r, g, bl)
    }

    /// Linear-light RGB of OKLab coordinates, channels possibly outside 0…1.
    static func unboundedLinearRGB(L: Double, a: Double, b: Double) -> (Double, Double, Double) {
        let l = L + 0.3963377774 * a + 0.2158037573 * b
        let m = L - 0.1055613458 * a - 0.0638541728 * b
        let s = L - 0.0894841775 * a - 1.2914855480 * b
        let l3 = l * l * l, m3 = m * m * m, s3 = s * s * s
        return (4.0767416621 * l3 - 3.3077115913 * m3 + 0.2309699292 * s3,
                -1.2684380046 * l3 + 2.6097574011 * m3 - 0.3413193965 * s3,
                -0.0041960863 * l3 - 0.7034186147 * m3 + 1.7076147010 * s3)
    }

    /// Linear-light RGB (0…1) to 8-bit sRGB.
    static func encode(_ c: (Double, Double, Double)) -> RGB {
        func ch(_ x: Double) -> UInt8 {
            let y = min(1, max(0, x))
            let v = y <= 0.0031308 ? 12.92 * y : 1.055 * pow(y, 1 / 2.4) - 0.055
            return UInt8((v * 255).rounded())
        }
        return RGB(ch(c.0), ch(c.1), ch(c.2))
    }
}
