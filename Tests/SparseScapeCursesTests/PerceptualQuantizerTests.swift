import Foundation
import Testing
@testable import SparseScapeCurses
import SparseScapeCore
import SparseScapeUI

/// Quantised slice ramps keep their lightness order and many colours; direct colour is chosen and exact.
///
/// Direct colour is decided from COLORTERM, TERM and terminfo facts, and passes colours through unchanged.
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

    /// Fewest distinct colours accepted per theme for 256, 16 and 8 colours.
    ///
    /// Measured with the band-free rule: default 13/7/3, light 12/5/3, colorblind 11/5/3, mono 27/4/2 (mono at 8
    /// colours has only black and white: its old third step was a colour).
    static let minimumDistinct: [String: [Int: Int]] = [
        "default": [256: 12, 16: 5, 8: 3],
        "light": [256: 12, 16: 4, 8: 3],
        "colorblind": [256: 11, 16: 4, 8: 3],
        "mono": [256: 24, 16: 4, 8: 2],
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
        // The constraints (monotone lightness, no chroma bands) may move a level off its nearest colour, but the
        // mean error stays within 15 % (measured at most 12 %: colorblind at 16 colours).
        let q = try Quantised(theme: theme, colors: colors)
        let quantizer = ColorQuantizer(colors: colors)
        let nearest = try q.ramp.map { try #require(quantizer.rgb(ofIndex: quantizer.index(of: $0))) }
        let nearestError = zip(q.ramp, nearest).map { OKLab($0).squaredDistance(to: OKLab($1)).squareRoot() }.reduce(0, +) / 64
        #expect(q.meanError <= nearestError * 1.15, "\(theme) @\(colors): \(q.meanError) vs nearest \(nearestError)")
        #expect(q.meanError < (colors == 256 ? 0.05 : 0.15))
    }

    /// Places where the shown chroma moves against the ramp's own chroma by more than 0.03 between neighbouring
    /// levels, and switches between grey (chroma < 0.02) and colour that the ramp itself does not make.
    static func bands(_ q: Quantised) -> (againstChroma: Int, greySwitches: Int, rampGreySwitches: Int) {
        let r = q.ramp.map { OKLab($0).chroma }, c = q.shown.map { OKLab($0).chroma }
        var against = 0
        for k in 1..<r.count {
            let trend = r[k] - r[k - 1], dc = c[k] - c[k - 1]
            if (trend > 0 && dc < -0.03) || (trend < 0 && dc > 0.03) { against += 1 }
        }
        func switches(_ x: [Double]) -> Int { zip(x, x.dropFirst()).filter { ($0 < OKLab.achromaticChroma) != ($1 < OKLab.achromaticChroma) }.count }
        return (against, switches(c), switches(r))
    }

    @Test(arguments: ["default", "light", "colorblind", "mono"], [256, 16, 8])
    func rampIsBandFree(theme: String, colors: Int) throws {
        // Light at 256 colours used to alternate the grey ramp and the cube's blues: monotone lightness, but bands.
        let q = try Quantised(theme: theme, colors: colors)
        let b = Self.bands(q)
        #expect(b.againstChroma == 0, "\(theme) @\(colors): \(q.shown.map(\.hex))")
        // At 8 and 16 colours a single grey step may sit between two colours where the palette has nothing else of
        // that lightness; at 256 colours never.
        #expect(b.greySwitches <= b.rampGreySwitches + (colors == 256 ? 1 : 2), "\(theme) @\(colors): \(b) \(q.shown.map(\.hex))")
    }

    @Test func viridisAt256HasTwelveColoursAndNoGreyBand() throws {
        let q = try Quantised(theme: "colorblind", colors: 256)
        #expect(q.distinct >= 11)
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
        // Measured 13.3° mean, 50° at most (one lavender step near white): keeping the chroma band-free leaves
        // the cube fewer blues than nearest-colour choice had (12° and 25° before, with grey bands).
        #expect(mean < 14, "mean hue deviation \(mean)°")
        #expect((deviations.max() ?? 0) < 55, "max hue deviation \(deviations.max() ?? 0)° \(q.shown.map(\.hex))")
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

    // MARK: direct colour

    /// A terminfo database holding `entries`.
    static func database(_ entries: [String: TerminfoFacts]) -> (String) -> TerminfoFacts? { { entries[$0] } }

    static let direct = TerminfoFacts(colors: 1 << 24, rgb: true)
    static let palette256 = TerminfoFacts(colors: 256, rgb: false)

    @Test func directColourDecision() {
        let db = Self.database([
            "xterm-256color": Self.palette256, "xterm-direct": Self.direct, "tmux-256color": Self.palette256,
            "tmux-direct": Self.direct, "screen-256color": Self.palette256, "foot": Self.palette256,
            "foot-direct": Self.direct, "kitty-direct": TerminfoFacts(colors: 256, rgb: false),
            "kitty": Self.palette256, "bigcolors": TerminfoFacts(colors: 1 << 24, rgb: false),
        ])
        typealias D = DirectColorDecision
        // TERM's own entry is direct: direct whatever COLORTERM says.
        #expect(D.decide(colorterm: nil, term: "xterm-direct", terminfo: db) == .direct)
        #expect(D.decide(colorterm: nil, term: "bigcolors", terminfo: db) == .direct)
        // COLORTERM asks for truecolor: a direct variant of TERM.
        #expect(D.decide(colorterm: "truecolor", term: "xterm-256color", terminfo: db) == .directVia(terminfo: "xterm-direct"))
        #expect(D.decide(colorterm: "24bit", term: "tmux-256color", terminfo: db) == .directVia(terminfo: "tmux-direct"))
        #expect(D.decide(colorterm: "TrueColor", term: "foot", terminfo: db) == .directVia(terminfo: "foot-direct"))
        #expect(D.decide(colorterm: "truecolor", term: "xterm-256color", terminfo: db).terminfoName == "xterm-direct")
        // No direct variant (or one that is not direct), or no truecolor request: indexed.
        #expect(D.decide(colorterm: "truecolor", term: "screen-256color", terminfo: db) == .indexed)
        #expect(D.decide(colorterm: "truecolor", term: "kitty", terminfo: db) == .indexed)
        #expect(D.decide(colorterm: nil, term: "xterm-256color", terminfo: db) == .indexed)
        #expect(D.decide(colorterm: "", term: "xterm-256color", terminfo: db) == .indexed)
        #expect(D.decide(colorterm: "yes", term: "xterm-256color", terminfo: db) == .indexed)
        #expect(D.decide(colorterm: "truecolor", term: nil, terminfo: db) == .indexed)
        #expect(D.decide(colorterm: "truecolor", term: "", terminfo: db) == .indexed)
        #expect(D.decide(colorterm: "truecolor", term: "dumb", terminfo: db) == .indexed)
        #expect(D.decide(colorterm: "truecolor", term: "dumb", terminfo: db).terminfoName == nil)
        // Without xterm-direct in the database an xterm stays on 256 colours.
        let noDirect = Self.database(["xterm-256color": Self.palette256])
        #expect(D.decide(colorterm: "truecolor", term: "xterm-256color", terminfo: noDirect) == .indexed)
    }

    @Test func directCandidatesInOrder() {
        #expect(DirectColorDecision.directCandidates(for: "xterm-256color") == ["xterm-256color-direct", "xterm-direct"])
        #expect(DirectColorDecision.directCandidates(for: "tmux-256color") == ["tmux-256color-direct", "tmux-direct"])
        #expect(DirectColorDecision.directCandidates(for: "xterm") == ["xterm-direct"])
        #expect(DirectColorDecision.directCandidates(for: "xterm-direct") == [])
        #expect(DirectColorDecision.directCandidates(for: "rxvt-unicode-256color") == ["rxvt-unicode-256color-direct", "rxvt-unicode-direct"])
    }

    @Test func terminfoProbe() {
        #expect(TerminfoFacts.probe("sparsescape-no-such-terminal") == nil)
        // xterm-256color ships with ncurses-base; where it is installed it is a 256-colour, non-direct entry.
        if let facts = TerminfoFacts.probe("xterm-256color") {
            #expect(facts == TerminfoFacts(colors: 256, rgb: false, truecolorFlag: false))
            #expect(!facts.isDirect)
        }
    }

    @Test func directModeRoundTripsEveryColourAboveTheOverlay() throws {
        let q = ColorQuantizer(colors: 1 << 24)
        #expect(q.isDirect && q.entries.isEmpty)
        var g: UInt64 = 7
        var samples = [RGB(255, 255, 255), RGB(0, 0, 8), RGB(0, 1, 0), RGB(18, 52, 86), RGB(254, 0, 255)]
        for _ in 0..<1000 {
            g = g &* 6364136223846793005 &+ 1442695040888963407
            samples.append(RGB(UInt8(truncatingIfNeeded: g >> 20), UInt8(truncatingIfNeeded: g >> 30), UInt8(truncatingIfNeeded: g >> 40)))
        }
        for c in samples {
            let i = q.index(of: c)
            #expect(i == Int(c.r) << 16 | Int(c.g) << 8 | Int(c.b))
            #expect(q.rgb(ofIndex: i) == c)
        }
        // A ramp passes through unchanged.
        let ramp = SliceColorScale.colors(palette: Theme.builtinDefault.palette)
        #expect(try q.indices(ofRamp: ramp).map { try #require(q.rgb(ofIndex: $0)) } == ramp)
    }

    @Test func directModeStepsOverTheIndexedOverlay() {
        // xterm-direct draws colour numbers below 8 as ANSI colours: black becomes #000100, not ANSI 0.
        let q8 = ColorQuantizer(colors: 1 << 24)
        #expect(q8.index(of: RGB(0, 0, 0)) == 0x000100)
        #expect(q8.index(of: RGB(0, 0, 7)) == 0x000107)
        #expect(q8.index(of: RGB(0, 0, 8)) == 8)
        #expect(q8.rgb(ofIndex: 3) == nil)
        // An entry with 256 overlay colours (xterm-direct256).
        let q256 = ColorQuantizer(colors: 1 << 24, reservedIndexed: 256)
        #expect(q256.index(of: RGB(0, 0, 200)) == 0x0001c8)
        #expect(q256.index(of: RGB(0, 1, 0)) == 0x000100)
    }
}
