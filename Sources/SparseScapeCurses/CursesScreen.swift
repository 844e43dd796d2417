import CNcursesw
import Foundation
import SparseScapeCore
import SparseScapeUI

/// The ncurses session: starts curses, draws cell buffers with quantised colours, reads raw input, and always
/// restores the terminal in `close()`. Only the UI thread may use it.
final class CursesScreen {
    private var screen: OpaquePointer?
    private let window: UnsafeMutablePointer<WINDOW>
    let quantizer: ColorQuantizer
    private let hasColor: Bool
    private var pairs: [Int: Int16] = [:]
    private var nextPair: Int32 = 1
    private let maxPairs: Int32
    private var closed = false
    private var previous: CellBuffer?
    /// The terminal's colour count.
    let colorCount: Int

    /// Starts curses on the controlling terminal (call `TerminalCheck.verify()` first).
    init() throws {
        setlocale(LC_ALL, "")
        guard let out = fdopen(1, "w"), let inp = fdopen(0, "r"), let scr = newterm(nil, out, inp) else {
            throw SparseScapeError("cannot start the terminal UI (newterm failed)")
        }
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
        colorCount = hasColor ? Int(sparsescape_colors()) : 0
        maxPairs = hasColor ? sparsescape_color_pairs() : 0
        quantizer = ColorQuantizer(colors: colorCount)
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

    /// The colour pair for a foreground/background combination, allocated once on first use.
    private func pair(_ fg: RGB, _ bg: RGB?) -> Int16 {
        guard hasColor else { return 0 }
        let f = quantizer.index(of: fg), b = bg.map { quantizer.index(of: $0) } ?? -1
        let key = f * 1024 + (b + 1)
        if let p = pairs[key] { return p }
        guard nextPair < maxPairs, nextPair < Int32(Int16.max) else { return 0 }
        let p = Int16(nextPair)
        init_pair(p, Int16(f), Int16(b))
        nextPair += 1
        pairs[key] = p
        return p
    }

    /// Draws the cells that changed since the last frame and refreshes.
    func draw(_ buffer: CellBuffer) {
        let (w, h) = size
        if previous?.width != buffer.width || previous?.height != buffer.height { werase(window); previous = nil }
        var cc = cchar_t()
        for y in 0..<min(h, buffer.height) {
            for x in 0..<min(w, buffer.width) {
                let cell = buffer[x, y]
                if let prev = previous, prev[x, y] == cell { continue }
                var attrs: attr_t = 0
                if cell.style.contains(.bold) { attrs |= attr_t(sparsescape_a_bold()) }
                if cell.style.contains(.dim) { attrs |= attr_t(sparsescape_a_dim()) }
                if cell.style.contains(.underline) { attrs |= attr_t(sparsescape_a_underline()) }
                if cell.style.contains(.reverse) || (!hasColor && cell.bg != nil) { attrs |= attr_t(sparsescape_a_reverse()) }
                var wide: [wchar_t] = cell.char.unicodeScalars.prefix(4).map { wchar_t(bitPattern: $0.value) } + [0]
                _ = wide.withUnsafeMutableBufferPointer { setcchar(&cc, $0.baseAddress, attrs, pair(cell.fg, cell.bg), nil) }
                mvwadd_wch(window, Int32(y), Int32(x), &cc)
            }
        }
        previous = buffer
        wnoutrefresh(window)
        doupdate()
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
