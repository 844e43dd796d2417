import SparseScapeCore

/// Basins of attraction on the slice's plane, at a coarser grid than the slice: which certified minimum (or valley,
/// or no convergence) descent from each grid point reaches.
public struct BasinOverlay: Equatable, Sendable {
    /// Points per axis (the grid spans the slice's ±span).
    public var grid: Int
    /// `labels[i * grid + j]` at (α_i, β_j), an index into `basins`.
    public var labels: [Int]
    /// The basins, minima by loss first.
    public var basins: [Basin]
    /// The basin of the grid point nearest to the current point (the stall's basin), when inside the plane.
    public var current: Int?
    /// The basin of the lowest minimum.
    public var lowest: Int?

    /// An overlay of `grid` × `grid` labels.
    public init(grid: Int, labels: [Int], basins: [Basin], current: Int?) {
        self.grid = grid
        self.labels = labels
        self.basins = basins
        self.current = current
        lowest = basins.indices.filter { basins[$0].kind == .minimum }.min { (basins[$0].loss ?? .infinity) < (basins[$1].loss ?? .infinity) }
    }
}
