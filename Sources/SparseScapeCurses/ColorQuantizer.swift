import SparseScapeUI

/// Maps 24-bit colours to what the terminal offers: the xterm-256 cube and grey ramp, or the 8/16 ANSI colours.
public struct ColorQuantizer: Sendable {
    /// How many colours the terminal has (ncurses' COLORS).
    public let colors: Int

    /// A quantizer for a terminal with `colors` colours.
    public init(colors: Int) { self.colors = colors }

    /// The six channel levels of the xterm-256 colour cube.
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The 16 ANSI colours as xterm draws them.
    static let ansi16: [RGB] = [
        RGB(0, 0, 0), RGB(205, 0, 0), RGB(0, 205, 0), RGB(205, 205, 0), RGB(0, 0, 238), RGB(205, 0, 205), RGB(0, 205, 205), RGB(229, 229, 229),
        RGB(127, 127, 127), RGB(255, 0, 0), RGB(0, 255, 0), RGB(255, 255, 0), RGB(92, 92, 255), RGB(255, 0, 255), RGB(0, 255, 255), RGB(255, 255, 255),
    ]

    /// The terminal colour index nearest to `c`.
    public func index(of c: RGB) -> Int {
        if colors >= 256 { return Self.index256(c) }
        let palette = colors >= 16 ? Self.ansi16 : Array(Self.ansi16.prefix(8))
        return Self.nearest(c, in: palette)
    }

    /// Nearest xterm-256 index: the better of the colour cube (16…231) and the grey ramp (232…255).
    static func index256(_ c: RGB) -> Int {
        func level(_ v: UInt8) -> Int {
            var best = 0
            for (i, l) in cubeLevels.enumerated() where abs(l - Int(v)) < abs(cubeLevels[best] - Int(v)) { best = i }
            return best
        }
        let (ri, gi, bi) = (level(c.r), level(c.g), level(c.b))
        let cube = RGB(UInt8(cubeLevels[ri]), UInt8(cubeLevels[gi]), UInt8(cubeLevels[bi]))
        let mean = (Int(c.r) + Int(c.g) + Int(c.b)) / 3
        let greyStep = max(0, min(23, (mean - 8 + 5) / 10))
        let greyValue = UInt8(8 + 10 * greyStep)
        let grey = RGB(greyValue, greyValue, greyValue)
        return distance(c, grey) < distance(c, cube) ? 232 + greyStep : 16 + 36 * ri + 6 * gi + bi
    }

    static func nearest(_ c: RGB, in palette: [RGB]) -> Int {
        var best = 0
        for (i, p) in palette.enumerated() where distance(c, p) < distance(c, palette[best]) { best = i }
        return best
    }

    /// Squared distance weighted toward perceived brightness.
    static func distance(_ a: RGB, _ b: RGB) -> Int {
        let dr = Int(a.r) - Int(b.r), dg = Int(a.g) - Int(b.g), db = Int(a.b) - Int(b.b)
        return 3 * dr * dr + 4 * dg * dg + 2 * db * db
    }
}
