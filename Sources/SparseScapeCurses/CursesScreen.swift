import CNcursesw
import Foundation
import SparseScapeCore
import SparseScapeUI

/// The ncurses session, used only from the UI thread.
///
/// Starts curses (with a direct-colour terminfo entry when the terminal offers truecolor), draws cell buffers
/// with quantised colours, reads raw input, and always restores the terminal in `close()`.
final class CursesScreen {
    private var screen: OpaquePointer?
    private let window: UnsafeMutablePointer<WINDOW>
    let quantizer: ColorQuantizer
    private let hasColor: Bool
    private var pairs: ColorPairTable
    /// The colour numbers of the frame's colours.
    private var colorMap: FrameColorMap
    private var closed = false
    private var previous: CellBuffer?
    /// The terminal's colour count (2²⁴ in direct colour).
    let colorCount: Int

    /// Starts curses on the controlling terminal (call `TerminalCheck.verify()` first), with at most `depth` colours.
    init(depth: ColorDepth) throws {
        setlocale(LC_ALL, "")
        let env = ProcessInfo.processInfo.environment
        let decision = DirectColorDecision.decide(colorterm: env["COLORTERM"], term: env["TERM"], depth: depth, terminfo: TerminfoFacts.probe)
        guard let out = fdopen(1, "w"), let inp = fdopen(0, "r") else {
            throw SparseScapeError("cannot start the terminal UI (newterm failed)")
        }
        func start(_ name: String?) -> OpaquePointer? {
            guard let name else { return newterm(nil, out, inp) }
            return name.withCString { newterm($0, out, inp) }
        }
        var started = start(decision.terminfoName)
        if started == nil, decision.terminfoName != nil { started = start(nil) }   // fall back to TERM itself
        guard let scr = started else { throw SparseScapeError("cannot start the terminal UI (newterm failed)") }
        screen = scr
        set_term(scr)
        window = sparsescape_stdscr()
        raw()            // Ctrl-C arrives as a key (3), handled as quit; SIGINT from elsewhere is still caught.
        noecho()
        keypad(window, true)
        curs_set(0)
        wtimeout(window, 16)
        mousemask(mmask_t(sparsescape_button1_events()), nil)
        mouseinterval(0)
        hasColor = has_colors()
        if hasColor {
            start_color()
            use_default_colors()
        }
        let extended = sparsescape_extended_pairs() == 1
        let colors = hasColor ? Int(sparsescape_colors()) : 0
        let overlay = Int(sparsescape_indexed_overlay())
        if colors >= ColorQuantizer.directColors && !extended {
            // Packed RGB numbers do not fit in a short: only the entry's indexed overlay colours are usable.
            colorCount = max(8, min(256, overlay))
        } else if colors < ColorQuantizer.directColors, let limit = depth.paletteLimit {
            colorCount = min(colors, limit)   // a palette depth chosen by the user (a direct TERM stays direct)
        } else {
            colorCount = colors
        }
        quantizer = ColorQuantizer(colors: colorCount, reservedIndexed: overlay > 0 ? overlay : 8)
        colorMap = FrameColorMap(quantizer: quantizer)
        let pairLimit = hasColor ? sparsescape_color_pairs() : 0
        pairs = ColorPairTable(limit: extended ? pairLimit : min(pairLimit, Int32(Int16.max)))
    }

    deinit { close() }

    /// Ends curses and restores the terminal (idempotent).
    func close() {
        guard !closed else { return }
        closed = true
        endwin()
        if let s = screen { delscreen(s); screen = nil }
    }

    /// The terminal's current size.
    var size: (width: Int, height: Int) {
        (Int(sparsescape_getmaxx(window)), Int(sparsescape_getmaxy(window)))
    }

