/// Checks a point the user gave (a start, a centre, a path's endpoint) before any work is done on it.
///
/// A given point whose weights are not finite, or whose loss or gradient overflows to inf or NaN right there, is
/// bad input (exit status 2) in every command; only a failure that appears later, during a run (divergence), is a
/// numerical failure (exit status 1).
public enum GivenPointCheck {
    /// Throws a one-line error naming `role` (e.g. "--point") when `params` has the wrong size, holds a
    /// non-finite weight, or has a non-finite loss or gradient.
    public static func check(_ f: LossFunction, _ params: [Double], role: String) throws {
        guard params.count == f.parameterCount else {
            throw SparseScapeError("\(role): the point has \(params.count) parameters but the network has \(f.parameterCount) free weights")
        }
        if let k = params.firstIndex(where: { !$0.isFinite }) {
            throw SparseScapeError("\(role): parameter \(k + 1) is not finite (\(params[k]))")
        }
        let (loss, gradient) = f.lossAndGradient(params)
        guard loss.isFinite else {
            throw SparseScapeError("\(role): the loss at this point is not finite (\(loss.isNaN ? "NaN" : "\(loss)")); its weights are too large for the data")
        }
        guard gradient.allSatisfy({ $0.isFinite }) else {
            throw SparseScapeError("\(role): the gradient at this point is not finite; its weights are too large for the data")
        }
    }
}
