import Foundation

/// How close a point is to critical, in a measure free of units, and what double precision resolves there: the one
/// notion behind "converged", "critical" and "zero" in every command and the explorer.
///
/// The gradient of weight i is g_i = J_iᵀr, with r = X·W₁⋯W_L − Y the residual and J_i = ∂(X·W₁⋯W_L)/∂θ_i its
/// column of the Jacobian, so |g_i| ≤ ‖J_i‖·‖r‖. The relative gradient max_i |g_i| / (‖J_i‖·‖r‖) is the largest cosine
/// between the residual and a weight's direction of change: it lies in [0, 1], is 0 exactly at a critical point, and
/// does not change when a feature of X, the targets Y, a hidden node's in and out weights or a whole layer change
/// units (‖J_i‖ is the square root of the Gauss–Newton diagonal, Marquardt's scaling). ‖r‖ is floored at what the loss
/// resolves (√(2·lossResolution)), so a zero-residual fit is not judged by rounding noise; ‖J_i‖ is floored at 10⁻⁴ of
/// the Jacobian's natural size √‖G‖·(‖C‖/‖G‖)^((L−1)/L) (‖J_i‖ at balanced weights of the least-squares fit's size),
/// so that where the Jacobian itself vanishes (θ = 0 of a deep network, a saddle every multilayer network has, or a
/// blank pixel's weights) the gradient is measured against the problem's own scale rather than against zero.
public struct NumericalResolution: Sendable, Equatable {
    /// Unit roundoff of double precision (2⁻⁵³).
    public static let unitRoundoff = Double.ulpOfOne / 2
    /// Relative gradient at or below which a point is critical unless told otherwise: 10⁻⁷, about the square root of
    /// the unit roundoff. A descent judged by the loss alone (a line search, or an optimizer that stalls when the loss
    /// stops falling) resolves the loss to ε and so its gradient only to about √ε; Newton's polish goes on to 10⁻¹⁵.
    public static let criticalGradient = 1e-7
    /// Relative gradient below which a descent no longer tells where it goes (about 10⁴ units of roundoff).
    public static let roundingGradient = 1e-12

    /// ‖J_i‖ for every free weight, floored as described above.
    public let columnNorms: [Double]
    /// ‖r‖ = √(2L), floored at √(2·lossResolution).
    public let residualNorm: Double
    /// What double precision resolves in the loss here: 64 units of roundoff of the size of its terms,
    /// ½‖Y‖² + |⟨P, C⟩| + ½⟨P, GP⟩ + Π‖W_k‖·‖GP − C‖ (P = W₁⋯W_L is computed to about ε·Π‖W_k‖).
    public let lossResolution: Double

    /// The resolution at `params` in `f`.
    public init(_ f: LossFunction, at params: [Double]) {
        self.init(f, products: LayerProducts(f, params))
    }

    /// The resolution at the point whose layer products are at hand.
    public init(_ f: LossFunction, products: LayerProducts) {
        let p = products.endToEnd, r = products.residualGradient
        var layers = 1.0
        for w in products.weights { layers *= w.frobeniusNorm }
        let pc = p.frobeniusDot(f.statistics.cross)
        let fitted = p.frobeniusDot(r + f.statistics.cross)  // ⟨P, GP⟩
        let magnitude = 0.5 * f.statistics.targetNormSquared + abs(pc) + 0.5 * abs(fitted) + layers * r.frobeniusNorm
        lossResolution = 64 * Self.unitRoundoff * magnitude
        let loss = max(0, 0.5 * (f.statistics.targetNormSquared - 2 * pc + fitted))
        residualNorm = max((2 * loss).squareRoot(), (2 * lossResolution).squareRoot())
        let diagonal = f.gaussNewtonDiagonal(products)
        let top = (diagonal.max() ?? 0).squareRoot()
        let g = f.statistics.gramNorm, c = f.statistics.crossNorm
        let depth = Double(f.architecture.depth)
        let natural = g > 0 && c > 0 ? g.squareRoot() * Foundation.pow(c / g, (depth - 1) / depth) : 0
        let floor = max(1e-4 * natural, 1e-12 * top, Double.leastNormalMagnitude)
        columnNorms = diagonal.map { max($0.squareRoot(), floor) }
    }

    /// max_i |g_i| / (‖J_i‖·‖r‖), in [0, 1] up to rounding.
    public func relativeGradient(_ gradient: [Double]) -> Double {
        gradient.withUnsafeBufferPointer { relativeGradient($0.baseAddress!) }
    }

    /// The same for a gradient given as a pointer.
    public func relativeGradient(_ gradient: UnsafePointer<Double>) -> Double {
        var worst = 0.0
        for i in 0..<columnNorms.count { worst = max(worst, abs(gradient[i]) / columnNorms[i]) }
        return worst / residualNorm
    }

    /// True when the gradient is zero to `tolerance` (relative, as `relativeGradient`).
    public func isCritical(_ gradient: [Double], tolerance: Double = NumericalResolution.criticalGradient) -> Bool {
        relativeGradient(gradient) <= tolerance
    }

    /// The relative gradient at `params` (its own products and gradient).
    public static func relativeGradient(_ f: LossFunction, at params: [Double]) -> Double {
        NumericalResolution(f, at: params).relativeGradient(f.gradient(params))
    }

    /// What double precision resolves in the eigenvalues of a p × p Hessian whose largest |eigenvalue| is
    /// `spectralRadius`: 16·√p units of roundoff of it (LAPACK's backward error, with the rounding of the Hessian's
    /// own entries).
    public static func eigenvalueResolution(spectralRadius: Double, dimension p: Int) -> Double {
        16 * Double(max(1, p)).squareRoot() * unitRoundoff * spectralRadius
    }
}
