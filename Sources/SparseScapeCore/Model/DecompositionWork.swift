/// The largest dense decomposition (SVD or eigendecomposition) SparseScape starts, said up front when exceeded.
///
/// A dense SVD of an m × n matrix costs about 4·m·n·min(m, n) flops. Networks whose certificate would need more than
/// `maximumFlops` (about an hour on one core) are refused before the work starts, with the size and the estimate,
/// instead of running for hours: e.g. the symmetry basis of a 20,000-layer chain of width 1.
public enum DecompositionWork {
    /// The largest estimated cost started (flops).
    public static let maximumFlops = 1e13

    /// The estimated flops of a dense SVD of a `rows` × `cols` matrix.
    public static func svdFlops(rows: Int, cols: Int) -> Double {
        4 * Double(rows) * Double(cols) * Double(min(rows, cols))
    }

    /// Throws when the SVD that `what` needs would exceed `maximumFlops`.
    public static func require(rows: Int, cols: Int, for what: String) throws {
        let flops = svdFlops(rows: rows, cols: cols)
        guard flops > maximumFlops else { return }
        throw SparseScapeError("\(what) needs a dense SVD of \(rows) × \(cols) (about \(NumberFormat.g(flops, 2)) flops, hours of work); SparseScape does not start work above \(NumberFormat.g(maximumFlops, 2)) flops: use a smaller network")
    }
}
