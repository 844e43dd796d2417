import Testing
import SparseScapeEngine
@testable import SparseScapeUI

/// The status line shows the theory verdict of the current mask when it fits.
@Suite struct StatusTheoryTests {
    @Test func theoryVerdictAppearsWhenThereIsRoom() {
        var snap = RenderBenchmark.sampleSnapshot()
        snap.theory = "Thm 5: spurious minima possible"
        var wide = CellBuffer(width: 160, height: 3)
        StatusLine.render(snapshot: snap, state: UIState(), palette: Theme.builtinDefault.palette, glyphs: .unicode,
                          into: &wide, rect: Rect(x: 0, y: 0, width: 160, height: 2))
        #expect(wide.textLines()[0].contains("· Thm 5: spurious minima possible"))
        var narrow = CellBuffer(width: 60, height: 3)
        StatusLine.render(snapshot: snap, state: UIState(), palette: Theme.builtinDefault.palette, glyphs: .unicode,
                          into: &narrow, rect: Rect(x: 0, y: 0, width: 60, height: 2))
        #expect(!narrow.textLines()[0].contains("Thm 5"))
    }
}
