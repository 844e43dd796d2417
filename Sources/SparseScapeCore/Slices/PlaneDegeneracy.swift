import Foundation

/// Checks that two slice directions span a plane: neither is zero and they are not (numerically) parallel.
///
/// With parallel directions the second one left after Gram–Schmidt is rounding noise, which `gramSchmidt` would
/// blow up to the original length: the exported plane would be meaningless, so it is refused instead.
public enum PlaneDegeneracy {
    /// Directions whose angle has a sine below this are parallel (|cos| above 1 − 5·10⁻¹⁹ in exact arithmetic).
    public static let parallelSine = 1e-9

    /// Throws a one-line error naming the directions (`first`, `second`, e.g. "--dir1", "--dir2") when the plane
    /// they span is degenerate.
    public static func check(_ d1: [Double], _ d2: [Double], first: String, second: String) throws {
        let n1 = try checkLength(d1, name: first), n2 = try checkLength(d2, name: second)
        let cos = SliceDirections.dot(d1, d2) / (n1 * n2)
        let residual = SliceDirections.norm(zip(d2, d1).map { $0 - (cos * n2 / n1) * $1 }) / n2
        if residual < parallelSine || abs(cos) >= 1 {
            throw SparseScapeError("\(second) is parallel to \(first) (cos \(String(format: "%.6f", min(1, max(-1, cos))))); the plane is degenerate")
        }
    }

    /// The length of direction `d`; throws naming it (`name`) when it is zero or not finite.
    @discardableResult
    public static func checkLength(_ d: [Double], name: String) throws -> Double {
        let n = SliceDirections.norm(d)
        guard n.isFinite else { throw SparseScapeError("\(name) is not finite") }
        guard n > 0 else { throw SparseScapeError("\(name) is zero; a slice direction needs a length") }
        return n
    }
}
