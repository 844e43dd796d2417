import Foundation
import SparseScapeCore

/// An sRGB colour for figures, with its OKLab coordinates for perceptual interpolation.
///
/// The core keeps its own few lines of Björn Ottosson's OKLab (the terminal UI has a fuller copy) so that figures
/// need nothing from the UI.
public struct FigureColor: Equatable, Sendable {
    /// Red, 0…255.
    public var r: UInt8
    /// Green, 0…255.
    public var g: UInt8
    /// Blue, 0…255.
    public var b: UInt8

    /// A colour from its channels.
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// A colour from `#RRGGBB` (nil when malformed).
    public init?(hex: String) {
        var s = Substring(hex)
        if s.hasPrefix("#") { s = s.dropFirst() }
        guard s.count == 6, let v = UInt32(s, radix: 16) else { return nil }
        self.init(UInt8(v >> 16), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF))
    }

    /// `#rrggbb`.
    public var hex: String { String(format: "#%02x%02x%02x", r, g, b) }

    /// Relative luminance (WCAG), 0 for black … 1 for white: dark colours take white text.
    public var luminance: Double {
        0.2126 * Self.toLinear(r) + 0.7152 * Self.toLinear(g) + 0.0722 * Self.toLinear(b)
    }

    /// OKLab coordinates (L, a, b).
    public var oklab: (L: Double, a: Double, b: Double) {
        let lr = Self.toLinear(r), lg = Self.toLinear(g), lb = Self.toLinear(b)
        let l = cbrt(0.4122214708 * lr + 0.5363325363 * lg + 0.0514459929 * lb)
        let m = cbrt(0.2119034982 * lr + 0.6806995451 * lg + 0.1073969566 * lb)
        let s = cbrt(0.0883024619 * lr + 0.2817188376 * lg + 0.6299787005 * lb)
        return (0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s,
                1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s,
                0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s)
    }

    /// The sRGB colour of OKLab coordinates (channels clamped to the gamut).
    public init(L: Double, a: Double, b: Double) {
        let l = L + 0.3963377774 * a + 0.2158037573 * b
        let m = L - 0.1055613458 * a - 0.0638541728 * b
        let s = L - 0.0894841775 * a - 1.2914855480 * b
        let l3 = l * l * l, m3 = m * m * m, s3 = s * s * s
        self.init(Self.toSRGB(4.0767416621 * l3 - 3.3077115913 * m3 + 0.2309699292 * s3),
                  Self.toSRGB(-1.2684380046 * l3 + 2.6097574011 * m3 - 0.3413193965 * s3),
                  Self.toSRGB(-0.0041960863 * l3 - 0.7034186147 * m3 + 1.7076147010 * s3))
    }

    /// The colour a fraction `t` of the way to `other`, interpolated in OKLab (t clamped to 0…1; exact at both ends).
    public func mixed(with other: FigureColor, _ t: Double) -> FigureColor {
        let u = t.isFinite ? min(1, max(0, t)) : 0
        if u <= 0 { return self }
        if u >= 1 { return other }
        let p = oklab, q = other.oklab
        return FigureColor(L: p.L + (q.L - p.L) * u, a: p.a + (q.a - p.a) * u, b: p.b + (q.b - p.b) * u)
    }

    /// An sRGB channel to linear light.
    static func toLinear(_ v: UInt8) -> Double {
        let x = Double(v) / 255
        return x <= 0.04045 ? x / 12.92 : pow((x + 0.055) / 1.055, 2.4)
    }

    /// Linear light to an sRGB channel (clamped).
    static func toSRGB(_ x: Double) -> UInt8 {
        let y = x.isFinite ? min(1, max(0, x)) : 0
        let v = y <= 0.0031308 ? 12.92 * y : 1.055 * pow(y, 1 / 2.4) - 0.055
        return UInt8((v * 255).rounded())
    }
}
