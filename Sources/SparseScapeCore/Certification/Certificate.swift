/// Tolerances used to certify a point (reported with every certificate).
public struct CertificationTolerances: Codable, Equatable, Sendable {
    /// A point is critical when its relative gradient (`NumericalResolution`: ‖∇L‖ against the size of the terms
    /// it is made of, in every layer) is at or below this.
    public var gradient: Double
    /// A floor for the zero of eigenvalues, relative to |λ|max (0: the point's resolution alone); in a certificate,
    /// the absolute threshold that was used (resolution, shift to the critical point and this floor).
    public var eigenvalue: Double
    /// A hidden node carries weight when its incoming and outgoing weight norms both exceed this times min(1, w₀),
    /// w₀ the size of a weight at balanced minimisers (`ProblemScale.weightScaleFloor`).
    public var symmetry: Double
    /// A local minimum is spurious when a known point is lower by more than this · max(1, L).
    public var spurious: Double

    /// The defaults: relative gradient 1e-7, eigenvalues zero to the point's resolution, symmetry 1e-9, spurious 1e-8.
    public init(gradient: Double = NumericalResolution.criticalGradient, eigenvalue: Double = 0, symmetry: Double = 1e-9,
                spurious: Double = 1e-8) {
        self.gradient = gradient
        self.eigenvalue = eigenvalue
        self.symmetry = symmetry
        self.spurious = spurious
    }
}

/// A point with a known loss, used to decide whether a local minimum is spurious.
public struct KnownPoint: Codable, Equatable, Sendable {
    /// Its loss.
    public var loss: Double
    /// Where it comes from (a preset point's label, "search", a closed form).
    public var source: String
    /// Its parameters, when known.
    public var params: [Double]?

    /// A known point.
    public init(loss: Double, source: String, params: [Double]?) {
        self.loss = loss
        self.source = source
        self.params = params
    }
}

/// Everything SparseScape can say about one point: loss, gradient, Hessian spectrum, classification, and how it
/// compares with the global minimum.
public struct Certificate: Codable, Equatable, Sendable {
    /// Loss from the sufficient statistics.
    public var loss: Double
    /// Loss from the residual (independent check, precise near zero).
    public var residualLoss: Double
    /// ‖∇L‖.
    public var gradientNorm: Double
    /// ‖∇L‖ against the size of the terms it is made of (`NumericalResolution`; nil in certificates written before it).
    public var relativeGradient: Double? = nil
    /// What double precision resolves in the loss at the point (nil in certificates written before it).
    public var lossResolution: Double? = nil
    /// Number of free parameters.
    public var parameterCount: Int
    /// The full Hessian spectrum, ascending (nil when it was not computed: above `Certifier.denseSpectrumParameterLimit`).
    public var hessianEigenvalues: [Double]?
    /// Smallest Hessian eigenvalue (with Lanczos: the smallest Ritz value, an upper bound converged to the tolerance).
    public var lambdaMin: Double
    /// Largest Hessian eigenvalue.
    public var lambdaMax: Double
    /// How the curvature was computed: dense `dsyevd` or Lanczos (chosen by size; absent in old JSON: dense).
    public var curvatureMethod: CurvatureMethod = .dense
    /// Iterations and convergence of the Lanczos runs (nil with the dense method).
    public var lanczos: LanczosDiagnostics? = nil
    /// Zero eigenvalues explained by symmetries: one rescaling per hidden node carrying weight in and out, plus
    /// mixings of hidden nodes with nested supports (all of GL(h) in a dense layer; see `SymmetryAnalysis`); at a
    /// regular point of θ ↦ W₁⋯W_L (dense method), the whole fibre of that map, which can be larger (`EndToEndFibre`).
    public var symmetryZeroCount: Int
    /// The first eigenvalue beyond the symmetry ones.
    public var firstBeyondSymmetry: Double?
    /// That eigenvalue over the zero threshold (`tolerances.eigenvalue`): above 1 it is resolved and positive.
    public var strictMargin: Double? = nil
    /// The verdict.
    public var classification: Classification
    /// Number of negative Hessian eigenvalues beyond −tolerance (the Morse index; nil with Lanczos, which only bounds it).
    public var index: Int? = nil
    /// For a saddle: the order at which the loss decreases (2: negative curvature; 3 or 4: higher-order test).
    public var saddleOrder: Int? = nil
    /// The higher-order test at a degenerate point: its proof of a decrease, or what was tried.
    public var higherOrder: HigherOrderEvidence? = nil
    /// For a global minimum: why (which proven value the loss equals).
    public var globalReason: String? = nil
    /// The tolerances used (eigenvalue tolerance already scaled).
    public var tolerances: CertificationTolerances
    /// The global minimum in closed form, when a theorem gives it.
    public var globalMinimum: GlobalMinimum?
    /// A lower bound on the global minimum (the dense relaxation) when there is no closed form.
    public var lowerBound: GlobalMinimum?
    /// The lowest known point (closed form, preset points, search).
    public var bestKnown: KnownPoint?
    /// For a minimum: true when a known point is lower by more than the tolerance, false when it is proven global, nil
    /// when nothing proves either (a local minimum with no lower point known) and for points that are not minima.
    public var spurious: Bool?
    /// True when the best known point is provably global: it equals the closed form, or attains the lower bound.
    public var bestKnownIsGlobal: Bool
}

