import Foundation

/// The loss and gradient scales of a network's data, so that tolerances mean the same at any units.
///
/// Scaling X by a and Y by b scales the loss by b² and the gradient (at the minimisers, whose weights scale like
/// (b/a)^{1/L}) by a·b·(b/a)^{(L−1)/L}. `gradientScale` = ‖XᵀY‖·(‖XᵀY‖/‖XᵀX‖)^{(L−1)/L} follows that law;
/// `lossScale` = ½‖Y‖², the loss at θ = 0. Absolute tolerances keep their meaning on data of unit size and
/// shrink with the data below it, so that tiny data cannot make every point look critical or every minimum global.
public struct ProblemScale: Sendable, Equatable {
    /// ½‖Y‖².
    public let lossScale: Double
    /// ‖XᵀY‖·(‖XᵀY‖/‖XᵀX‖)^{(L−1)/L}.
    public let gradientScale: Double
    /// ‖XᵀY‖/‖XᵀX‖, the size of the end-to-end product W₁⋯W_L (0 when X or Y vanishes).
    public let productScale: Double
    /// ‖XᵀX‖·(‖XᵀY‖/‖XᵀX‖)^{2(L−1)/L}, the size of the Hessian at the minimisers.
    public let hessianScale: Double
    /// Input features that never vary in the data (a zero column of X, e.g. a blank pixel): the rows of W₁⋯W_L
    /// that the loss cannot see.
    public let invisibleFeatures: [Int]
    /// The network's depth L.
    public let depth: Int

    /// The scales of `f`'s data.
    public init(_ f: LossFunction) {
        lossScale = 0.5 * f.statistics.targetNormSquared
        let c = f.statistics.cross.frobeniusNorm
        let g = f.statistics.gram.frobeniusNorm
        self.depth = f.architecture.depth
        let depth = Double(f.architecture.depth)
        gradientScale = c > 0 && g > 0 ? c * Foundation.pow(c / g, (depth - 1) / depth) : 0
        productScale = c > 0 && g > 0 ? c / g : 0
        hessianScale = c > 0 && g > 0 ? g * Foundation.pow(c / g, 2 * (depth - 1) / depth) : 0
        let gram = f.statistics.gram
        invisibleFeatures = (0..<gram.rows).filter { gram[$0, $0] == 0 }
    }

    /// The floor of the relative eigenvalue tolerance: eigenvalues within ±tolerance·max(floor, |λ|max) count as
    /// zero, with floor = min(1, hessianScale) (1 on data of unit size or larger, as before).
    public var eigenvalueFloor: Double { hessianScale > 0 ? min(1, hessianScale) : 1 }

    /// True when two end-to-end products are the same point: ‖P − Q‖ ≤ 10⁻⁴·max(‖P‖, min(1, productScale)).
    /// Rows of invisible features (zero columns of X) are left out on both sides: the data cannot tell them apart.
    public func sameProduct(_ p: Matrix, _ q: Matrix) -> Bool {
        var a = p, b = q
        if !invisibleFeatures.isEmpty && p.rows == q.rows && p.cols == q.cols {
            for i in invisibleFeatures where i < p.rows {
                for j in 0..<p.cols { a[i, j] = 0; b[i, j] = 0 }
            }
        }
        let size = max(a.frobeniusNorm, productScale > 0 ? min(1, productScale) : 1)
        return (a - b).frobeniusNorm <= 1e-4 * size
    }

    /// min(1, w₀) with w₀ = productScale^{1/L}, the size of one weight at balanced minimisers: absolute weight
    /// thresholds (the symmetry one) are multiplied by it, unchanged on data of unit size, shrinking with tiny weights.
    public var weightScaleFloor: Double {
        productScale > 0 ? min(1, Foundation.pow(productScale, 1 / Double(depth))) : 1
    }

    /// The gradient tolerance `tolerance`·min(1, gradientScale) (unchanged on data of unit size or larger).
    public func gradientTolerance(_ tolerance: Double) -> Double {
        gradientScale > 0 ? tolerance * min(1, gradientScale) : tolerance
    }

    /// The loss margin `tolerance`·max(|L|, 10⁻⁴·½‖Y‖²) (`tolerance`·max(1, |L|) when Y = 0).
    public func lossMargin(_ tolerance: Double, at loss: Double) -> Double {
        lossScale > 0 ? tolerance * max(abs(loss), 1e-4 * lossScale) : tolerance * max(1, abs(loss))
    }
}
