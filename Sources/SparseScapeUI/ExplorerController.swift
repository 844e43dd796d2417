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

    /// A controller; nothing happens until `run()` or `handle(_:)`.
    public init(engine: EngineControlling, backend: TerminalBackend, theme: Theme, glyphs: GlyphSet, outDir: String, reviveRule: String) {
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
        state.normalize(for: snapshot.architecture)
        let size = backend.size
        buffer.resize(width: size.width, height: size.height)
        ExplorerScreen.render(snapshot: snapshot, state: state, theme: theme, glyphs: state.glyphs, into: &buffer,
                              reviveRule: reviveRule, hitMap: &hitMap)
        backend.present(buffer)
        framesDrawn += 1
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
            if state.showHelp, action != .quit {
                state.showHelp = false
                if action == .toggleHelp || action == .dismiss { return true }
            }
            return perform(action, arch: arch)
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
        case .dismiss:
            state.showHelp = false
            state.message = nil
        }
        return true
    }

    /// Runs an export and puts "VERB PATH" or the error's one-line message in the status line.
    private func report(_ verb: String, _ body: () throws -> String) {
        do {
            state.message = "\(verb) \(try body())"
        } catch let e as SparseScapeError {
            state.message = e.message
        } catch {
            state.message = "\(error)"
        }
    }
}
