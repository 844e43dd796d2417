/// Steihaug–Toint truncated conjugate gradients for the trust-region subproblem on Hessian-vector products.
///
/// For networks whose dense Hessian is too large to decompose at every step: CG on H·s = −g from s = 0, stopped at
/// the boundary ‖s‖ = Δ, along a direction of negative curvature, when the residual falls below
/// min(½, √‖g‖)·‖g‖ (superlinear convergence near a non-degenerate minimum), or after `maxIterations` (default 2p;
/// `TrustRegionNewton` caps it so that one step stays short on large networks).
public enum SteihaugCG {
    /// The step and the model's predicted reduction −(gᵀs + ½sᵀHs).
    public static func solve(_ h: HessianOperator, gradient g: [Double], radius: Double,
                             maxIterations: Int? = nil) -> (step: [Double], predictedReduction: Double, onBoundary: Bool) {
        let p = g.count
        let gnorm = dot(g, g).squareRoot()
        var z = [Double](repeating: 0, count: p)
        if gnorm == 0 { return (z, 0, false) }
        var r = g
        var d = g.map { -$0 }
        var hd = [Double](repeating: 0, count: p)
        let tolerance = min(0.5, gnorm.squareRoot()) * gnorm
        var boundary = false
        var rr = dot(r, r)
        for _ in 0..<(maxIterations ?? max(10, 2 * p)) {
            apply(h, d, &hd)
            let dhd = dot(d, hd)
            if dhd <= 0 {
                z = toBoundary(z, d, radius); boundary = true; break
            }
            let alpha = rr / dhd
            let next = (0..<p).map { z[$0] + alpha * d[$0] }
            if dot(next, next).squareRoot() >= radius {
                z = toBoundary(z, d, radius); boundary = true; break
            }
            z = next
            for i in 0..<p { r[i] += alpha * hd[i] }
            let rrNext = dot(r, r)
            if rrNext.squareRoot() <= tolerance { break }
            let beta = rrNext / rr
            rr = rrNext
            for i in 0..<p { d[i] = -r[i] + beta * d[i] }
        }
        apply(h, z, &hd)
        let pred = -(dot(g, z) + 0.5 * dot(z, hd))
        return (z, max(pred, 0), boundary)
    }

    /// z + τd with τ > 0 and ‖z + τd‖ = Δ.
    static func toBoundary(_ z: [Double], _ d: [Double], _ radius: Double) -> [Double] {
        let a = dot(d, d), b = 2 * dot(z, d), c = dot(z, z) - radius * radius
        guard a > 0 else { return z }
        let tau = (-b + max(0, b * b - 4 * a * c).squareRoot()) / (2 * a)
        return (0..<z.count).map { z[$0] + tau * d[$0] }
    }

    static func apply(_ h: HessianOperator, _ v: [Double], _ out: inout [Double]) {
        v.withUnsafeBufferPointer { vp in out.withUnsafeMutableBufferPointer { op in h.apply(vp.baseAddress!, into: op.baseAddress!) } }
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for i in 0..<a.count { s += a[i] * b[i] }
        return s
    }
}
