import Foundation
import Testing
import SparseScapeCore
import SparseScapeEngine
@testable import SparseScapeUI

/// The message log (every event and export with its time, whole, scrollable), the status slot that shows the newest
/// message whole or points to the log, and the key line that adapts to width and context.
@Suite struct MessageLogTests {
    /// A controller over a fake engine whose clock starts at 12:00:00 UTC and advances 1 s per reading.
    final class Clock: @unchecked Sendable {
        var t = Date(timeIntervalSince1970: 12 * 3600)
        func next() -> Date { t += 1; return t }
    }

    static let utc = TimeZone(identifier: "UTC")!

    func make(engine: FakeEngine = FakeEngine(), width: Int = 120, height: Int = 40) -> (ExplorerController, FakeEngine, FakeBackend) {
        let backend = FakeBackend(width: width, height: height)
        let clock = Clock()
        let c = ExplorerController(engine: engine, backend: backend, theme: .builtinDefault, glyphs: .unicode, outDir: "/tmp/out",
                                   reviveRule: "", now: clock.next)
        return (c, engine, backend)
    }

    @Test func eventsAndExportsAreLoggedWholeWithTheirTimes() throws {
        let engine = FakeEngine()
        let (c, _, backend) = make(engine: engine)
        c.renderFrame()
        #expect(c.state.log.entries.isEmpty)
        var s = engine.snapshot
        s.event = .stepSizeChanged(optimizer: .gd, stepSize: 0.1)
        s.iteration = 42
        engine.snapshot = s
        c.renderFrame()
        c.renderFrame()   // the same event in the next snapshot is not logged again
        s.event = .refused(.zoomLimit)
        engine.snapshot = s
        c.renderFrame()
        engine.exportError = nil
        c.handle(.char("e"))
        #expect(c.state.log.entries.map(\.text) == ["step size 0.1", "the slice cannot zoom further", "exported /tmp/out/slice-1.csv"])
        #expect(c.state.log.entries.map(\.severity) == [.info, .warning, .info])
        #expect(c.state.log.entries[0].iteration == 42)
        #expect(c.state.log.entries.map { MessageLog.clock($0.time, timeZone: Self.utc) } == ["12:00:01", "12:00:02", "12:00:03"])
        // i opens it over the screen; the export path is shown whole.
        c.handle(.char("i"))
        #expect(c.state.showLog)
        c.renderFrame()
        let text = try #require(backend.frames.last).textLines().joined(separator: "\n")
        #expect(text.contains("log · 3 messages"))
        #expect(text.contains("it 42  exported /tmp/out/slice-1.csv"))
        #expect(text.contains("esc close log") || text.contains("Esc close log"))
        c.handle(.key(.escape))
        #expect(!c.state.showLog)
    }

    @Test func theLogKeepsTheNewestThousandAndScrolls() {
        var log = MessageLog()
        for k in 0..<1_005 { log.append("message \(k)", severity: .info, iteration: k, time: Date(timeIntervalSince1970: Double(k))) }
        #expect(log.entries.count == MessageLog.capacity)
        #expect(log.dropped == 5)
        #expect(log.entries.first?.text == "message 5")
        #expect(log.entries.last?.text == "message 1004")
        // Newest at the bottom; scrolled up by 3 lines the last row is the third newest.
        var state = UIState()
        state.log = log
        state.showLog = true
        let rect = LogOverlay.box(screen: Rect(x: 0, y: 0, width: 120, height: 40))
        let lastRow = rect.maxY - 2
        func lastLine(scroll: Int) -> String {
            var st = state
            st.logScroll = scroll
            return Fixtures.render(width: 120, height: 40, state: st).textLines()[lastRow]
        }
        #expect(lastLine(scroll: 0).contains("message 1004"))
        #expect(lastLine(scroll: 3).contains("message 1001"))
        let (c, _, _) = make()
        for k in 0..<50 { c.handle(.char("p")); _ = k }
        c.handle(.char("i"))
        c.handle(.key(.up)); c.handle(.key(.up)); c.handle(.char("j"))
        #expect(c.state.logScroll == 1)
        #expect(c.state.selection == EdgeSelection(layer: 0, row: 0, col: 0))   // the arrows scrolled, not selected
    }

