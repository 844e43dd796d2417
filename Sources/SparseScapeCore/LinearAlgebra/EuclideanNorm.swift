import CLapack

/// Euclidean norms that neither overflow nor underflow where the norm itself is representable (BLAS `dnrm2` scales
/// as it sums): data of size 10¹⁵⁰ have gradients whose squares overflow, though the gradients do not.
public enum EuclideanNorm {
    /// ‖v‖₂.
    public static func of(_ v: [Double]) -> Double {
        v.withUnsafeBufferPointer { of($0.baseAddress, count: v.count) }
    }

    /// ‖v‖₂ of `count` values at `v`.
    public static func of(_ v: UnsafePointer<Double>?, count: Int) -> Double {
        guard let v, count > 0 else { return 0 }
        return cblas_dnrm2(Int32(count), v, 1)
    }
}

extension Matrix {
    /// The Frobenius norm, without overflow (`EuclideanNorm`).
    public var frobeniusNorm: Double { EuclideanNorm.of(data) }
}
