/// A key the backend decoded.
public enum KeyInput: Equatable, Sendable {
    /// A printable character (including space).
    case character(Character)
    /// Arrow up.
    case up
    /// Arrow down.
    case down
    /// Arrow left.
    case left
    /// Arrow right.
    case right
    /// Tab.
    case tab
    /// Enter / Return.
    case enter
    /// Escape.
    case escape
    /// Ctrl-C.
    case ctrlC
}

/// One input event from the terminal backend.
public enum InputEvent: Equatable, Sendable {
    /// A key press.
    case key(KeyInput)
    /// A mouse click at cell (x, y), 0-based from the top left.
    case mouseClick(x: Int, y: Int)
    /// The terminal was resized.
    case resize(width: Int, height: Int)
    /// Nothing happened (a timeout).
    case none
}
