import CNcursesw
import SparseScapeUI

/// The ncurses implementation of `TerminalBackend`: the only place that touches curses (on the UI thread).
public final class CursesTerminal: TerminalBackend {
    private let screen: CursesScreen

    /// Starts curses with at most `depth` colours (`DirectColorDecision`); call `TerminalCheck.verify()` and
    /// `SignalMonitor.install()` first.
    public init(depth: ColorDepth = .auto) throws { screen = try CursesScreen(depth: depth) }

    /// The terminal's colour count: 2²⁴ with direct (24-bit) colour, else 256, 16, 8 or 0.
    public var colorCount: Int { screen.colorCount }

    /// Restores the terminal (idempotent).
    public func close() { screen.close() }

    public var size: (width: Int, height: Int) { screen.size }

    public func present(_ buffer: CellBuffer) { screen.draw(buffer) }

    public func nextEvent(timeoutMilliseconds: Int) -> InputEvent? {
        // A termination signal ends the session through the normal quit path (terminal restored, threads joined).
        if SignalMonitor.received != nil { return .key(.ctrlC) }
        guard let raw = screen.read(milliseconds: timeoutMilliseconds) else {
            return SignalMonitor.received != nil ? .key(.ctrlC) : nil
        }
        switch raw {
        case .char(let c):
            switch c {
            case 3: return .key(.ctrlC)
            case 9: return .key(.tab)
            case 10, 13: return .key(.enter)
            case 27: return .key(.escape)
            default:
                guard let scalar = Unicode.Scalar(c) else { return nil }
                return .key(.character(Character(scalar)))
            }
        case .key(let k):
            switch k {
            case sparsescape_key_up(): return .key(.up)
            case sparsescape_key_down(): return .key(.down)
            case sparsescape_key_left(): return .key(.left)
            case sparsescape_key_right(): return .key(.right)
            case sparsescape_key_enter(): return .key(.enter)
            case sparsescape_key_btab(): return .key(.tab)
            case sparsescape_key_resize():
                screen.invalidate()
                let (w, h) = screen.size
                return .resize(width: w, height: h)
            case sparsescape_key_mouse():
                guard let m = screen.mouse() else { return nil }
                return .mouseClick(x: m.x, y: m.y)
            default: return nil
            }
        }
    }
}
