/// Limited-memory BFGS with a strong-Wolfe line search, for networks whose dense Hessian is too big.
///
/// The two-loop recursion over the last `memory` pairs (s, y) with the initial scaling sᵀy/yᵀy gives the direction;
/// pairs with sᵀy ≤ 10⁻¹²‖s‖‖y‖ are skipped, and a direction that is not one of descent restarts the memory.
public final class LimitedMemoryBFGS: Optimizer {
    public let kind = OptimizerKind.lbfgs
    let f: LossFunction
    let workspace: EvaluationWorkspace
    let count: Int
    let memory: Int
    let initialStep: Double
    let lineSearch = StrongWolfeLineSearch()
    private var pairs: [(s: [Double], y: [Double], rho: Double)] = []

    /// L-BFGS keeping `memory` pairs; the first iteration tries the step `initialStep`/‖∇L‖.
    public init(_ f: LossFunction, memory: Int = 10, initialStep: Double = 1) {
        self.f = f
        workspace = f.makeWorkspace()
        count = f.parameterCount
        self.memory = memory
        self.initialStep = initialStep
    }

    public func step(_ params: UnsafeMutablePointer<Double>, loss: inout Double, gradient: UnsafeMutablePointer<Double>) -> Bool {
        let x = Array(UnsafeBufferPointer(start: params, count: count))
        let g = Array(UnsafeBufferPointer(start: gradient, count: count))
        var d = direction(g)
        var slope = zip(d, g).reduce(0) { $0 + $1.0 * $1.1 }
        if !(slope < 0) {
            pairs.removeAll()
            d = g.map { -$0 }
            slope = -g.reduce(0) { $0 + $1 * $1 }
        }
        guard slope < 0 else { return false }
        let gnorm = (-slope).squareRoot()
        let first = pairs.isEmpty ? min(1, initialStep / max(gnorm, 1e-300)) : 1
        guard let accepted = lineSearch.search(f, workspace: workspace, x: x, d: d, loss: loss, slope: slope, initialStep: first),
              accepted.loss <= loss else {
            if pairs.isEmpty { return false }
            pairs.removeAll()   // retry once along the steepest descent
            return step(params, loss: &loss, gradient: gradient)
        }
        var s = [Double](repeating: 0, count: count), y = s
        var sy = 0.0, ss = 0.0, yy = 0.0
        for i in 0..<count {
            s[i] = accepted.step * d[i]
            y[i] = accepted.gradient[i] - g[i]
            sy += s[i] * y[i]; ss += s[i] * s[i]; yy += y[i] * y[i]
        }
        if sy > 1e-12 * (ss * yy).squareRoot() {
            pairs.append((s, y, 1 / sy))
            if pairs.count > memory { pairs.removeFirst() }
        }
        for i in 0..<count { params[i] = x[i] + s[i]; gradient[i] = accepted.gradient[i] }
        loss = accepted.loss
        return true
    }

    /// −H_k·g by the two-loop recursion.
    func direction(_ g: [Double]) -> [Double] {
        var q = g
        var alphas = [Double](repeating: 0, count: pairs.count)
        for k in stride(from: pairs.count - 1, through: 0, by: -1) {
            let (s, y, rho) = pairs[k]
            var a = 0.0
            for i in 0..<count { a += s[i] * q[i] }
            a *= rho
            alphas[k] = a
            for i in 0..<count { q[i] -= a * y[i] }
        }
        if let last = pairs.last {
            var yy = 0.0
            for i in 0..<count { yy += last.y[i] * last.y[i] }
            let gamma = 1 / (last.rho * yy)
            for i in 0..<count { q[i] *= gamma }
        }
        for k in 0..<pairs.count {
            let (s, y, rho) = pairs[k]
            var b = 0.0
            for i in 0..<count { b += y[i] * q[i] }
            b *= rho
            for i in 0..<count { q[i] += s[i] * (alphas[k] - b) }
        }
        return q.map { -$0 }
    }

    public func reset() { pairs.removeAll() }
}
