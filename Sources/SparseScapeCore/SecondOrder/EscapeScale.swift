import Foundation

/// How far from the origin a point must be, balanced, before it is no longer a finite critical point but a valley
/// running to infinity.
///
/// A balanced critical point of the network has layers of size about ‖P‖^{1/L}, with P = W₁⋯W_L bounded by the
/// least-squares solution P* = (XᵀX)⁺XᵀY. Along a valley at infinity (Appendix A) the product stays bounded while
/// the weights grow without bound through cancelling paths. `farNorm` = 30·√p·max(1, ‖P*‖_F)^{1/L} separates the two
/// with a wide margin: a run whose balanced ‖θ‖ ends beyond it, with the loss still converging, is an escape.
public struct EscapeScale: Sendable {
    /// The balanced norm beyond which a point counts as running off to infinity.
    public let farNorm: Double
    public let balancing: NodeBalancing

    /// The scale of a network and its data.
    public init(_ f: LossFunction) throws {
        let ls = try SymmetricFunctions.pseudoInverse(f.statistics.gram).multiplied(by: f.statistics.cross)
        let size = max(1, ls.frobeniusNorm)
        farNorm = 30 * Double(max(1, f.parameterCount)).squareRoot() * Foundation.pow(size, 1 / Double(f.architecture.depth))
        balancing = NodeBalancing(f.architecture)
    }

    /// ‖θ‖ after balancing every hidden node (the smallest norm on the point's rescaling orbit, for two layers).
    public func balancedNorm(_ params: [Double]) -> Double {
        EuclideanNorm.of(balancing.balanced(params))
    }

    /// True when `params`, balanced, lies beyond `farNorm`.
    public func isFar(_ params: [Double]) -> Bool { balancedNorm(params) > farNorm }
}
