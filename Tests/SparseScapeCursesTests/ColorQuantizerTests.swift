import Testing
@testable import SparseScapeCurses
import SparseScapeCore
import SparseScapeUI

/// Single colours degrade to the nearest (OKLab) colour the terminal offers.
@Suite struct ColorQuantizerTests {
    @Test func exactCubeColoursMapToTheirIndex() {
        let q = ColorQuantizer(colors: 256)
        let levels = ColorQuantizer.cubeLevels
        for (ri, r) in levels.enumerated() { for (gi, g) in levels.enumerated() { for (bi, b) in levels.enumerated() {
            let i = q.index(of: RGB(UInt8(r), UInt8(g), UInt8(b)))
            // Pure greys may map to the grey ramp instead; every other cube colour maps to its own index.
            if !(r == g && g == b) { #expect(i == 16 + 36 * ri + 6 * gi + bi) }
        } } }
    }

    @Test func greysUseTheGreyRamp() {
        let q = ColorQuantizer(colors: 256)
        #expect(q.index(of: RGB(8, 8, 8)) == 232)
        #expect(q.index(of: RGB(238, 238, 238)) == 255)
        #expect(q.index(of: RGB(128, 128, 128)) == 244)   // 8 + 10·12 = 128
        let mid = q.index(of: RGB(100, 101, 99))
        #expect(mid >= 232 && mid <= 255)
    }

    @Test func sixteenAndEightColourTerminals() {
        let q16 = ColorQuantizer(colors: 16), q8 = ColorQuantizer(colors: 8)
        #expect(q16.index(of: RGB(255, 40, 40)) == 9)      // bright red
        #expect(q8.index(of: RGB(255, 40, 40)) == 1)       // red
        #expect(q16.index(of: RGB(250, 250, 250)) == 15)
        #expect(q8.index(of: RGB(250, 250, 250)) == 7)
        #expect(q8.index(of: RGB(10, 10, 30)) == 0)
        for c in [RGB(1, 2, 3), RGB(200, 100, 50), RGB(0, 255, 128)] {
            #expect((0..<8).contains(q8.index(of: c)))
            #expect((0..<16).contains(q16.index(of: c)))
        }
    }

    @Test(arguments: [8, 16, 256])
    func nearestIsNeverFartherThanAnyPaletteEntry(colors: Int) throws {
        let q = ColorQuantizer(colors: colors)
        var g: UInt64 = 12345
        for _ in 0..<500 {
            g = g &* 6364136223846793005 &+ 1442695040888963407
            let c = RGB(UInt8(truncatingIfNeeded: g >> 16), UInt8(truncatingIfNeeded: g >> 24), UInt8(truncatingIfNeeded: g >> 32))
            let lab = OKLab(c)
            let chosen = try #require(q.rgb(ofIndex: q.index(of: c)))
            let d = lab.squaredDistance(to: OKLab(chosen))
            #expect(q.entries.allSatisfy { lab.squaredDistance(to: $0.lab) >= d })
        }
    }

    @Test func paletteSizes() {
        #expect(ColorQuantizer(colors: 256).entries.map(\.index) == Array(16..<256))
        #expect(ColorQuantizer(colors: 16).entries.map(\.index) == Array(0..<16))
        #expect(ColorQuantizer(colors: 8).entries.map(\.index) == Array(0..<8))
        #expect(ColorQuantizer(colors: 1 << 24).entries.isEmpty)
        #expect(ColorQuantizer.xterm256(index: 16 + 36 * 5 + 6 * 2 + 1) == RGB(255, 135, 95))
        #expect(ColorQuantizer.xterm256(index: 244) == RGB(128, 128, 128))
    }
}
