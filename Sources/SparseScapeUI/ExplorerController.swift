import Foundation
import SparseScapeEngine
import SparseScapeCore

/// The terminal-independent explorer loop: snapshot → frame → backend, events → commands or UI changes.
///
/// A frame is drawn only when the engine published a new snapshot or an event changed something, and every queued
/// event is handled before the next frame (a burst of keys never delays `q`). `run()` returns when the user quits;
/// stopping the engine is left to the caller.
public final class ExplorerController {
    /// Most events handled between two frames.
    static let eventsPerFrame = 10_000

    /// The engine driven.
    public let engine: EngineControlling
    /// The terminal.
    public let backend: TerminalBackend
    /// Colours.
    public let theme: Theme
    /// Where exports and saved points go.
    public let outDir: String
    /// The revive rule shown in the help.
    public let reviveRule: String
    /// The UI's own state (selection, help, log scale, message, glyphs).
    public private(set) var state: UIState
    /// The last frame drawn.
    public private(set) var buffer = CellBuffer(width: 0, height: 0)
    /// Where the last frame drew the network's edges.
    public private(set) var hitMap = EdgeHitMap()
    /// The snapshot of the last frame.
    private var lastSnapshot: EngineSnapshot?
    /// Frames drawn (for tests: nothing is redrawn while nothing changes).
    public private(set) var framesDrawn = 0
    /// The clock the message log's times come from.
    private let now: () -> Date
    /// The engine event last put into the log (an event stays in the snapshots until the next one replaces it).
    private var loggedEvent: EngineEvent?

    /// A controller; nothing happens until `run()` or `handle(_:)`.
    public init(engine: EngineControlling, backend: TerminalBackend, theme: Theme, glyphs: GlyphSet, outDir: String, reviveRule: String,
                now: @escaping () -> Date = Date.init) {
        self.now = now
        self.engine = engine
        self.backend = backend
        self.theme = theme
        self.outDir = outDir
        self.reviveRule = reviveRule
        state = UIState(glyphs: glyphs)
    }

    /// Loops until q or Ctrl-C: draw when something changed, wait for an event, then handle every queued event.
    public func run() {
        var needsFrame = true
        while true {
            if needsFrame || engine.latestSnapshot().version != lastSnapshot?.version { renderFrame() }
            needsFrame = false
            let wait = lastSnapshot?.running == true ? 16 : 50
            guard var event = backend.nextEvent(timeoutMilliseconds: wait) else { continue }
            for _ in 0..<Self.eventsPerFrame {
                if !handle(event) { return }
                needsFrame = true
                guard let next = backend.nextEvent(timeoutMilliseconds: 0) else { break }
                event = next
            }
        }
    }

    /// Draws the engine's latest snapshot at the backend's size and presents it.
    public func renderFrame() {
        let snapshot = engine.latestSnapshot()
        lastSnapshot = snapshot
        logEvent(of: snapshot)
        state.normalize(for: snapshot.architecture)
        let size = backend.size
        buffer.resize(width: size.width, height: size.height)
        ExplorerScreen.render(snapshot: snapshot, state: state, theme: theme, glyphs: state.glyphs, into: &buffer,
                              reviveRule: reviveRule, hitMap: &hitMap)
        backend.present(buffer)
        framesDrawn += 1
    }

    /// Puts the snapshot's event into the message log when it is a new one.
    ///
    /// The snapshot carries only the latest event, so the same event repeated at once is logged once.
    public func logEvent(of snapshot: EngineSnapshot) {
        guard let e = snapshot.event else { loggedEvent = nil; return }
        guard e != loggedEvent else { return }
        loggedEvent = e
        state.log.append(EventWording.text(e), severity: e.severity, iteration: snapshot.iteration, time: now())
    }

    /// Handles one event; returns false when the explorer should quit.
    @discardableResult
    public func handle(_ event: InputEvent) -> Bool {
        let arch = (lastSnapshot ?? engine.latestSnapshot()).architecture
        state.normalize(for: arch)
        switch event {
        case .none, .resize:
            return true
        case .mouseClick(let x, let y):
            if state.showHelp { state.showHelp = false; return true }
            if let e = hitMap.edge(atX: x, y: y), e.isValid(for: arch) { state.selection = e }
            return true
        case .key(let key):
            guard let action = KeyTable.action(for: key) else { return true }
            if state.showLog, let handled = logAction(action) { return handled }
            if state.showHelp, action != .quit {
                state.showHelp = false
                if action == .toggleHelp || action == .dismiss { return true }
            }
            return perform(action, arch: arch)
        }
    }

    /// What a key does while the log is open: the arrows scroll it, Esc and `i` close it; nil for the other keys,
    /// which act as usual (the log stays open to watch their messages).
    private func logAction(_ action: KeyAction) -> Bool? {
        switch action {
        case .move(rows: let rows, cols: 0):
            state.logScroll = max(0, state.logScroll - rows)
            return true
        case .dismiss, .toggleLog:
            state.showLog = false
            state.logScroll = 0
            return true
        default:
            return nil
        }
    }

    /// Carries out one key action.
    private func perform(_ action: KeyAction, arch: NetworkArchitecture) -> Bool {
        switch action {
        case .quit:
            return false
        case .command(let c):
            state.message = nil
            engine.send(c)
        case .toggleSelectedEdge:
            state.message = nil
            let s = state.selection
            engine.send(.toggleEdge(layer: s.layer, row: s.row, col: s.col))
        case .move(let r, let c):
            state.moveSelection(rows: r, cols: c, in: arch)
        case .nextLayer:
            state.nextLayer(in: arch)
        case .exportSlice:
            report("exported") { try engine.exportSlice(directory: outDir) }
        case .exportHistory:
            report("exported") { try engine.exportHistory(directory: outDir) }
        case .savePoint:
            report("saved") { try engine.savePoint(directory: outDir) }
        case .toggleLogScale:
            state.logScale.toggle()
        case .cycleLossAxis:
            state.lossAxis = state.lossAxis.next
        case .toggleHelp:
            state.showHelp.toggle()
        case .toggleLog:
            state.showLog.toggle()
            state.logScroll = 0
        case .dismiss:
            state.showHelp = false
            state.message = nil
        }
        return true
    }

    /// Runs an export and puts "VERB PATH" or the error's one-line message in the status line and the log.
    private func report(_ verb: String, _ body: () throws -> String) {
        let severity: EventSeverity
        do {
            state.message = "\(verb) \(try body())"
            severity = .info
        } catch let e as SparseScapeError {
            state.message = e.message
            severity = .error
        } catch {
            state.message = "\(error)"
            severity = .error
        }
        let iteration = (lastSnapshot ?? engine.latestSnapshot()).iteration
        state.log.append(state.message ?? "", severity: severity, iteration: iteration, time: now())
    }
}
