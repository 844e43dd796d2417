import Testing
import SparseScapeCore
import SparseScapeEngine
@testable import SparseScapeUI

/// A network name with control characters (a hostile config, a file name) is drawn escaped, never raw.
@Suite struct UntrustedNameTests {
    static let hostile = "evil\u{1B}[2J\u{1B}]0;pwned\u{07}\nname\u{202E}"

    @Test func theTitleBarShowsTheNameEscaped() {
        var snap = Fixtures.snapshot()
        snap.name = Self.hostile
        let buf = Fixtures.render(snap, width: 160, height: 40)
        let title = buf.textLines()[0]
        #expect(title.hasPrefix(" SparseScape — evil\\u{1B}[2J\\u{1B}]0;pwned\\u{7}\\nname\\u{202E} · widths [3, 2, 3]"))
        let controls = buf.cells.filter { cell in cell.char.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0.value == 0x202E } }
        #expect(controls.isEmpty)
    }

    @Test func plainTextIsDrawnUnchanged() {
        var buf = CellBuffer(width: 20, height: 1)
        let end = buf.text(0, 0, "a\\b · λ→", fg: RGB(1, 1, 1))
        #expect(end == 8)
        #expect(buf.textLines() == ["a\\b · λ→"])
        #expect(CellBuffer.mayHoldControls("plain ascii") == false)
        #expect(CellBuffer.mayHoldControls("tab\there") == true)
    }
}
