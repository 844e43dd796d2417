/// A fixed step size from the curvature at the start, for fixed-step methods given none: half the inverse of the
/// Hessian's largest |eigenvalue| there (Lanczos, a few tens of Hessian-vector products).
///
/// Gradient descent with step η is stable on a quadratic when η < 2/λmax; half of 1/λmax leaves room for the
/// curvature to grow along the way. On data of any scale (digits' XᵀX reaches 10⁴) the default step then follows the
/// problem instead of diverging in two steps as a fixed 0.01 does.
public enum CurvatureStep {
    /// The step at `params`; 0.01 when the Hessian vanishes there (θ = 0 of a deep network with zero gradient).
    public static func size(_ f: LossFunction, at params: [Double]) throws -> Double {
        guard f.parameterCount > 0 else { return 0.01 }
        let extremes = try f.hessianExtremes(params, settings: LanczosSettings(maxIterations: 60, tolerance: 1e-3, relativeToSpectrum: true))
        let radius = max(abs(extremes.lambdaMin), abs(extremes.lambdaMax))
        guard radius.isFinite, radius > 0 else { return 0.01 }
        return 0.5 / radius
    }
}
