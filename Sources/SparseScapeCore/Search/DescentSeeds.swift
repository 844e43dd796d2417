/// Points where a descent run slowed down: the places it passed near a saddle, and its end.
///
/// A descent from a random start is drawn toward index-1 saddles before it turns away from them, so the iterates at
/// which ‖∇L‖ has a local minimum along the run are good starts for Newton on ∇L = 0; the end point is a good start
/// for the minimum it reached. Used by `CriticalPointSearch` beside the raw random start.
public enum DescentSeeds {
    /// Up to `count` iterates of an L-BFGS run from `start` with the smallest local minima of ‖∇L‖ (each below a tenth
    /// of the starting ‖∇L‖), and the run's end point.
    public static func collect(_ f: LossFunction, start: [Double], maxSteps: Int = 2000, count: Int = 3) -> [[Double]] {
        let optimizer = LimitedMemoryBFGS(f)
        let ws = f.makeWorkspace()
        let n = f.parameterCount
        var params = start
        var gradient = [Double](repeating: 0, count: n)
        var loss = 0.0
        var dips: [(norm: Double, params: [Double])] = []
        params.withUnsafeMutableBufferPointer { pb in
            gradient.withUnsafeMutableBufferPointer { gb in
                let p = pb.baseAddress!, g = gb.baseAddress!
                loss = f.evaluate(p, gradient: g, workspace: ws)
                func norm() -> Double { var s = 0.0; for i in 0..<n { s += g[i] * g[i] }; return s.squareRoot() }
                let first = norm()
                var previous = first, previousPoint = start, falling = true
                for _ in 0..<maxSteps {
                    if !optimizer.step(p, loss: &loss, gradient: g) { break }
                    let current = norm()
                    if !loss.isFinite || !current.isFinite { break }
                    if falling && current > previous && previous < 0.1 * first { dips.append((previous, previousPoint)) }
                    falling = current <= previous
                    previous = current
                    previousPoint = Array(UnsafeBufferPointer(start: p, count: n))
                    if current <= 1e-10 { break }
                }
            }
        }
        var seeds = dips.sorted { $0.norm < $1.norm }.prefix(count).map(\.params)
        if params.allSatisfy({ $0.isFinite }) { seeds.append(params) }
        return seeds
    }
}
