import Testing
import SparseScapeCore
import SparseScapeEngine
@testable import SparseScapeUI
import SparseScapeTestSupport

/// The status line shows the theory verdict of the current mask when it fits, coloured by the typed verdict.
@Suite struct StatusTheoryTests {
    @Test func theoryVerdictAppearsWhenThereIsRoom() throws {
        var snap = SampleSnapshot.make()
        let palette = Theme.builtinDefault.palette
        snap.theory = try TheoryAssessment.assess(PresetLibrary.resolve("theorem5").lossFunction())
        var wide = CellBuffer(width: 160, height: 3)
        StatusLine.render(snapshot: snap, state: UIState(), palette: Theme.builtinDefault.palette, glyphs: .unicode,
                          into: &wide, rect: Rect(x: 0, y: 0, width: 160, height: 2))
        let line = wide.textLines()[0]
        #expect(line.contains("· Thm 5: spurious minima possible"))
        // Not benign: the warning colour, on the whole phrase.
        let x = Array(line).firstIndex(of: "T")!
        for k in 0..<5 { #expect(wide[x + k, 0].fg == palette.statusWarn) }
        // A scalar-output network is benign: the OK colour.
        snap.theory = try TheoryAssessment.assess(PresetLibrary.resolve("deep-scalar").lossFunction())
        var ok = CellBuffer(width: 160, height: 3)
        StatusLine.render(snapshot: snap, state: UIState(), palette: palette, glyphs: .unicode, into: &ok, rect: Rect(x: 0, y: 0, width: 160, height: 2))
        let okLine = ok.textLines()[0]
        let shortText = snap.theory!.shortText
        let ox = Array(okLine).count - Array(okLine.reversed()).firstIndex(where: { $0 != " " })! - shortText.count
        #expect(String(Array(okLine)[ox..<(ox + shortText.count)]) == shortText)
        #expect(ok[ox, 0].fg == palette.statusOk)
        var narrow = CellBuffer(width: 60, height: 3)
        StatusLine.render(snapshot: snap, state: UIState(), palette: Theme.builtinDefault.palette, glyphs: .unicode,
                          into: &narrow, rect: Rect(x: 0, y: 0, width: 60, height: 2))
        #expect(!narrow.textLines()[0].contains("Thm 5"))
    }
}
