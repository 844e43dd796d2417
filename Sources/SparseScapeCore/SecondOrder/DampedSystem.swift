import Foundation

/// The linear systems (M + μ·D)·x = b of damped second-order steps, with M the Gauss–Newton matrix or the Hessian at
/// one point and D Marquardt's scaling (M's diagonal for Gauss–Newton, floored).
///
/// Up to `denseLimit` free weights M is formed and each μ costs one Cholesky factorisation (LAPACK `dpotrf`), so every
/// solve is exact; above, M is applied as an operator (`HessianOperator`, a few GEMMs per product) and solves run
/// preconditioned conjugate gradients with the preconditioner diag(M) + μ·D. Marquardt's D makes the step independent
/// of the units of each weight (a feature of X measured in grams or kilograms gives the same path).
struct DampedSystem {
    /// Largest number of free weights for which M is formed and factored.
    static let denseLimit = 2500

    /// M itself, formed or as products.
    private enum Storage {
        case dense(Matrix)
        case product(HessianOperator)
    }
    private let storage: Storage
    /// Marquardt's scaling D (positive).
    let scaling: [Double]
    /// diag(M).
    private let diagonal: [Double]

    /// The system of the Gauss–Newton matrix (`gaussNewton`) or of the Hessian at `params`; nil when M is not finite.
    /// `scaling`, when given, is a scaling D to keep where it exceeds this point's (Moré's rule: D never shrinks along
    /// a run, so a hidden node that dies on the way keeps the scale it had).
    init?(_ f: LossFunction, at params: [Double], products: LayerProducts, gaussNewton: Bool, scaling earlier: [Double]? = nil) {
        let p = f.parameterCount
        let gnDiagonal = f.gaussNewtonDiagonal(products)
        let top = gnDiagonal.max() ?? 0
        guard top.isFinite else { return nil }
        let natural = Self.naturalScaling(f)
        scaling = (0..<p).map { i in max(gnDiagonal[i], natural[i], earlier?[i] ?? 0, 1e-12 * top, Double.leastNormalMagnitude) }
        if p <= Self.denseLimit, let m = try? (gaussNewton ? f.gaussNewtonMatrix(params) : f.hessian(params)) {
            guard m.isFinite else { return nil }
            storage = .dense(m)
            diagonal = (0..<p).map { m[$0, $0] }
        } else {
            let op = HessianOperator(f, at: params, gaussNewton: gaussNewton)
            storage = .product(op)
            // The Hessian's diagonal is the Gauss–Newton one: its residual terms couple different layers only.
            diagonal = gnDiagonal
        }
    }

    /// A floor for D from the problem's own scale: (10⁻²·J_i)² with J_i the column norm weight i would have at balanced
    /// weights of the size of the least-squares fit, w₀ = (‖C‖/‖G‖)^{1/L}: √G_aa·w₀^{L−1} for a first-layer weight
    /// out of feature a, √(‖G‖/dx)·w₀^{L−1} for the others. Where the Jacobian vanishes (a dead hidden node, θ = 0) the
    /// raw Gauss–Newton diagonal would make D, and the damping it carries, vanish with it.
    static func naturalScaling(_ f: LossFunction) -> [Double] {
        let arch = f.architecture
        let g = f.statistics.gramNorm, c = f.statistics.crossNorm
        let depth = Double(arch.depth)
        guard g > 0, c > 0 else { return [Double](repeating: 0, count: f.parameterCount) }
        let inner = Foundation.pow(c / g, (depth - 1) / depth)
        var out = [Double](repeating: 0, count: f.parameterCount)
        for l in 0..<arch.depth {
            let cols = arch.widths[l + 1]
            let off = arch.parameterOffsets[l]
            for (k, pos) in arch.freePositions[l].enumerated() {
                let column = l == 0 ? f.statistics.gram[pos / cols, pos / cols].squareRoot() : (g / Double(arch.inputWidth)).squareRoot()
                let j = 1e-2 * column * inner
                out[off + k] = j * j
            }
        }
        return out
    }

    /// True when solves are exact (M formed and factored).
    var isDense: Bool { if case .dense = storage { return true } else { return false } }

    /// A solver of (M + μD)·x = b, or nil when M + μD is not positive definite (detected by Cholesky, or by conjugate
    /// gradients meeting non-positive curvature on the right-hand side it is asked about).
    func solver(damping mu: Double) -> ((_ b: [Double], _ tolerance: Double) -> [Double]?)? {
        switch storage {
        case .dense(let m):
            var a = m
            let p = a.rows
            for i in 0..<p { a[i, i] += mu * scaling[i] }
            guard let chol = CholeskyFactor(a) else { return nil }
            return { b, _ in chol.solve(b) }
        case .product(let op):
            let p = scaling.count
            let pre = (0..<p).map { max(diagonal[$0] + mu * scaling[$0], Double.leastNormalMagnitude) }
            let d = scaling
            return { b, tolerance in
                let r = ConjugateGradient.solve(b, diagonal: pre, tolerance: tolerance, maxIterations: min(max(50, p), 500)) { v, out in
                    op.apply(v, into: out)
                    for i in 0..<p { out[i] += mu * d[i] * v[i] }
                }
                return r.negativeCurvature ? nil : r.x
            }
        }
    }

    /// M·v.
    func apply(_ v: [Double]) -> [Double] {
        switch storage {
        case .dense(let m):
            var out = [Double](repeating: 0, count: v.count)
            m.data.withUnsafeBufferPointer { mp in
                v.withUnsafeBufferPointer { vp in
                    out.withUnsafeMutableBufferPointer { op in
                        GEMM.general(mp.baseAddress!, transA: false, vp.baseAddress!, transB: false, op.baseAddress!,
                                     m: v.count, k: v.count, n: 1, alpha: 1, beta: 0)
                    }
                }
            }
            return out
        case .product(let op):
            return op.apply(v)
        }
    }

    /// ‖v‖_D = √(Σ Dᵢvᵢ²).
    func scaledNorm(_ v: [Double]) -> Double {
        var s = 0.0
        for i in 0..<v.count { s += scaling[i] * v[i] * v[i] }
        return s.squareRoot()
    }
}
