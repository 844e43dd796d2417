import SparseScapeCore

/// What the slice panel shows and when to recompute it: the slice schedule (directions, plane, zoom, grid, basin
/// mode), the latest slice with its basins, and the latest minimum-energy path.
struct LandscapeView {
    /// Directions, frozen or path plane, zoom, grid, basin mode.
    var schedule: SliceSchedule
    /// The latest slice.
    private(set) var slice: SliceSnapshot?
    /// The latest minimum-energy path to the best known minimum (dropped when the point moves on).
    private(set) var energyPath: EnergyPathSummary?

    /// A view with `grid` points per axis and base span `span`.
    init(grid: Int, span: Double) { schedule = SliceSchedule(grid: grid, span: span) }

    /// The point moved by a command: the path summary is dropped, and a plane built through the path follows again.
    mutating func pointMoved() {
        energyPath = nil
        if schedule.energyPath != nil { schedule.follow() }
    }

    /// The mask changed: the plane follows the point and the slice (old parameter order) is dropped.
    mutating func maskChanged() {
        schedule.follow()
        slice = nil
    }

    /// Shows a new slice (with the basin map when both belong to the same plane).
    mutating func show(_ s: SliceSnapshot) {
        slice = s
        attachBasins()
    }

    /// Freezes the plane of the latest slice when it has `count` parameters; false when there is no such slice.
    mutating func freezeLatest(count: Int) -> Bool {
        guard let s = slice, s.center.count == count else { return false }
        schedule.frozen = FrozenPlane(center: s.center, d1: s.d1, d2: s.d2, directions: s.directions, span: s.span)
        schedule.invalidate()
        return true
    }

    /// Leaves basin mode (the map dropped).
    mutating func basinsOff() {
        schedule.basins = false
        schedule.basinMap = nil
        slice?.basins = nil
    }

    /// Adopts a basin map computed on `plane`.
    mutating func adoptBasins(_ grid: BasinGrid, plane: FrozenPlane) {
        schedule.basinMap = (plane, grid)
        attachBasins()
    }

    /// Shows a computed path and freezes the plane through it, when one could be built.
    mutating func adoptPath(_ summary: EnergyPathSummary, plane: FrozenPlane?, images: [[Double]], saddle: [Double]?) {
        energyPath = summary
        if let plane {
            schedule.frozen = plane
            schedule.energyPath = (images, saddle)
            schedule.invalidate()
        }
    }

    /// Puts the basin map on the current slice when both belong to the same plane, with the current point's basin.
    private mutating func attachBasins() {
        guard let map = schedule.basinMap, var s = slice, s.center == map.plane.center, s.d1 == map.plane.d1,
              s.d2 == map.plane.d2 else {
            slice?.basins = nil
            return
        }
        let g = map.grid
        let n = g.alphas.count
        func index(_ v: Double) -> Int? {
            guard n > 1, map.plane.span > 0 else { return nil }
            let t = (v + map.plane.span) / (2 * map.plane.span) * Double(n - 1)
            guard t.isFinite, t >= -0.5, t <= Double(n - 1) + 0.5 else { return nil }
            return min(n - 1, max(0, Int(t.rounded())))
        }
        var current: Int?
        if let i = index(s.current.alpha), let j = index(s.current.beta) { current = g.labels[i * n + j] }
        s.basins = BasinOverlay(grid: n, labels: g.labels, basins: g.basins, current: current)
        slice = s
    }
}
