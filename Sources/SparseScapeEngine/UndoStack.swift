import SparseScapeCore

/// The mask changes that `u` can undo, newest last: the edges changed and the mask and point just before.
struct UndoStack {
    /// Largest number of toggles remembered.
    static let capacity = 64

    /// One undoable mask change.
    struct Entry {
        /// The toggled or pruned edges.
        var edges: [EdgePosition]
        /// The architecture before the toggle.
        var architecture: NetworkArchitecture
        /// The point before the toggle (in that architecture's order).
        var params: [Double]
    }

    private(set) var entries: [Entry] = []

    /// Remembers a toggle (the oldest is forgotten beyond `capacity`).
    mutating func push(_ e: Entry) {
        entries.append(e)
        if entries.count > Self.capacity { entries.removeFirst() }
    }

    /// The newest toggle, removed.
    mutating func pop() -> Entry? { entries.popLast() }

    /// Forgets every toggle (reset).
    mutating func clear() { entries.removeAll() }

    /// True when there is something to undo.
    var canUndo: Bool { !entries.isEmpty }
}
