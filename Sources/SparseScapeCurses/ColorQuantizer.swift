import SparseScapeCore
import SparseScapeUI

/// Maps 24-bit colours to the terminal's colour numbers.
///
/// A direct-colour terminal gets packed 0xRRGGBB; others the perceptually nearest (OKLab ΔE) entry of the
/// xterm-256 cube and grey ramp, or of the 16/8 ANSI colours. Single colours go through `index(of:)`; ordered gradients should go through `indices(ofRamp:)`, which keeps
/// their lightness monotone.
public struct ColorQuantizer: Sendable {
    /// One colour the terminal offers: its number, its sRGB value and its OKLab coordinates.
    public struct Entry: Sendable {
        /// The terminal's colour number.
        public let index: Int
        /// Its sRGB value (as xterm draws it).
        public let rgb: RGB
        /// Its OKLab coordinates.
        public let lab: OKLab
    }

    /// How many colours the terminal has (ncurses' COLORS).
    public let colors: Int
    /// The low colour numbers a direct-colour terminal keeps as indexed colours (terminfo `CO`).
    ///
    /// 8 for xterm-direct; colours that would pack below it are nudged one green step up.
    public let reservedIndexed: Int
    /// The colours `index(of:)` chooses from (empty in direct mode).
    public let entries: [Entry]

    /// The colour count of a direct-colour terminal (2²⁴).
    public static let directColors = 1 << 24

    /// A quantizer for a terminal with `colors` colours; `reservedIndexed` only matters in direct mode.
    public init(colors: Int, reservedIndexed: Int = 8) {
        self.colors = colors
        self.reservedIndexed = max(0, min(256, reservedIndexed))
        if colors >= Self.directColors {
            entries = []
        } else if colors >= 256 {
            entries = (16..<256).map { Self.entry($0, Self.xterm256(index: $0)) }
        } else {
            entries = Self.ansi16.prefix(colors >= 16 ? 16 : 8).enumerated().map { Self.entry($0.offset, $0.element) }
        }
    }

    /// True when the terminal takes 24-bit colours directly.
    public var isDirect: Bool { colors >= Self.directColors }

    /// The six channel levels of the xterm-256 colour cube.
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The 16 ANSI colours as xterm draws them.
    static let ansi16: [RGB] = [
        RGB(0, 0, 0), RGB(205, 0, 0), RGB(0, 205, 0), RGB(205, 205, 0), RGB(0, 0, 238), RGB(205, 0, 205), RGB(0, 205, 205), RGB(229, 229, 229),
        RGB(127, 127, 127), RGB(255, 0, 0), RGB(0, 255, 0), RGB(255, 255, 0), RGB(92, 92, 255), RGB(255, 0, 255), RGB(0, 255, 255), RGB(255, 255, 255),
    ]

    /// The colour xterm draws for an xterm-256 index (0…255).
    static func xterm256(index i: Int) -> RGB {
        if i < 16 { return ansi16[i] }
        if i >= 232 {
            let v = UInt8(8 + 10 * (i - 232))
            return RGB(v, v, v)
        }
        let k = i - 16
        return RGB(UInt8(cubeLevels[k / 36]), UInt8(cubeLevels[k / 6 % 6]), UInt8(cubeLevels[k % 6]))
    }

    /// The entry for colour number `index` showing `rgb`.
    static func entry(_ index: Int, _ rgb: RGB) -> Entry { Entry(index: index, rgb: rgb, lab: OKLab(rgb)) }

    /// The terminal colour number for `c`: packed RGB in direct mode, else the nearest entry by OKLab distance.
    public func index(of c: RGB) -> Int {
        if isDirect { return directIndex(of: c) }
        let lab = OKLab(c)
        var best = 0, bestDistance = Double.infinity
        for (k, e) in entries.enumerated() {
            let d = lab.squaredDistance(to: e.lab)
            if d < bestDistance { bestDistance = d; best = k }
        }
        return entries[best].index
    }

    /// Packed 0xRRGGBB, nudged above the reserved indexed range.
    func directIndex(of c: RGB) -> Int {
        let packed = Int(c.r) << 16 | Int(c.g) << 8 | Int(c.b)
        return packed < reservedIndexed ? packed | 0x100 : packed
    }

    /// The colour a terminal colour number shows (nil when this quantizer never produces it).
    public func rgb(ofIndex i: Int) -> RGB? {
        if isDirect {
            guard i >= reservedIndexed, i < Self.directColors else { return nil }
            return RGB(UInt8(i >> 16), UInt8(i >> 8 & 255), UInt8(i & 255))
        }
        return entries.first { $0.index == i }?.rgb
    }

    /// Terminal colour numbers for colours that must look different: each the nearest not taken by an earlier one
    /// (equal colours share one), as long as the terminal has colours left.
    public func distinctIndices(of colors: [RGB]) -> [Int] {
        if isDirect { return colors.map { index(of: $0) } }
        var taken = Set<Int>(), chosen: [RGB: Int] = [:]
        return colors.map { c in
            if let i = chosen[c] { return i }
            let lab = OKLab(c)
            let free = entries.filter { !taken.contains($0.index) }
            let pick = (free.isEmpty ? entries : free).min { lab.squaredDistance(to: $0.lab) < lab.squaredDistance(to: $1.lab) }!
            taken.insert(pick.index)
            chosen[c] = pick.index
            return pick.index
        }
    }
}
