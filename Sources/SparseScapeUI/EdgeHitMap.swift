/// Where the network panel drew each weight, so a mouse click can select the nearest one.
public struct EdgeHitMap: Equatable, Sendable {
    /// A drawn edge: a segment between two node cells.
    public struct Segment: Equatable, Sendable {
        /// The weight.
        public var edge: EdgeSelection
        /// Start cell.
        public var x0: Int, y0: Int
        /// End cell.
        public var x1: Int, y1: Int
    }

    /// A matrix-view block: layer `edge.layer`'s visible window drawn with one cell per weight.
    public struct MatrixBlock: Equatable, Sendable {
        /// Layer.
        public var layer: Int
        /// Screen cell of the window's first weight.
        public var x: Int, y: Int
        /// First visible row and column.
        public var rowStart: Int, colStart: Int
        /// Visible rows and columns.
        public var rows: Int, cols: Int
    }

    /// The panel's inside (clicks elsewhere select nothing).
    public var area = Rect(x: 0, y: 0, width: 0, height: 0)
    /// Graph-view edges.
    public var segments: [Segment] = []
    /// Matrix-view blocks.
    public var blocks: [MatrixBlock] = []

    /// An empty map.
    public init() {}

    /// Forgets everything (keeping capacity).
    public mutating func reset(area: Rect) {
        self.area = area
        segments.removeAll(keepingCapacity: true)
        blocks.removeAll(keepingCapacity: true)
    }

    /// The weight nearest to cell (x, y) inside the panel (within 2 cells of a graph edge), or nil.
    public func edge(atX x: Int, y: Int) -> EdgeSelection? {
        guard area.contains(x, y) else { return nil }
        for b in blocks where x >= b.x && x < b.x + b.cols && y >= b.y && y < b.y + b.rows {
            return EdgeSelection(layer: b.layer, row: b.rowStart + (y - b.y), col: b.colStart + (x - b.x))
        }
        var best: EdgeSelection?
        var bestD = Double.infinity
        let px = Double(x), py = Double(y) * 2  // cells are about twice as tall as wide
        for s in segments {
            let ax = Double(s.x0), ay = Double(s.y0) * 2, bx = Double(s.x1), by = Double(s.y1) * 2
            let vx = bx - ax, vy = by - ay
            let len2 = vx * vx + vy * vy
            var t = len2 > 0 ? ((px - ax) * vx + (py - ay) * vy) / len2 : 0
            t = min(1, max(0, t))
            let dx = ax + t * vx - px, dy = ay + t * vy - py
            let d = dx * dx + dy * dy
            if d < bestD { bestD = d; best = s.edge }
        }
        return bestD <= 4.0 * 4.0 ? best : nil
    }
}
