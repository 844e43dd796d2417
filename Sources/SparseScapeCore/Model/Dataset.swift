/// Training data: inputs X (n × dx) and targets Y (n × dy).
public struct Dataset: Equatable, Sendable {
    /// Inputs, one sample per row.
    public let x: Matrix
    /// Targets, one sample per row.
    public let y: Matrix

    /// Validates shapes and finiteness.
    public init(x: Matrix, y: Matrix) throws {
        guard x.rows >= 1, x.cols >= 1 else { throw SparseScapeError("X must have at least one row and one column") }
        guard y.cols >= 1 else { throw SparseScapeError("Y must have at least one column") }
        guard x.rows == y.rows else { throw SparseScapeError("X has \(x.rows) rows but Y has \(y.rows); they must have one row per sample") }
        if let bad = x.data.firstIndex(where: { !$0.isFinite }) {
            throw SparseScapeError("X contains a non-finite value (\(x.data[bad])) at row \(bad / x.cols + 1), column \(bad % x.cols + 1)")
        }
        if let bad = y.data.firstIndex(where: { !$0.isFinite }) {
            throw SparseScapeError("Y contains a non-finite value (\(y.data[bad])) at row \(bad / y.cols + 1), column \(bad % y.cols + 1)")
        }
        self.x = x
        self.y = y
    }

    /// Number of samples n.
    public var sampleCount: Int { x.rows }
}
