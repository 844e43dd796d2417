import Testing
@testable import SparseScapeCurses

/// Colour pairs are reused per colour combination and never exceed the terminal's pair count.
@Suite struct ColorPairTableTests {
    @Test func reusesAndBounds() {
        var t = ColorPairTable(limit: 4)   // pairs 1, 2, 3
        #expect(t.pair(fg: 5, bg: -1) == .new(1))
        #expect(t.pair(fg: 5, bg: -1) == .existing(1))
        #expect(t.pair(fg: 5, bg: 0) == .new(2))
        #expect(t.pair(fg: 0xffffff, bg: 0xfffffe) == .new(3))
        #expect(t.pair(fg: 0xffffff, bg: 0xfffffe) == .existing(3))
        #expect(t.pair(fg: 6, bg: -1) == nil)
        #expect(t.count == 3)
        t.reset()
        #expect(t.count == 0)
        #expect(t.pair(fg: 6, bg: -1) == .new(1))
    }

    @Test func directColourKeysDoNotCollide() {
        // Packed 24-bit foregrounds and backgrounds: every combination gets its own pair.
        var t = ColorPairTable(limit: 1 << 15)
        var seen = Set<Int32>()
        for fg in [0, 1, 0xff, 0x100, 0xffffff] {
            for bg in [-1, 0, 1, 0xffffff] {
                guard case .new(let p)? = t.pair(fg: fg, bg: bg) else { Issue.record("no new pair for \(fg)/\(bg)"); continue }
                #expect(seen.insert(p).inserted)
            }
        }
        #expect(t.count == 20)
    }

    @Test func degenerateLimitHandsOutNothing() {
        var t = ColorPairTable(limit: 0)
        #expect(t.pair(fg: 1, bg: 2) == nil)
    }
}