    @Test func longMessagesWrapWholeInTheLog() {
        var log = MessageLog()
        let path = "./" + String(repeating: "very-long-directory-name/", count: 8) + "sparsescape-slice-theorem5-20261208-120000.csv"
        log.append("exported " + path, severity: .info, iteration: 7, time: Date(timeIntervalSince1970: 0))
        let lines = LogOverlay.lines(log, width: 60, timeZone: Self.utc)
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.text.count <= 60 })
        let joined = lines.map { String($0.text.dropFirst("00:00:00  it 7  ".count)) }.joined()
        #expect(joined == "exported" + path || joined == "exported " + path)
    }

    @Test func theStatusSlotShowsTheMessageWholeOrPointsToTheLog() {
        let short = "exported ./a.csv"
        #expect(StatusLine.fitted(short, 40, glyphs: .unicode) == short)
        let long = "exported ./sparsescape-slice-theorem5-20261208-120000-with-a-long-name.csv"
        let f = StatusLine.fitted(long, 40, glyphs: .unicode)
        #expect(f.count == 40)
        #expect(f.hasSuffix("… (i: log)"))
        #expect(f.hasPrefix("exported ./sparsescape-slice"))
        // On the screen at 120 columns an export path of usual length shows whole.
        let engine = FakeEngine()
        let (c, _, backend) = make(engine: engine)
        c.handle(.char("e"))
        c.renderFrame()
        let status = backend.frames.last!.textLines()[37...38].joined(separator: "\n")
        #expect(status.contains("exported /tmp/out/slice-1.csv"))
    }

    @Test func theKeyLineAdaptsToWidthAndContext() {
        for w in [80, 120, 200] {
            for context: KeyLine.Context in [.running, .paused, .stalled, .basins, .log, .help] {
                let t = KeyLine.text(width: w, context: context, running: context == .running)
                #expect(t.count <= w, "\(context) @\(w): \(t)")
                #expect(t.hasSuffix("q quit"))
            }
        }
        #expect(KeyLine.text(width: 80, context: .running, running: true).hasPrefix("space pause  >/< speed  +/- step"))
        #expect(KeyLine.text(width: 80, context: .paused, running: false).hasPrefix("space run  n step"))
        #expect(KeyLine.text(width: 80, context: .stalled, running: false).hasPrefix("v revive hint  p perturb  R restart  S search  P path"))
        #expect(KeyLine.text(width: 80, context: .basins, running: false).hasPrefix("b basins  z/Z zoom  e/E export"))
        #expect(KeyLine.text(width: 80, context: .log) == "arrows scroll  Esc close log  ? help  q quit")
        // Keys left out at 80 columns are behind "? more"; at 200 more fit.
        #expect(KeyLine.text(width: 80, context: .running, running: true).hasSuffix("? more  q quit"))
        #expect(KeyLine.fitting(width: 200, context: .running).count > KeyLine.fitting(width: 80, context: .running).count)
        // The context comes from the snapshot and the state.
        var s = Fixtures.snapshot()
        s.running = true
        s.pauseReason = nil
        s.verdict = .descending
        #expect(KeyLine.Context.of(s, state: UIState()) == .running)
        s.running = false
        s.verdict = .stalled
        #expect(KeyLine.Context.of(s, state: UIState()) == .stalled)
        #expect(KeyLine.Context.of(s, state: UIState(showHelp: true)) == .help)
        s.slice = BasinPanelTests.snapshot().slice
        #expect(KeyLine.Context.of(s, state: UIState()) == .basins)
        let bottom = Fixtures.render(s, width: 80, height: 24).textLines()[23]
        #expect(bottom.hasPrefix("b basins"), "\(bottom)")
    }
}
