/// The loss on a plane θ(α, β) = c + α·d₁ + β·d₂ as an exact bivariate polynomial of degree ≤ 2L.
///
/// Each layer is affine in (α, β), so W₁⋯W_L = Σ α^i β^j P_ij (i + j ≤ L) with matrix coefficients from the
/// layer products, and ½‖Y − XP‖² = ½‖Y‖² − ⟨P, XᵀY⟩ + ½⟨P, XᵀX·P⟩ is a polynomial whose coefficients follow
/// from the sufficient statistics. Computed once, each evaluation costs a few dozen flops, whatever n.
///
/// With `maxDegree` only the terms of total degree ≤ maxDegree are formed (the exact Taylor polynomial of that
/// order): the work is then O(L·maxDegree²) matrix products instead of O(L³), which is what the higher-order test
/// of a deep network needs (its orders 3 and 4).
public struct SlicePolynomial: Sendable, Equatable {
    /// Total degree bound: 2L, or the truncation order when smaller.
    public let degree: Int
    /// `coefficients[a][b]` multiplies α^a β^b (a + b ≤ degree).
    public let coefficients: [[Double]]

    /// The polynomial of the loss of `f` on the plane through `center` spanned by `d1` and `d2`.
    public init(_ f: LossFunction, center: [Double], d1: [Double], d2: [Double], maxDegree: Int? = nil) throws {
        let arch = f.architecture
        let n = arch.parameterCount
        guard center.count == n, d1.count == n, d2.count == n else {
            throw SparseScapeError("slice vectors must have \(n) entries (the network's free weights)")
        }
        guard (center + d1 + d2).allSatisfy({ $0.isFinite }) else { throw SparseScapeError("slice center or directions contain a non-finite value") }
        let c = arch.weights(from: center), u = arch.weights(from: d1), v = arch.weights(from: d2)
        let depth = arch.depth
        let deg = min(2 * depth, max(1, maxDegree ?? Int.max))
        // terms[(i, j)] = coefficient matrix of α^i β^j in the running product (dx × d_l); terms above `deg` are dropped.
        var terms: [Int: Matrix] = [Self.key(0, 0): c[0], Self.key(1, 0): u[0], Self.key(0, 1): v[0]]
        for l in 1..<max(1, depth) where depth > 1 {
            var next: [Int: Matrix] = [:]
            func add(_ i: Int, _ j: Int, _ m: @autoclosure () -> Matrix) {
                guard i + j <= deg else { return }
                let k = Self.key(i, j)
                if let e = next[k] { next[k] = e + m() } else { next[k] = m() }
            }
            for (k, q) in terms {
                let (i, j) = Self.unkey(k)
                add(i, j, q.multiplied(by: c[l]))
                add(i + 1, j, q.multiplied(by: u[l]))
                add(i, j + 1, q.multiplied(by: v[l]))
            }
            terms = next
        }
        var coef = [[Double]](repeating: [Double](repeating: 0, count: deg + 1), count: deg + 1)
        coef[0][0] = 0.5 * f.statistics.targetNormSquared
        let keys = terms.keys.sorted()
        let g = f.statistics.gram
        let gp = keys.map { g.multiplied(by: terms[$0]!) }
        for (s, ks) in keys.enumerated() {
            let (i, j) = Self.unkey(ks)
            let p = terms[ks]!
            coef[i][j] -= p.frobeniusDot(f.statistics.cross)
            for (t, kt) in keys.enumerated() {
                let (a, b) = Self.unkey(kt)
                guard i + a + j + b <= deg else { continue }
                coef[i + a][j + b] += 0.5 * p.frobeniusDot(gp[t])
            }
            _ = s
        }
        degree = deg
        coefficients = coef
        guard coef.allSatisfy({ $0.allSatisfy { $0.isFinite } }) else {
            throw SparseScapeError("the slice polynomial overflowed (center or directions too large)")
        }
    }

    /// A polynomial from its coefficients (for tests and 1-D restrictions).
    public init(degree: Int, coefficients: [[Double]]) {
        self.degree = degree
        self.coefficients = coefficients
    }

    static func key(_ i: Int, _ j: Int) -> Int { i * 1024 + j }
    static func unkey(_ k: Int) -> (Int, Int) { (k / 1024, k % 1024) }

    /// The loss at (α, β).
    public func value(_ alpha: Double, _ beta: Double) -> Double {
        var total = 0.0
        var ap = 1.0
        for a in 0...degree {
            var inner = 0.0
            var bp = 1.0
            for b in 0...(degree - a) { inner += coefficients[a][b] * bp; bp *= beta }
            total += inner * ap
            ap *= alpha
        }
        return total
    }

    /// The loss on a grid: `values[i * betas.count + j]` at (alphas[i], betas[j]) — α outer, β inner.
    public func grid(alphas: [Double], betas: [Double]) -> [Double] {
        let d = degree
        // inner[j][a] = Σ_b c[a][b] β_j^b, then value = Σ_a α^a inner[j][a].
        var inner = [Double](repeating: 0, count: betas.count * (d + 1))
        for (j, beta) in betas.enumerated() {
            for a in 0...d {
                var s = 0.0, bp = 1.0
                for b in 0...(d - a) { s += coefficients[a][b] * bp; bp *= beta }
                inner[j * (d + 1) + a] = s
            }
        }
        var out = [Double](repeating: 0, count: alphas.count * betas.count)
        out.withUnsafeMutableBufferPointer { o in
            inner.withUnsafeBufferPointer { inn in
                for (i, alpha) in alphas.enumerated() {
                    var powers = [Double](repeating: 1, count: d + 1)
                    for a in 1...max(1, d) where a <= d { powers[a] = powers[a - 1] * alpha }
                    for j in 0..<betas.count {
                        var s = 0.0
                        let base = j * (d + 1)
                        for a in 0...d { s += powers[a] * inn[base + a] }
                        o[i * betas.count + j] = s
                    }
                }
            }
        }
        return out
    }

    /// The coefficients of t ↦ L(c + t·d₁) (β = 0), lowest degree first.
    public var alongFirstDirection: [Double] { (0...degree).map { coefficients[$0][0] } }
}

/// The grid coordinates −span + 2·span·i/(grid − 1), i = 0…grid−1.
public func sliceAxis(span: Double, count: Int) -> [Double] {
    if count == 1 { return [0] }
    return (0..<count).map { -span + 2 * span * Double($0) / Double(count - 1) }
}
