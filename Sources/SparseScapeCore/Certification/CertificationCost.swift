/// Whether the certificate of a network can be computed at all, decided from its masks before any training.
///
/// The symmetry analysis is the part whose size does not follow from the weights alone: up to p × (mixings) tangent
/// vectors (dense path, p ≤ `Certifier.denseSpectrumParameterLimit`), or SVD blocks over the connected groups of
/// tangents with overlapping supports (Lanczos path). With every weight non-zero — as at a random start — these
/// are their largest sizes, so `require` refuses up front, with the same memory and work rules as the analysis
/// itself, a network whose certificate would be refused after minutes of training (e.g. a 100,000-layer chain).
public enum CertificationCost {
    /// Throws the error the certificate would throw later, when the symmetry analysis of `arch` is over the memory
    /// budget or the work limit at a point with no zero weight. With a closed-form global minimum (`closedForm`) and
    /// Lanczos curvature only the memory is required: its minima are proven global without the basis, so a basis
    /// whose work is over the limit (a wide dense layer's h² mixings) is skipped by the certificate, not refused.
    public static func require(_ arch: NetworkArchitecture, closedForm: Bool = false) throws {
        let mixings = try SymmetryAnalysis.allowedMixings(arch)
        guard !mixings.isEmpty else { return }
        let p = arch.parameterCount
        if CurvatureMethod.chosen(forParameterCount: p) == .dense {
            try SymmetryTangents.requireDenseAnalysis(parameters: p, mixings: mixings.count)
            return
        }
        // The tangents at a point whose free weights are all 1 have the largest supports, hence the largest groups.
        let generic = arch.weights(from: [Double](repeating: 1, count: p))
        let columns = SymmetryTangents.columns(arch, mixings, weights: generic).filter { !$0.isEmpty }
        for cols in SymmetryTangents.groups(columns, dimension: p) {
            try SymmetryTangents.requireBasisBlock(rows: SymmetryTangents.rows(of: cols, in: columns).count, columns: cols.count,
                                                   memoryOnly: closedForm)
        }
    }
}
