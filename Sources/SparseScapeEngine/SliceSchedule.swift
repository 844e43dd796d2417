import SparseScapeCore

/// What the slice panel should show: its directions, a frozen or path plane, its zoom and grid, and when to recompute.
struct SliceSchedule {
    /// Grid sizes the grid keys move through.
    static let grids = [21, 31, 41, 61, 81, 121, 161]
    /// Span factors the zoom keys move through (1 is the base span).
    static let zooms: [Double] = [0.0625, 0.125, 0.25, 0.5, 1, 2, 4, 8, 16]

    /// How directions are chosen while following the point.
    var mode = SliceDirectionMode.random
    /// The frozen plane (set by `f`, or by a computed path), when not following.
    var frozen: FrozenPlane?
    /// A minimum-energy path drawn on the frozen plane (parameter vectors, start first) and its saddle.
    var energyPath: (images: [[Double]], saddle: [Double]?)?
    /// True in basin mode (`b`): the plane is frozen and its basins are computed in the background.
    var basins = false
    /// The latest basin map and the plane it belongs to.
    var basinMap: (plane: FrozenPlane, grid: BasinGrid)?
    /// Base half-width of the plane.
    let baseSpan: Double
    /// Index into `zooms`.
    private(set) var zoomLevel = 4
    /// Points per axis.
    private(set) var grid: Int
    /// The generation and point of the last slice asked for.
    private var lastAttempt: (generation: Int, params: [Double])?

    /// A schedule with `grid` points per axis and base span `span`.
    init(grid: Int, span: Double) {
        self.grid = grid
        baseSpan = span
    }

    /// The span factor.
    var zoom: Double { Self.zooms[zoomLevel] }

    /// Zooms in (`steps` > 0: smaller span) or out; false at the end of the range.
    mutating func zoom(in steps: Int) -> Bool {
        let next = min(max(0, zoomLevel - steps), Self.zooms.count - 1)
        guard next != zoomLevel else { return false }
        if var f = frozen { f.span *= Self.zooms[next] / Self.zooms[zoomLevel]; frozen = f }
        zoomLevel = next
        lastAttempt = nil
        return true
    }

    /// A finer (`steps` > 0) or coarser grid; false at the end of the range.
    mutating func refine(_ steps: Int) -> Bool {
        let k = Self.grids.firstIndex(where: { $0 >= grid }) ?? Self.grids.count - 1
        let next = Self.grids[min(max(0, k + steps), Self.grids.count - 1)]
        guard next != grid else { return false }
        grid = next
        lastAttempt = nil
        return true
    }

    /// Forces the next check to ask for a slice.
    mutating func invalidate() { lastAttempt = nil }

    /// Follows the point again (drops a frozen or path plane, and basin mode).
    mutating func follow() {
        frozen = nil
        energyPath = nil
        basins = false
        basinMap = nil
        lastAttempt = nil
    }

    /// True when a new slice should be computed for `params` at `generation`: the command generation changed or the
    /// point moved by more than 1e-3 relative since the last one.
    func wants(_ params: [Double], generation: Int) -> Bool {
        guard let last = lastAttempt, last.generation == generation, last.params.count == params.count else { return true }
        var d2 = 0.0, c2 = 0.0
        for i in 0..<params.count { let d = params[i] - last.params[i]; d2 += d * d; c2 += last.params[i] * last.params[i] }
        return d2.squareRoot() > 1e-3 * max(c2.squareRoot(), 1e-12)
    }

    /// Notes that a slice of `params` was asked for.
    mutating func noteRequest(_ params: [Double], generation: Int) { lastAttempt = (generation, params) }
}
