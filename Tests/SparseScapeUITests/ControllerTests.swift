import Foundation
import Testing
import SparseScapeCore
import SparseScapeEngine
@testable import SparseScapeUI

/// Key and mouse handling through a fake engine and a fake terminal.
@Suite struct ControllerTests {
    func make(events: [InputEvent] = [], engine: FakeEngine = FakeEngine()) -> (ExplorerController, FakeEngine, FakeBackend) {
        let backend = FakeBackend(events: events)
        let c = ExplorerController(engine: engine, backend: backend, theme: .builtinDefault, glyphs: .unicode, outDir: "/tmp/out",
                                   reviveRule: "revived weights start at 0")
        return (c, engine, backend)
    }

    @Test func toggleSendsTheCurrentSelection() {
        let (c, engine, _) = make()
        #expect(c.handle(.key(.down)))
        #expect(c.handle(.key(.right)))
        #expect(c.state.selection == EdgeSelection(layer: 0, row: 1, col: 1))
        #expect(c.handle(.char("t")))
        #expect(c.handle(.key(.enter)))
        #expect(engine.commands == [.toggleEdge(layer: 0, row: 1, col: 1), .toggleEdge(layer: 0, row: 1, col: 1)])
    }

    @Test func arrowsAndVimKeysStayInsideTheLayer() {
        let (c, _, _) = make()
        for _ in 0..<5 { c.handle(.key(.down)) }
        #expect(c.state.selection == EdgeSelection(layer: 0, row: 2, col: 0))  // widths[0] = 3
        c.handle(.char("k"))
        #expect(c.state.selection.row == 1)
        c.handle(.char("j"))
        #expect(c.state.selection.row == 2)
        for _ in 0..<4 { c.handle(.key(.right)) }
        #expect(c.state.selection.col == 1)  // widths[1] = 2
        c.handle(.char("h"))
        #expect(c.state.selection.col == 0)
        c.handle(.key(.up)); c.handle(.key(.up)); c.handle(.key(.up))
        #expect(c.state.selection.row == 0)
    }

    @Test func tabMovesToTheNextLayerAndClamps() {
        let (c, _, _) = make()
        c.handle(.key(.down)); c.handle(.key(.down))  // row 2 in W1 (3 rows)
        c.handle(.key(.tab))
        #expect(c.state.selection == EdgeSelection(layer: 1, row: 1, col: 0))  // W2 has 2 rows
        c.handle(.key(.tab))
        #expect(c.state.selection.layer == 0)
    }