    /// The colour pair for a cell's colours, defined on first use; nil when every pair is taken.
    private func pair(_ fg: RGB, _ bg: RGB?) -> Int32? {
        guard hasColor else { return 0 }
        let f = colorMap.index(of: fg), b = bg.map { colorMap.index(of: $0) } ?? -1
        switch pairs.pair(fg: f, bg: b) {
        case .existing(let p)?:
            return p
        case .new(let p)?:
            _ = sparsescape_init_pair(p, Int32(f), Int32(b))
            return p
        case nil:
            return nil
        }
    }

    /// Draws the cells that changed since the last frame and refreshes.
    ///
    /// When the pair table fills up it is emptied and the whole frame drawn again with fresh pairs (redefining a
    /// pair recolours the cells already showing it); a frame that alone needs more pairs than the terminal has
    /// draws the rest in the default colours.
    func draw(_ buffer: CellBuffer) {
        if hasColor, colorMap.adopt(gradients: buffer.gradients, distinct: buffer.distinctColors) { previous = nil }
        let (w, h) = size
        if previous?.width != buffer.width || previous?.height != buffer.height { werase(window); previous = nil }
        if !drawCells(buffer, width: w, height: h, fallBackWhenFull: false) {
            pairs.reset()
            previous = nil
            _ = drawCells(buffer, width: w, height: h, fallBackWhenFull: true)
        }
        previous = buffer
        wnoutrefresh(window)
        doupdate()
    }

    /// Writes the changed cells into the window; false when it ran out of colour pairs.
    ///
    /// It stops at the first cell that needs a pair when none is left, unless `fallBackWhenFull`, which draws
    /// such cells with the default pair instead.
    private func drawCells(_ buffer: CellBuffer, width w: Int, height h: Int, fallBackWhenFull: Bool) -> Bool {
        var cc = cchar_t()
        for y in 0..<min(h, buffer.height) {
            for x in 0..<min(w, buffer.width) {
                let cell = buffer[x, y]
                if let prev = previous, prev[x, y] == cell { continue }
                guard let p = pair(cell.fg, cell.bg) ?? (fallBackWhenFull ? 0 : nil) else { return false }
                var attrs: attr_t = 0
                if cell.style.contains(.bold) { attrs |= attr_t(sparsescape_a_bold()) }
                if cell.style.contains(.dim) { attrs |= attr_t(sparsescape_a_dim()) }
                if cell.style.contains(.underline) { attrs |= attr_t(sparsescape_a_underline()) }
                if cell.style.contains(.reverse) || (!hasColor && cell.bg != nil) { attrs |= attr_t(sparsescape_a_reverse()) }
                var wide: [wchar_t] = cell.char.unicodeScalars.prefix(4).map { wchar_t(bitPattern: $0.value) } + [0]
                _ = wide.withUnsafeMutableBufferPointer { sparsescape_setcchar(&cc, $0.baseAddress, attrs, p) }
                mvwadd_wch(window, Int32(y), Int32(x), &cc)
            }
        }
        return true
    }

    /// Forces a full redraw on the next frame (after a resize).
    func invalidate() {
        previous = nil
        clearok(window, true)
    }

    /// One raw input: a character, a key code, or nil after the timeout.
    enum RawInput { case char(UInt32), key(Int32) }

    /// Waits up to `milliseconds` for input.
    func read(milliseconds: Int) -> RawInput? {
        wtimeout(window, Int32(milliseconds))
        var ch: wint_t = 0
        let r = wget_wch(window, &ch)
        if r == sparsescape_key_code_yes() { return .key(Int32(ch)) }
        if r == OK { return .char(UInt32(ch)) }
        return nil
    }

    /// The last mouse event: (x, y) when it was a button-1 press or click.
    func mouse() -> (x: Int, y: Int)? {
        var x: Int32 = 0, y: Int32 = 0
        var state: UInt = 0
        guard sparsescape_get_mouse(&x, &y, &state) == 1, state & sparsescape_button1_events() != 0 else { return nil }
        return (Int(x), Int(y))
    }
}
