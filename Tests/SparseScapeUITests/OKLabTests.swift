import SparseScapeCore
import Testing
@testable import SparseScapeUI

/// OKLab conversion and the slice gradient interpolated in OKLCh.
@Suite struct OKLabTests {
    static let shipped = ["default", "light", "colorblind", "mono"]

    @Test func knownValues() {
        // Reference values from Björn Ottosson's OKLab definition.
        let white = OKLab(RGB(255, 255, 255)), black = OKLab(RGB(0, 0, 0)), red = OKLab(RGB(255, 0, 0))
        #expect(abs(white.L - 1) < 1e-4 && white.chroma < 1e-4)
        #expect(abs(black.L) < 1e-9)
        #expect(abs(red.L - 0.62796) < 1e-4 && abs(red.a - 0.22486) < 1e-4 && abs(red.b - 0.12585) < 1e-4)
        let grey = OKLab(RGB(128, 128, 128))
        #expect(grey.chroma < 1e-4 && abs(grey.L - 0.59987) < 1e-4)
    }

    @Test func roundTripsEveryGreyAndASampleOfColours() {
        for v in 0...255 {
            let c = RGB(UInt8(v), UInt8(v), UInt8(v))
            #expect(OKLab(c).rgb == c)
        }
        var g: UInt64 = 99
        for _ in 0..<2000 {
            g = g &* 6364136223846793005 &+ 1442695040888963407
            let c = RGB(UInt8(truncatingIfNeeded: g >> 20), UInt8(truncatingIfNeeded: g >> 30), UInt8(truncatingIfNeeded: g >> 40))
            #expect(OKLab(c).rgb == c)
        }
    }

    @Test func outOfGamutKeepsLightnessAndHue() {
        // A chroma far outside sRGB at mid lightness: clipped towards grey, lightness and hue kept.
        let wild = OKLab(L: 0.6, a: 0.5, b: -0.5)
        let back = OKLab(wild.rgb)
        #expect(abs(back.L - 0.6) < 0.01)
        #expect(abs(back.hue - wild.hue) < 0.05)
        #expect(back.chroma < wild.chroma)
    }

    @Test func lchTurnsTheShortWayAndGreyEndsTakeTheOtherHue() {
        let red = OKLab(RGB(255, 0, 0)), blue = OKLab(RGB(0, 0, 255))
        // Red (hue ≈ 29°) to blue (≈ −96°): the short way passes magenta (hue ≈ −33°), not green.
        let mid = red.mixedInLCh(with: blue, 0.5)
        #expect(mid.a > 0 && mid.b < 0)
        let white = OKLab(RGB(255, 255, 255))
        let tint = white.mixedInLCh(with: blue, 0.25)
        #expect(abs(tint.hue - blue.hue) < 1e-9)
    }

    @Test(arguments: shipped)
    func sliceGradientKeepsStopsAndEvenLightness(name: String) throws {
        let p = try Theme.load(nameOrPath: name).palette
        #expect(p.sliceColor(0) == p.sliceStart && p.sliceColor(0.5) == p.sliceMid && p.sliceColor(1) == p.sliceEnd)
        let table = SliceColorScale.colors(palette: p)
        #expect(table.count == SliceColorScale.levels)
        #expect(Set(table).count == SliceColorScale.levels)   // 64 distinct colours
        let ls = table.map { OKLab($0).L }
        let up = ls[ls.count - 1] > ls[0]
        for (a, b) in zip(ls, ls.dropFirst()) { #expect(up ? b > a : b < a, "\(name): lightness \(a) → \(b)") }
    }

    @Test func viridisStaysColourfulBetweenStops() throws {
        // An RGB mix of the three viridis stops dips to chroma ≈ 0.068 (a blue-grey); OKLCh stays above 0.09
        // and passes blue at a quarter, as viridis itself does (#3b528b).
        let p = try Theme.load(nameOrPath: "colorblind").palette
        let table = SliceColorScale.colors(palette: p)
        let rgbTable = (0..<SliceColorScale.levels).map { i -> RGB in
            let u = Double(i) / Double(SliceColorScale.levels - 1)
            return u < 0.5 ? p.sliceStart.mixed(with: p.sliceMid, u * 2) : p.sliceMid.mixed(with: p.sliceEnd, (u - 0.5) * 2)
        }
        let minChroma = table.map { OKLab($0).chroma }.min() ?? 0
        let rgbMinChroma = rgbTable.map { OKLab($0).chroma }.min() ?? 0
        #expect(rgbMinChroma < 0.07)
        #expect(minChroma > 0.09)
        let quarter = OKLab(p.sliceColor(0.25)), viridisQuarter = OKLab(RGB(0x3b, 0x52, 0x8b))
        #expect(abs(quarter.hue - viridisQuarter.hue) < 0.25)   // within about 14°
        #expect(abs(quarter.L - viridisQuarter.L) < 0.02 && quarter.chroma > 0.09)
    }
}