    @Test func keysSendTheirCommands() {
        let (c, engine, _) = make()
        for ch in " nrRp+-odfgS" { c.handle(.char(ch)) }
        #expect(engine.commands == [.toggleRunning, .step, .reset, .randomRestart, .perturb, .scaleStepSize(2), .scaleStepSize(0.5),
                                    .cycleOptimizer, .cycleDirections, .toggleFollow, .jumpToBest, .runSearch])
    }

    @Test func uiKeysChangeTheState() {
        let (c, engine, _) = make()
        c.handle(.char("L"))
        #expect(c.state.logScale)
        c.handle(.char("?"))
        #expect(c.state.showHelp)
        c.handle(.char("?"))
        #expect(!c.state.showHelp)
        #expect(engine.commands.isEmpty)
    }

    @Test func exportsReportThePathOrTheError() {
        let (c, engine, _) = make()
        c.handle(.char("e"))
        #expect(c.state.message == "exported /tmp/out/slice-1.csv")
        c.handle(.char("E"))
        #expect(c.state.message == "exported /tmp/out/history-1.csv")
        c.handle(.char("s"))
        #expect(c.state.message == "saved /tmp/out/point-1.json")
        engine.exportError = SparseScapeError("cannot write /nope/slice.csv: permission denied")
        #expect(c.handle(.char("e")))  // keeps running
        #expect(c.state.message == "cannot write /nope/slice.csv: permission denied")
        c.renderFrame()
        #expect(c.buffer.textLines().contains { $0.contains("cannot write /nope/slice.csv") })
    }

    @Test func runRendersAndEndsOnQ() {
        let (c, engine, backend) = make(events: [.char("n"), .resize(width: 90, height: 30), .char("q"), .char("n")])
        backend.size = (90, 30)
        c.run()
        #expect(engine.commands == [.step])
        #expect(backend.events == [.char("n")])  // nothing after q was read
        // The three queued events are handled in one go after the first frame: q ends the loop before another frame.
        #expect(backend.frames.count == 1)
        #expect(backend.frames.last?.width == 90)
        #expect(backend.frames.last?.textLines().first?.contains("SparseScape") == true)
    }

    @Test func aBurstOfKeysIsDrainedBeforeTheNextFrameSoQuitIsImmediate() {
        let burst = [InputEvent](repeating: .char("j"), count: 900)   // below the fake backend's 1000-poll safety net
        let (c, engine, backend) = make(events: burst + [.char("q")] + [.char("n")])
        c.run()
        #expect(backend.frames.count == 1)     // no frame per key
        #expect(backend.polls == 901)          // every queued key read once, q last
        #expect(backend.events == [.char("n")])
        #expect(engine.commands.isEmpty)
        #expect(c.state.selection.row == 2)    // j moved down to the last row of W1 (3 rows)
    }

    @Test func nothingIsRedrawnWhileNothingChanges() {
        let (c, _, backend) = make(events: [])
        c.run()   // the fake backend has no events: after 1000 empty polls it sends Ctrl-C
        #expect(backend.polls == 1001)
        #expect(backend.frames.count == 1)   // the snapshot's version never changed: one frame in 1000 polls
        #expect(c.framesDrawn == 1)
    }

    @Test func ctrlCEndsRun() {
        let (c, _, backend) = make(events: [.none, .key(.ctrlC)])
        c.run()
        #expect(backend.polls == 2)
    }

    @Test func mouseClickSelectsTheNearestEdge() throws {
        let (c, _, backend) = make()
        c.renderFrame()
        // Aim at the middle of the segment of W2[2,3] (h2 → y3) as the panel laid it out.
        let target = EdgeSelection(layer: 1, row: 1, col: 2)
        let seg = try #require(c.hitMap.segments.first { $0.edge == target })
        let mx = (seg.x0 + seg.x1) / 2, my = (seg.y0 + seg.y1) / 2
        #expect(c.handle(.mouseClick(x: mx, y: my)))
        #expect(c.state.selection == target)
        // A click far outside the network panel changes nothing.
        c.handle(.mouseClick(x: backend.size.width - 2, y: 5))
        #expect(c.state.selection == target)
    }

    @Test func selectionStaysValidAfterAMaskChange() {
        let engine = FakeEngine()
        let (c, _, _) = make(engine: engine)
        c.handle(.key(.tab)); c.handle(.key(.down)); c.handle(.key(.right)); c.handle(.key(.right))
        #expect(c.state.selection == EdgeSelection(layer: 1, row: 1, col: 2))
        // The engine prunes W2[2,3]: same widths, one weight fewer.
        let arch = try! Fixtures.theorem5Architecture.toggling(layer: 1, row: 1, col: 2)
        engine.snapshot = Fixtures.snapshot(architecture: arch, params: Array(Fixtures.params.prefix(7)))
        c.renderFrame()
        #expect(c.state.selection == EdgeSelection(layer: 1, row: 1, col: 2))
        #expect(c.buffer.textLines().contains { $0.contains("W2[2,3] = 0 (pruned)") })
        // A smaller network (another preset): the selection is clamped into it.
        let small = try! NetworkArchitecture.dense(widths: [2, 1])
        engine.snapshot = Fixtures.snapshot(architecture: small, params: [0.5, -0.5], slice: nil)
        c.renderFrame()
        #expect(c.state.selection == EdgeSelection(layer: 0, row: 1, col: 0))
        c.handle(.char("t"))
        #expect(engine.commands.last == .toggleEdge(layer: 0, row: 1, col: 0))
    }
}

/// The README's key table lists every key of the one key table (so the documentation cannot drift).
@Suite struct ReadmeKeyTableTests {
    @Test func readmeListsEveryKey() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let section = try #require(text.components(separatedBy: "## Keys\n").dropFirst().first?.components(separatedBy: "\n## ").first)
        for entry in KeyTable.helpEntries {
            #expect(section.contains("| `\(entry.label)` |"), "README's key table lacks \(entry.label)")
        }
    }

    /// The README is a short front door: under 400 lines, the key table within its first 150.
    @Test func readmeIsShortWithTheKeysNearTheTop() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("README.md")
        let lines = try String(contentsOf: readme, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count < 400, "README.md has \(lines.count) lines")
        let table = try #require(lines.firstIndex { $0.hasPrefix("| key | action |") }, "README.md has no key table")
        let end = lines[table...].firstIndex { !$0.hasPrefix("|") } ?? lines.count
        #expect(end <= 150, "README.md's key table runs from line \(table + 1) to line \(end)")
    }
}
