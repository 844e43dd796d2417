/// What the explorer needs from a terminal: its size, a way to show a frame, and input events.
///
/// The ncurses backend implements it; tests use a fake.
public protocol TerminalBackend: AnyObject {
    /// The current size in cells.
    var size: (width: Int, height: Int) { get }
    /// Shows a frame (the backend diffs it against the previous one).
    func present(_ buffer: CellBuffer)
    /// Waits up to `timeoutMilliseconds` for an event; nil (or `.none`) when nothing happened.
    func nextEvent(timeoutMilliseconds: Int) -> InputEvent?
}
