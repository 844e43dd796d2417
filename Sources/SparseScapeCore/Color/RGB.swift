/// A 24-bit sRGB colour: the one colour type of the terminal UI and of the figures.
public struct RGB: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// Red.
    public var r: UInt8
    /// Green.
    public var g: UInt8
    /// Blue.
    public var b: UInt8

    /// A colour from its three channels.
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// A colour from labelled channels.
    public init(r: UInt8, g: UInt8, b: UInt8) {
        self.init(r, g, b)
    }

    /// A colour from `#RRGGBB` or `RRGGBB` (nil when malformed).
    public init?(hex: String) {
        var s = Substring(hex)
        if s.hasPrefix("#") { s = s.dropFirst() }
        guard s.count == 6, s.allSatisfy(\.isHexDigit), let v = UInt32(s, radix: 16) else { return nil }
        self.init(UInt8(v >> 16), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF))
    }

    /// `#rrggbb`.
    public var hex: String {
        let digits = Array("0123456789abcdef")
        var s = "#"
        for v in [r, g, b] {
            s.append(digits[Int(v >> 4)])
            s.append(digits[Int(v & 15)])
        }
        return s
    }

    /// `#RRGGBB`.
    public var description: String { hex }

    /// Linear interpolation towards `other` (t = 0: self, t = 1: other; clamped).
    public func mixed(with other: RGB, _ t: Double) -> RGB {
        let u = t.isFinite ? min(1, max(0, t)) : 0
        func ch(_ a: UInt8, _ b: UInt8) -> UInt8 {
            UInt8((Double(a) + (Double(b) - Double(a)) * u).rounded())
        }
        return RGB(ch(r, other.r), ch(g, other.g), ch(b, other.b))
    }

    /// The colour a fraction `t` of the way to `other`, interpolated linearly in OKLab and clamped channel by channel
    /// (t clamped to 0…1; exact at both ends): the figures' colour maps.
    public func mixedInOKLab(with other: RGB, _ t: Double) -> RGB {
        let u = t.isFinite ? min(1, max(0, t)) : 0
        if u <= 0 { return self }
        if u >= 1 { return other }
        let p = OKLab(self), q = OKLab(other)
        return OKLab(L: p.L + (q.L - p.L) * u, a: p.a + (q.a - p.a) * u, b: p.b + (q.b - p.b) * u).clampedRGB
    }

    /// Perceived brightness in 0…1 (Rec. 601 weights), used to pick readable text on a coloured background.
    public var luminance: Double {
        (0.299 * Double(r) + 0.587 * Double(g) + 0.114 * Double(b)) / 255
    }
}