extension Certificate {
    enum CodingKeys: String, CodingKey {
        case loss, residualLoss, gradientNorm, relativeGradient, lossResolution, strictMargin, parameterCount, hessianEigenvalues, lambdaMin, lambdaMax, curvatureMethod, lanczos
        case symmetryZeroCount, firstBeyondSymmetry, classification, tolerances, globalMinimum, lowerBound, bestKnown, spurious
        case bestKnownIsGlobal, index, saddleOrder, higherOrder, globalReason
    }

    /// Decodes a certificate; `curvatureMethod` defaults to dense when absent (certificates written before Lanczos).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        loss = try c.decode(Double.self, forKey: .loss)
        residualLoss = try c.decode(Double.self, forKey: .residualLoss)
        gradientNorm = try c.decode(Double.self, forKey: .gradientNorm)
        relativeGradient = try c.decodeIfPresent(Double.self, forKey: .relativeGradient)
        lossResolution = try c.decodeIfPresent(Double.self, forKey: .lossResolution)
        strictMargin = try c.decodeIfPresent(Double.self, forKey: .strictMargin)
        parameterCount = try c.decode(Int.self, forKey: .parameterCount)
        hessianEigenvalues = try c.decodeIfPresent([Double].self, forKey: .hessianEigenvalues)
        lambdaMin = try c.decode(Double.self, forKey: .lambdaMin)
        lambdaMax = try c.decode(Double.self, forKey: .lambdaMax)
        curvatureMethod = try c.decodeIfPresent(CurvatureMethod.self, forKey: .curvatureMethod) ?? .dense
        lanczos = try c.decodeIfPresent(LanczosDiagnostics.self, forKey: .lanczos)
        symmetryZeroCount = try c.decode(Int.self, forKey: .symmetryZeroCount)
        firstBeyondSymmetry = try c.decodeIfPresent(Double.self, forKey: .firstBeyondSymmetry)
        classification = try c.decode(Classification.self, forKey: .classification)
        tolerances = try c.decode(CertificationTolerances.self, forKey: .tolerances)
        globalMinimum = try c.decodeIfPresent(GlobalMinimum.self, forKey: .globalMinimum)
        lowerBound = try c.decodeIfPresent(GlobalMinimum.self, forKey: .lowerBound)
        bestKnown = try c.decodeIfPresent(KnownPoint.self, forKey: .bestKnown)
        spurious = try c.decodeIfPresent(Bool.self, forKey: .spurious)
        bestKnownIsGlobal = try c.decode(Bool.self, forKey: .bestKnownIsGlobal)
        index = try c.decodeIfPresent(Int.self, forKey: .index)
        saddleOrder = try c.decodeIfPresent(Int.self, forKey: .saddleOrder)
        higherOrder = try c.decodeIfPresent(HigherOrderEvidence.self, forKey: .higherOrder)
        globalReason = try c.decodeIfPresent(String.self, forKey: .globalReason)
    }
}
