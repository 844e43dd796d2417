/// The search policy every multi-start search uses unless told otherwise (`search`, `certify`, sweeps, the explorer).
///
/// Measured by `bench/search_vs_scipy.py` on 30 seeded random sparse networks (d_y = 2, 3; depth 2, 3; 7–23 free
/// weights) with 64 starts each, every run finished by the Newton polish: L-BFGS found the lowest minimum on 30/30 in
/// 2.1 s in all, armijo also on 30/30 but in 14 s, newton (as the first phase) in 29 s; bcd applies to few networks.
/// L-BFGS with a 3,000-step budget is the default: the polish, not the budget, brings each run to machine precision.
public enum SearchDefaults {
    /// The default first-phase optimizer.
    public static let optimizer = OptimizerKind.lm

    /// The default step budget of one run of `kind` (sweeps for bcd, iterations for newton).
    public static func steps(for kind: OptimizerKind) -> Int {
        switch kind {
        case .bcd: return 2000
        case .lbfgs: return 3000
        case .newton: return 300
        case .lm: return 1000
        case .gd, .armijo, .momentum, .adam: return 20000
        }
    }
}
