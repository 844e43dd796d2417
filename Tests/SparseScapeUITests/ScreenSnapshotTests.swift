import Testing
import SparseScapeCore
import SparseScapeEngine
@testable import SparseScapeUI

/// Whole-screen text (and colour) snapshots of the theorem5 fixture at three sizes.
@Suite struct ScreenSnapshotTests {
    @Test(arguments: [(80, 24), (120, 40), (200, 60)])
    func screenText(size: (Int, Int)) {
        let state = UIState(selection: EdgeSelection(layer: 0, row: 1, col: 0))
        let buf = Fixtures.render(width: size.0, height: size.1, state: state)
        #expect(buf.textLines().count == size.1)
        SnapshotAssert.check(buf.textLines().joined(separator: "\n") + "\n", named: "screen-\(size.0)x\(size.1)")
    }

    @Test func screenColors120x40() {
        let state = UIState(selection: EdgeSelection(layer: 0, row: 1, col: 0))
        let buf = Fixtures.render(width: 120, height: 40, state: state)
        SnapshotAssert.check(buf.colorDump(), named: "screen-120x40-colors")
    }

    @Test func asciiScreen80x24() {
        let state = UIState(selection: EdgeSelection(layer: 1, row: 0, col: 2), glyphs: .ascii)
        let buf = Fixtures.render(width: 80, height: 24, state: state, glyphs: .ascii)
        let text = buf.textLines().joined(separator: "\n") + "\n"
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
        SnapshotAssert.check(text, named: "screen-80x24-ascii")
    }

    @Test func helpOverlay100x34() {
        let buf = Fixtures.render(width: 100, height: 34, state: UIState(showHelp: true),
                                  reviveRule: "a revived weight starts at 0 and the optimizer keeps running.")
        SnapshotAssert.check(buf.textLines().joined(separator: "\n") + "\n", named: "help-100x34")
    }
}
