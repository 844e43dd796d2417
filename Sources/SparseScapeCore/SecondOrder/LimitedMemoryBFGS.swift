/// Limited-memory BFGS with a strong-Wolfe line search, for networks whose dense Hessian is too big.
///
/// The two-loop recursion over the last `memory` pairs (s, y) with the initial scaling sᵀy/yᵀy gives the direction;
/// pairs with sᵀy ≤ 10⁻¹²‖s‖‖y‖ are skipped, and a direction that is not one of descent restarts the memory. The pairs
/// live in one preallocated ring, so a step allocates nothing.
public final class LimitedMemoryBFGS: Optimizer {
    public let kind = OptimizerKind.lbfgs
    let count: Int
    let memory: Int
    let initialStep: Double
    let lineSearch: StrongWolfeLineSearch
    private let s: UnsafeMutablePointer<Double>       // memory × count, ring
    private let y: UnsafeMutablePointer<Double>
    private var rho: [Double]
    private var alphas: [Double]
    private var stored = 0, newest = -1
    private let d: UnsafeMutablePointer<Double>
    private let x0: UnsafeMutablePointer<Double>
    private let g0: UnsafeMutablePointer<Double>

    /// L-BFGS keeping `memory` pairs; the first iteration tries the step `initialStep`/‖∇L‖.
    public init(_ f: LossFunction, memory: Int = 10, initialStep: Double = 1) {
        count = f.parameterCount
        self.memory = memory
        self.initialStep = initialStep
        lineSearch = StrongWolfeLineSearch(f)
        let n = max(1, count)
        s = .allocate(capacity: memory * n); s.initialize(repeating: 0, count: memory * n)
        y = .allocate(capacity: memory * n); y.initialize(repeating: 0, count: memory * n)
        d = .allocate(capacity: n); d.initialize(repeating: 0, count: n)
        x0 = .allocate(capacity: n); x0.initialize(repeating: 0, count: n)
        g0 = .allocate(capacity: n); g0.initialize(repeating: 0, count: n)
        rho = [Double](repeating: 0, count: memory)
        alphas = [Double](repeating: 0, count: memory)
    }

    deinit { s.deallocate(); y.deallocate(); d.deallocate(); x0.deallocate(); g0.deallocate() }

    public func step(_ params: UnsafeMutablePointer<Double>, loss: inout Double, gradient: UnsafeMutablePointer<Double>) -> Bool {
        let n = count
        x0.update(from: params, count: n)
        g0.update(from: gradient, count: n)
        direction()
        var slope = 0.0
        for i in 0..<n { slope += d[i] * g0[i] }
        if !(slope < 0) {
            reset()
            direction()
            slope = 0
            for i in 0..<n { slope += d[i] * g0[i] }
        }
        guard slope < 0 else { return false }
        let gnorm = (-slope).squareRoot()
        let first = stored == 0 ? min(1, initialStep / max(gnorm, 1e-300)) : 1
        guard let accepted = lineSearch.search(x: x0, d: d, loss: loss, slope: slope, initialStep: first),
              accepted.loss <= loss else {
            if stored == 0 { return false }
            reset()   // retry once along the steepest descent
            return step(params, loss: &loss, gradient: gradient)
        }
        let g1 = lineSearch.acceptedGradient
        let slot = (newest + 1) % memory
        let sp = s + slot * n, yp = y + slot * n
        var sy = 0.0, ss = 0.0, yy = 0.0
        for i in 0..<n {
            let si = accepted.step * d[i], yi = g1[i] - g0[i]
            sp[i] = si; yp[i] = yi
            sy += si * yi; ss += si * si; yy += yi * yi
            params[i] = x0[i] + si
            gradient[i] = g1[i]
        }
        if sy > 1e-12 * (ss * yy).squareRoot() {
            rho[slot] = 1 / sy
            newest = slot
            stored = min(stored + 1, memory)
        } else if stored == memory {
            stored -= 1   // the skipped pair overwrote the oldest one
        }
        loss = accepted.loss
        return true
    }

    /// d = −H_k·g₀ by the two-loop recursion.
    private func direction() {
        let n = count
        for i in 0..<n { d[i] = g0[i] }
        var k = newest
        for _ in 0..<stored {
            let sp = s + k * n, yp = y + k * n
            var a = 0.0
            for i in 0..<n { a += sp[i] * d[i] }
            a *= rho[k]
            alphas[k] = a
            for i in 0..<n { d[i] -= a * yp[i] }
            k = (k - 1 + memory) % memory
        }
        if stored > 0 {
            let yp = y + newest * n
            var yy = 0.0
            for i in 0..<n { yy += yp[i] * yp[i] }
            let gamma = 1 / (rho[newest] * yy)
            for i in 0..<n { d[i] *= gamma }
        }
        k = (newest - stored + 1 + memory) % memory
        for _ in 0..<stored {
            let sp = s + k * n, yp = y + k * n
            var b = 0.0
            for i in 0..<n { b += yp[i] * d[i] }
            b *= rho[k]
            let c = alphas[k] - b
            for i in 0..<n { d[i] += sp[i] * c }
            k = (k + 1) % memory
        }
        for i in 0..<n { d[i] = -d[i] }
    }

    public func reset() { stored = 0; newest = -1 }
}
