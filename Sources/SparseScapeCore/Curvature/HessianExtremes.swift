/// How a certificate's curvature (Hessian eigenvalues) was computed.
public enum CurvatureMethod: String, Codable, Equatable, Sendable, CaseIterable {
    /// The Hessian formed exactly and its full spectrum computed by LAPACK `dsyevd` (up to
    /// `Certifier.denseSpectrumParameterLimit` free parameters).
    case dense
    /// λmin, λmax and the first eigenvalue beyond the symmetry zeros by Lanczos on Hessian-vector products (above the limit).
    case lanczos

    /// The method `certify` uses for a network with `parameterCount` free parameters.
    public static func chosen(forParameterCount parameterCount: Int) -> CurvatureMethod {
        parameterCount <= Certifier.denseSpectrumParameterLimit ? .dense : .lanczos
    }

    /// One line for people.
    public var summary: String {
        switch self {
        case .dense: return "dense Hessian, full spectrum by LAPACK dsyevd"
        case .lanczos: return "Lanczos on Hessian-vector products (full reorthogonalisation)"
        }
    }
}

/// What the Lanczos runs of a certificate did.
public struct LanczosDiagnostics: Codable, Equatable, Sendable {
    /// Steps of the run for λmin and λmax.
    public var iterations: Int
    /// True when both extremes met the residual tolerance (or the Krylov space was exhausted).
    public var converged: Bool
    /// Steps of the run on the complement of the symmetry directions (nil when it was not needed).
    public var beyondSymmetryIterations: Int?
    /// True when its smallest Ritz value converged.
    public var beyondSymmetryConverged: Bool?
    /// The residual tolerance, relative to max(1, |λ|max).
    public var tolerance: Double

    /// Diagnostics of the given runs.
    public init(iterations: Int, converged: Bool, beyondSymmetryIterations: Int? = nil, beyondSymmetryConverged: Bool? = nil,
                tolerance: Double) {
        self.iterations = iterations
        self.converged = converged
        self.beyondSymmetryIterations = beyondSymmetryIterations
        self.beyondSymmetryConverged = beyondSymmetryConverged
        self.tolerance = tolerance
    }
}

extension LossFunction {
    /// λmin and λmax of the Hessian at `params` by Lanczos on Hessian-vector products (no p×p matrix).
    public func hessianExtremes(_ params: [Double], settings: LanczosSettings = .init()) throws -> LanczosResult {
        guard params.count == parameterCount else {
            throw SparseScapeError("the point has \(params.count) parameters but the network has \(parameterCount) free weights")
        }
        let op = HessianOperator(self, at: params)
        return try LanczosEigensolver.extremes(dimension: parameterCount, settings: settings) { op.apply($0, into: $1) }
    }

    /// The extremes of the Hessian restricted to the orthogonal complement of the symmetry directions (P·H·P on
    /// range P). At a critical point the symmetry directions are null vectors of H, so `lambdaMin` is the first
    /// eigenvalue beyond the symmetry zeros (the (k+1)-th smallest, when none is negative).
    public func hessianExtremes(_ params: [Double], deflating symmetry: SymmetryBasis,
                                settings: LanczosSettings = .init()) throws -> LanczosResult {
        guard params.count == parameterCount, symmetry.dimension == parameterCount else {
            throw SparseScapeError("the point or the symmetry basis does not match the network's \(parameterCount) free weights")
        }
        let op = HessianOperator(self, at: params)
        return try LanczosEigensolver.extremes(dimension: parameterCount, deflation: symmetry.vectors, settings: settings) {
            op.apply($0, into: $1)
        }
    }
}
