/// How each grid point of a basin map is descended: the optimizer, its step budget, and whether the Newton polish
/// (and the escape test that comes with it) finishes every run, as in `search`.
public struct BasinSettings: Codable, Equatable, Sendable {
    /// The first-phase optimizer run from every grid point.
    public var optimizer: OptimizerSettings
    /// Its step budget (sweeps for bcd, iterations for newton).
    public var maxSteps: Int
    /// True: every run is finished like a search run (`RunFinisher`: Newton polish, escape test, valley probe).
    /// False: the optimizer's end point is judged as it is (critical when its ‖∇L‖ is within the certification
    /// tolerance, a valley when its balanced norm is beyond the escape scale, else unconverged).
    public var polish: Bool

    /// By default L-BFGS for 3,000 steps, then the search's finish: the basins of a gradient-based descent (the
    /// search's own Levenberg–Marquardt reaches the same points in far fewer steps, but its steps cross basins
    /// a descent would not).
    public init(optimizer: OptimizerSettings = try! OptimizerSettings(kind: .lbfgs),
                maxSteps: Int = SearchDefaults.steps(for: .lbfgs), polish: Bool = true) {
        self.optimizer = optimizer
        self.maxSteps = maxSteps
        self.polish = polish
    }
}
