/// A dense row-major matrix of doubles.
public struct Matrix: Equatable, Sendable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let cols: Int
    /// Entries, row by row (`data[i * cols + j]` is entry (i, j)).
    public var data: [Double]

    /// A matrix of zeros.
    public init(rows: Int, cols: Int) {
        self.rows = rows
        self.cols = cols
        self.data = [Double](repeating: 0, count: rows * cols)
    }

    /// A matrix from row-major entries; `data.count` must equal `rows * cols`.
    public init(rows: Int, cols: Int, data: [Double]) {
        precondition(data.count == rows * cols, "Matrix data has \(data.count) entries, expected \(rows * cols)")
        self.rows = rows
        self.cols = cols
        self.data = data
    }

    /// A matrix from nested rows (all of the same length).
    public init(_ nested: [[Double]]) {
        let r = nested.count
        let c = nested.first?.count ?? 0
        precondition(nested.allSatisfy { $0.count == c }, "ragged rows")
        self.init(rows: r, cols: c, data: nested.flatMap { $0 })
    }

    /// The identity matrix of size n.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, cols: n)
        for i in 0..<n { m.data[i * n + i] = 1 }
        return m
    }

    /// Entry (i, j).
    @inlinable
    public subscript(i: Int, j: Int) -> Double {
        get { data[i * cols + j] }
        set { data[i * cols + j] = newValue }
    }

    /// The rows as nested arrays.
    public var nested: [[Double]] {
        (0..<rows).map { i in Array(data[(i * cols)..<((i + 1) * cols)]) }
    }

    /// The transpose.
    public var transposed: Matrix {
        var t = Matrix(rows: cols, cols: rows)
        for i in 0..<rows { for j in 0..<cols { t.data[j * rows + i] = data[i * cols + j] } }
        return t
    }

    /// Squared Frobenius norm.
    public var frobeniusNormSquared: Double { data.reduce(0) { $0 + $1 * $1 } }

    /// True when every entry is finite.
    public var isFinite: Bool { data.allSatisfy { $0.isFinite } }

    /// The matrix product self · other.
    public func multiplied(by other: Matrix) -> Matrix {
        precondition(cols == other.rows, "shape mismatch \(rows)x\(cols) · \(other.rows)x\(other.cols)")
        var out = Matrix(rows: rows, cols: other.cols)
        data.withUnsafeBufferPointer { a in
            other.data.withUnsafeBufferPointer { b in
                out.data.withUnsafeMutableBufferPointer { c in
                    GEMM.multiply(a.baseAddress!, b.baseAddress!, c.baseAddress!,
                                  m: rows, k: cols, n: other.cols)
                }
            }
        }
        return out
    }

    /// selfᵀ · other.
    public func transposeMultiplied(by other: Matrix) -> Matrix {
        transposed.multiplied(by: other)
    }

    /// Entrywise difference.
    public static func - (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.rows == rhs.rows && lhs.cols == rhs.cols)
        return Matrix(rows: lhs.rows, cols: lhs.cols, data: zip(lhs.data, rhs.data).map { $0 - $1 })
    }

    /// Entrywise sum.
    public static func + (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.rows == rhs.rows && lhs.cols == rhs.cols)
        return Matrix(rows: lhs.rows, cols: lhs.cols, data: zip(lhs.data, rhs.data).map { $0 + $1 })
    }

    /// Scalar multiple.
    public static func * (lhs: Double, rhs: Matrix) -> Matrix {
        Matrix(rows: rhs.rows, cols: rhs.cols, data: rhs.data.map { lhs * $0 })
    }

    /// The sub-matrix made of the given rows and columns.
    public func submatrix(rows rowIndices: [Int], cols colIndices: [Int]) -> Matrix {
        var out = Matrix(rows: rowIndices.count, cols: colIndices.count)
        for (a, i) in rowIndices.enumerated() {
            for (b, j) in colIndices.enumerated() { out.data[a * colIndices.count + b] = self[i, j] }
        }
        return out
    }

    /// Trace of selfᵀ · other (the Frobenius inner product).
    public func frobeniusDot(_ other: Matrix) -> Double {
        precondition(rows == other.rows && cols == other.cols)
        var s = 0.0
        for i in 0..<data.count { s += data[i] * other.data[i] }
        return s
    }
}
