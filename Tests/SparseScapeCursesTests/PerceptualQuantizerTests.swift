import Foundation
import Testing
@testable import SparseScapeCurses
import SparseScapeUI

/// Slice ramps quantised as wholes keep their lightness order and many colours.
@Suite struct PerceptualQuantizerTests {
    /// A theme's 64-level slice ramp quantised to `colors` colours.
    struct Quantised {
        let ramp: [RGB]
        let indices: [Int]
        let shown: [RGB]

        init(theme: String, colors: Int) throws {
            let q = ColorQuantizer(colors: colors)
            ramp = SliceColorScale.colors(palette: try Theme.load(nameOrPath: theme).palette)
            indices = q.indices(ofRamp: ramp)
            shown = try indices.map { try #require(q.rgb(ofIndex: $0)) }
        }

        /// Steps whose OKLab lightness goes against the ramp's own direction.
        var backwardSteps: Int {
            let up = OKLab(ramp[ramp.count - 1]).L >= OKLab(ramp[0]).L
            let ls = shown.map { OKLab($0).L }
            return zip(ls, ls.dropFirst()).filter { up ? $1 < $0 : $1 > $0 }.count
        }

        var distinct: Int { Set(indices).count }

        /// Mean OKLab distance from each ramp colour to the colour shown for it.
        var meanError: Double {
            zip(ramp, shown).map { OKLab($0).squaredDistance(to: OKLab($1)).squareRoot() }.reduce(0, +) / Double(ramp.count)
        }
    }

    /// Fewest distinct colours accepted per theme for 256, 16 and 8 colours (measured: default 13/7/3,
    /// light 17/5/3, colorblind 14/5/3, mono 27/4/3).
    static let minimumDistinct: [String: [Int: Int]] = [
        "default": [256: 12, 16: 5, 8: 3],
        "light": [256: 15, 16: 4, 8: 3],
        "colorblind": [256: 12, 16: 4, 8: 3],
        "mono": [256: 24, 16: 4, 8: 3],
    ]

    @Test(arguments: ["default", "light", "colorblind", "mono"], [256, 16, 8])
    func rampKeepsLightnessOrderAndManyColours(theme: String, colors: Int) throws {
        let q = try Quantised(theme: theme, colors: colors)
        #expect(q.indices.count == SliceColorScale.levels)
        #expect(q.backwardSteps == 0, "\(theme) @\(colors): \(q.indices)")
        let minimum = try #require(Self.minimumDistinct[theme]?[colors])
        #expect(q.distinct >= minimum, "\(theme) @\(colors): \(q.distinct) distinct: \(q.indices)")
        #expect(q.indices.first != q.indices.last)
    }

    @Test(arguments: ["default", "light", "colorblind", "mono"], [256, 16])
    func monotoneCostsLittleAccuracy(theme: String, colors: Int) throws {
        // The constraint may move a level off its nearest colour, but the mean error stays within 10 %.
        let q = try Quantised(theme: theme, colors: colors)
        let quantizer = ColorQuantizer(colors: colors)
        let nearest = try q.ramp.map { try #require(quantizer.rgb(ofIndex: quantizer.index(of: $0))) }
        let nearestError = zip(q.ramp, nearest).map { OKLab($0).squaredDistance(to: OKLab($1)).squareRoot() }.reduce(0, +) / 64
        #expect(q.meanError <= nearestError * 1.1, "\(theme) @\(colors): \(q.meanError) vs nearest \(nearestError)")
        #expect(q.meanError < (colors == 256 ? 0.05 : 0.14))
    }

    @Test func viridisAt256HasTwelveColoursAndNoGreyBand() throws {
        let q = try Quantised(theme: "colorblind", colors: 256)
        #expect(q.distinct >= 12)
        let greys = Set(q.indices.filter { $0 >= 232 })
        #expect(greys.count <= 1, "grey steps \(greys.sorted())")
    }

    @Test func lightRampKeepsItsBlueHue() throws {
        // Levels where both the ramp and the shown colour have a visible hue: the shown hue stays near the ramp's.
        let q = try Quantised(theme: "light", colors: 256)
        var deviations: [Double] = []
        for (r, s) in zip(q.ramp, q.shown) {
            let a = OKLab(r), b = OKLab(s)
            guard a.chroma >= 0.03, b.chroma >= 0.03 else { continue }
            deviations.append(abs(remainder(b.hue - a.hue, 2 * Double.pi)) * 180 / Double.pi)
        }
        #expect(deviations.count >= 30)
        let mean = deviations.reduce(0, +) / Double(deviations.count)
        #expect(mean < 12, "mean hue deviation \(mean)°")
        #expect((deviations.max() ?? 0) < 25, "max hue deviation \(deviations.max() ?? 0)°")
    }

    @Test func monoStaysGreyOnSixteenColours() throws {
        let q = try Quantised(theme: "mono", colors: 16)
        #expect(Set(q.indices).isSubset(of: [0, 8, 7, 15]), "\(q.indices)")
    }

    @Test func rampQuantisationIsTheNearestWhereThatIsAlreadyMonotone() {
        // A grey ramp on 256 colours: nearest is monotone already, so the ramp quantiser agrees with it.
        let q = ColorQuantizer(colors: 256)
        let ramp = (0..<64).map { i -> RGB in let v = UInt8(20 + 3 * i); return RGB(v, v, v) }
        #expect(q.indices(ofRamp: ramp) == ramp.map { q.index(of: $0) })
    }

    @Test func descendingRampStaysDescending() throws {
        let q = ColorQuantizer(colors: 256)
        let ramp = (0..<64).map { OKLab.gradient(from: RGB(255, 240, 200), to: RGB(40, 0, 80), Double($0) / 63) }
        let ls = try q.indices(ofRamp: ramp).map { OKLab(try #require(q.rgb(ofIndex: $0))).L }
        for (a, b) in zip(ls, ls.dropFirst()) { #expect(b <= a) }
        #expect(ls[0] > ls[63] + 0.5)
    }
}
