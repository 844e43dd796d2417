/// A basin map: for every point of a plane's grid, the basin its descent ends in.
public struct BasinGrid: Codable, Equatable, Sendable {
    /// The α values (the outer index).
    public var alphas: [Double]
    /// The β values (the inner index).
    public var betas: [Double]
    /// alphas.count × betas.count labels, α outer and β inner (as the slice CSV); each an index into `basins`.
    public var labels: [Int]
    /// The basins, minima first (by loss), then saddles (by loss), valleys (by limit), unconverged, diverged.
    public var basins: [Basin]

    /// A basin map.
    public init(alphas: [Double], betas: [Double], labels: [Int], basins: [Basin]) {
        self.alphas = alphas
        self.betas = betas
        self.labels = labels
        self.basins = basins
    }

    /// The basin of grid point (α index i, β index j).
    public func basin(_ i: Int, _ j: Int) -> Basin { basins[labels[i * betas.count + j]] }
}
