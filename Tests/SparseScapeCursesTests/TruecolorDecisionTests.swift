import Testing
import SparseScapeUI
@testable import SparseScapeCurses

/// Truecolor without COLORTERM (terminfo `Tc`, the `direct` setting) and palette depths chosen by the user.
@Suite struct TruecolorDecisionTests {
    static let direct = TerminfoFacts(colors: 1 << 24, rgb: true)
    static let palette256 = TerminfoFacts(colors: 256, rgb: false)
    static let palette256Tc = TerminfoFacts(colors: 256, rgb: false, truecolorFlag: true)
    static let db: [String: TerminfoFacts] = [
        "xterm-256color": palette256, "xterm-direct": direct, "tmux-256color": palette256Tc, "tmux-direct": direct,
        "screen-256color": palette256Tc, "foot": palette256, "foot-direct": direct, "alacritty-direct": direct,
    ]
    static func decide(_ colorterm: String?, _ term: String?, _ depth: ColorDepth, _ entries: [String: TerminfoFacts] = db) -> DirectColorDecision {
        DirectColorDecision.decide(colorterm: colorterm, term: term, depth: depth, terminfo: { entries[$0] })
    }

    @Test func tcFlagMeansTruecolorWithoutColorterm() {
        // tmux-256color carries Tc here: its direct variant is used though COLORTERM is absent.
        #expect(Self.decide(nil, "tmux-256color", .auto) == .directVia(terminfo: "tmux-direct"))
        // Tc but no direct-colour entry to draw with: the palette.
        #expect(Self.decide(nil, "screen-256color", .auto) == .indexed)
        // Neither Tc nor COLORTERM: the palette, as before.
        #expect(Self.decide(nil, "xterm-256color", .auto) == .indexed)
        #expect(Self.decide(nil, "foot", .auto) == .indexed)
    }

    @Test func directSettingNeedsNoEnvironment() {
        #expect(Self.decide(nil, "xterm-256color", .direct) == .directVia(terminfo: "xterm-direct"))
        #expect(Self.decide(nil, "foot", .direct) == .directVia(terminfo: "foot-direct"))
        #expect(Self.decide("", "xterm-direct", .direct) == .direct)
        // Nothing direct in the database: the setting cannot make curses draw packed colours.
        #expect(Self.decide(nil, "xterm-256color", .direct, ["xterm-256color": Self.palette256]) == .indexed)
        #expect(Self.decide(nil, "dumb", .direct) == .indexed)
        #expect(Self.decide(nil, nil, .direct) == .indexed)
    }

    @Test func paletteDepthsNeverChooseDirect() {
        for depth in [ColorDepth.palette256, .palette16, .palette8] {
            // COLORTERM and Tc are overridden by the chosen depth.
            #expect(Self.decide("truecolor", "xterm-256color", depth) == .indexed)
            #expect(Self.decide(nil, "tmux-256color", depth) == .indexed)
            // A direct TERM starts with its palette variant when there is one.
            #expect(Self.decide(nil, "xterm-direct", depth) == .indexedVia(terminfo: "xterm-256color"))
            #expect(Self.decide(nil, "tmux-direct", depth) == .indexedVia(terminfo: "tmux-256color"))
            #expect(Self.decide(nil, "xterm-direct", depth).terminfoName == "xterm-256color")
            // ... and stays direct when there is none (its palette cannot be limited).
            #expect(Self.decide(nil, "alacritty-direct", depth) == .direct)
        }
        #expect(ColorDepth.palette16.paletteLimit == 16 && ColorDepth.auto.paletteLimit == nil)
    }

    @Test func paletteCandidatesInOrder() {
        #expect(DirectColorDecision.paletteCandidates(for: "xterm-direct") == ["xterm-256color"])
        #expect(DirectColorDecision.paletteCandidates(for: "tmux-direct") == ["tmux-256color"])
        #expect(DirectColorDecision.paletteCandidates(for: "xterm") == ["xterm-256color"])
        #expect(DirectColorDecision.paletteCandidates(for: "kitty") == ["kitty-256color"])
    }
}
