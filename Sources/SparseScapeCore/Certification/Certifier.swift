import Foundation

/// Certifies points: gradient, Hessian spectrum (LAPACK dsyevd, or Lanczos at scale), symmetry count, classification,
/// spuriousness.
public enum Certifier {
    /// Largest number of free parameters for which `certify` forms the Hessian and computes its full spectrum with
    /// LAPACK `dsyevd` (a few seconds at the limit). Above it, λmin, λmax and the first eigenvalue beyond the symmetry zeros
    /// come from Lanczos on Hessian-vector products (`CurvatureMethod.lanczos`) and `hessianEigenvalues` is nil.
    public static let denseSpectrumParameterLimit = 3000

    /// Certifies `params`; `known` points (e.g. from presets or a search) are compared for spuriousness.
    public static func certify(_ f: LossFunction, params: [Double], tolerances: CertificationTolerances = .init(),
                               known: [KnownPoint] = []) throws -> Certificate {
        guard params.count == f.parameterCount else {
            throw SparseScapeError("the point has \(params.count) parameters but the network has \(f.parameterCount) free weights")
        }
        guard params.allSatisfy({ $0.isFinite }) else { throw SparseScapeError("the point contains a non-finite value") }
        let (loss, grad) = f.lossAndGradient(params)
        let gnorm = EuclideanNorm.of(grad)
        guard loss.isFinite, gnorm.isFinite else {
            throw SparseScapeError("the loss or gradient at this point is not finite (the weights are too large)")
        }
        // Critical: the relative gradient (against the size of the terms the gradient is made of) within tolerance.
        let resolution = NumericalResolution(f, at: params)
        let relative = resolution.relativeGradient(grad)
        let critical = relative <= tolerances.gradient
        let scale = ProblemScale(f)
        let lossResolution = resolution.lossResolution
        let closed = try GlobalMinimum.closedForm(f)
        let bound = closed == nil ? try GlobalMinimum.denseRelaxation(f) : nil
        var candidates = known.filter { $0.loss.isFinite }
        if let closed { candidates.append(KnownPoint(loss: closed.value, source: "closed form: \(closed.method)", params: nil)) }
        let best = candidates.min { $0.loss < $1.loss }
        /// Two losses are the same value when within the relative margin or the loss's resolution at this point.
        func margin(_ at: Double) -> Double { max(scale.lossMargin(tolerances.spurious, at: at), lossResolution) }
        let provablyGlobal = best.map { b in
            let reference = closed?.value ?? bound?.value ?? -Double.infinity
            return b.loss <= reference + margin(reference)
        } ?? false
        // A critical point at a proven global value is a global minimum, whatever its degeneracy.
        var globalReason: String? = nil
        if critical {
            if let closed, loss <= closed.value + margin(loss) {
                globalReason = "its loss equals the closed-form global minimum \(NumberFormat.g(closed.value, 12)) (\(closed.method))"
            } else if let bound, loss <= bound.value + margin(loss) {
                globalReason = "its loss attains the proven lower bound \(NumberFormat.g(bound.value, 12)) (\(bound.method))"
            }
        }
        // The fibre of θ ↦ X·W₁⋯W_L only tells a local minimum from a degenerate point: a proven global one needs none.
        var curvature = try Self.curvature(f, params, gradient: grad, critical: critical, tolerances: tolerances,
                                           explainZeros: globalReason == nil)
        var tol = curvature.tolerances
        tol.gradient = tolerances.gradient

        var evidence: HigherOrderEvidence? = nil
        if globalReason != nil {
            curvature.classification = .globalMinimum
        } else if curvature.classification == .degenerate && curvature.method == .dense {
            let h = try f.hessian(params)
            let e = try HigherOrderTest.run(f, params: params, hessian: h, tolerance: tol.eigenvalue, symmetryThreshold: tolerances.symmetry * ProblemScale(f).weightScaleFloor)
            if let order = e.order { curvature.classification = .saddle; curvature.saddleOrder = order }
            else if e.flatKernel, let ev = curvature.eigenvalues, curvature.symmetryZeroCount + e.kernelDimension < ev.count,
                    ev[curvature.symmetryZeroCount + e.kernelDimension] > tol.eigenvalue {
                // Morse–Bott: a critical manifold whose tangent is the whole kernel, positive curvature across it.
                curvature.classification = .localMinimum
            }
            evidence = e
        }
        let cls = curvature.classification
        // Spurious only when a lower point is known, not spurious only when global is proven; otherwise unknown.
        var spurious: Bool? = nil
        if cls == .localMinimum {
            if let b = best, b.loss < loss - margin(loss) { spurious = true }
            else if provablyGlobal && best.map({ abs($0.loss - loss) <= margin(loss) }) == true { spurious = false }
        } else if cls == .globalMinimum {
            spurious = false
        }
        return Certificate(loss: loss, residualLoss: f.residualLoss(params), gradientNorm: gnorm,
                           relativeGradient: relative, lossResolution: lossResolution,
                           parameterCount: f.parameterCount, hessianEigenvalues: curvature.eigenvalues,
                           lambdaMin: curvature.lambdaMin, lambdaMax: curvature.lambdaMax,
                           curvatureMethod: curvature.method, lanczos: curvature.lanczos,
                           symmetryZeroCount: curvature.symmetryZeroCount, firstBeyondSymmetry: curvature.beyond,
                           strictMargin: curvature.strictMargin,
                           classification: cls,
                           index: curvature.index, saddleOrder: curvature.saddleOrder, higherOrder: evidence,
                           globalReason: globalReason, tolerances: tol,
                           globalMinimum: closed, lowerBound: bound, bestKnown: best, spurious: spurious,
                           bestKnownIsGlobal: provablyGlobal || globalReason != nil)
    }

    /// The second-order part of a certificate.
    struct Curvature {
        var method: CurvatureMethod
        var eigenvalues: [Double]?
        var lambdaMin: Double
        var lambdaMax: Double
        var symmetryZeroCount: Int
        var beyond: Double?
        var strictMargin: Double?
        var classification: Classification
        var tolerances: CertificationTolerances
        var lanczos: LanczosDiagnostics?
        var index: Int? = nil
        var saddleOrder: Int? = nil
    }

    /// Spectrum, symmetry zeros and classification, by the method chosen for the network's size.
    ///
    /// An eigenvalue counts as zero when it is within the point's resolution of zero: what double precision resolves in
    /// the Hessian's spectrum (`NumericalResolution.eigenvalueResolution`), raised by how far the eigenvalue can move
    /// between this point and the critical point its gradient points to (Newton's correction δ = −H⁺∇L, and the change
    /// of qᵀHq along it), and by the caller's floor `tolerances.eigenvalue`·|λ|max.
    /// `explainZeros` allows the fibre of θ ↦ X·W₁⋯W_L to explain zero eigenvalues the symmetries leave unexplained.
    static func curvature(_ f: LossFunction, _ params: [Double], gradient: [Double], critical: Bool,
                          tolerances: CertificationTolerances, explainZeros: Bool = true) throws -> Curvature {
        var tol = tolerances
        let gnorm = EuclideanNorm.of(gradient)
        switch CurvatureMethod.chosen(forParameterCount: f.parameterCount) {
        case .dense:
            let h = try f.hessian(params)
            let eig = try SymmetricEigen(h, vectors: false).values
            guard eig.allSatisfy({ $0.isFinite }) else { throw SparseScapeError("the Hessian spectrum is not finite") }
            let lmin = eig.first ?? 0, lmax = eig.last ?? 0
            let radius = max(abs(lmin), abs(lmax))
            let rounding = max(NumericalResolution.eigenvalueResolution(spectralRadius: radius, dimension: eig.count),
                               tolerances.eigenvalue * radius)
            var k = try SymmetryAnalysis.zeroEigenvalueCount(f.architecture, params, threshold: tolerances.symmetry * ProblemScale(f).weightScaleFloor,
                                                             invisible: ProblemScale(f).invisibleFeatures)
            // At a regular point of θ ↦ X·W₁⋯W_L the whole fibre is flat, which can exceed the symmetry orbits. It only
            // matters (and its SVDs are only paid for) at a critical point with H ⪰ 0 whose zero eigenvalues the
            // symmetries leave unexplained: elsewhere the fibre's tangent holds no further zero eigenvalue.
            if explainZeros && critical && lmin >= -rounding && !(k < eig.count && eig[k] > rounding) {
                k = max(k, try EndToEndFibre.dimension(f, params) ?? 0)
            }
            let beyond = k < eig.count ? eig[k] : nil
            // How far the smallest eigenvalue and the first beyond the symmetries may move on the way to the critical point.
            // Off a critical point the symmetry directions carry eigenvalues of the size ‖∇L‖/‖θ‖ (the loss is flat along
            // each orbit only where the gradient vanishes): no eigenvalue of that size is taken for curvature. Near θ = 0
            // the orbits shrink to a point and that bound is ‖H‖ itself; ‖θ‖ is floored at 1% of the weights' natural
            // size (‖C‖/‖G‖)^{1/L} there.
            let naturalNorm = 1e-2 * Foundation.pow(max(ProblemScale(f).productScale, Double.leastNormalMagnitude),
                                                    1 / Double(f.architecture.depth))
            let theta = max(EuclideanNorm.of(params), naturalNorm, Double.leastNormalMagnitude)
            let orbit = 10 * gnorm / theta
            var zeroMin = rounding + orbit, zeroBeyond = rounding + orbit
            if critical && gnorm > 0 {
                let shifts = try EigenvalueShift.estimate(f, params, hessian: h, eigenvalues: eig, gradient: gradient,
                                                          indices: [0, min(k, eig.count - 1)], rounding: rounding,
                                                          normFloor: naturalNorm)
                zeroMin += 2 * shifts[0]
                zeroBeyond += 2 * shifts[1]
            }
            tol.eigenvalue = max(zeroMin, zeroBeyond)
            let cls: Classification
            if !critical { cls = .notCritical }
            else if lmin < -zeroMin { cls = .saddle }
            else if let beyond, beyond > zeroBeyond { cls = .localMinimum }
            else { cls = .degenerate }
            return Curvature(method: .dense, eigenvalues: eig, lambdaMin: lmin, lambdaMax: lmax, symmetryZeroCount: k,
                             beyond: beyond, strictMargin: beyond.map { $0 / zeroBeyond }, classification: cls,
                             tolerances: tol, lanczos: nil,
                             index: eig.filter { $0 < -zeroMin }.count, saddleOrder: cls == .saddle ? 2 : nil)
        case .lanczos:
            // Ritz values are Rayleigh quotients: θmin ≥ λmin, so θmin < −tol proves a saddle whether or not the run
            // converged; a local minimum needs the run beyond the symmetry directions to have converged above +tol.
            // Residuals are measured against the spectral scale, like the eigenvalue tolerance itself.
            let residual = 1e-8
            let settings = LanczosSettings(tolerance: residual, relativeToSpectrum: true)
            let plain = try f.hessianExtremes(params, settings: settings)
            guard plain.lambdaMin.isFinite, plain.lambdaMax.isFinite else { throw SparseScapeError("the Hessian extremes are not finite") }
            var lmin = plain.lambdaMin, lmax = plain.lambdaMax
            func threshold() -> Double {
                let radius = max(abs(lmin), abs(lmax))
                return max(residual * radius, tolerances.eigenvalue * radius,
                           NumericalResolution.eigenvalueResolution(spectralRadius: radius, dimension: f.parameterCount))
            }
            tol.eigenvalue = threshold()
            let symmetryThreshold = tolerances.symmetry * ProblemScale(f).weightScaleFloor
            var diagnostics = LanczosDiagnostics(iterations: plain.iterations, converged: plain.converged, tolerance: settings.tolerance)
            var beyond: Double? = nil
            var beyondConverged = false
            // The symmetry basis is only needed to tell a minimum beyond the symmetry zeros; a saddle (λmin < 0) or a
            // proven global point needs none. When it is out of reach (a wide dense layer has h² mixings), the
            // hidden-node rescalings are counted, no eigenvalue beyond them is claimed, and a critical point with
            // λmin ≥ 0 that is not proven global stays degenerate (its zeros cannot be told from the symmetries').
            let symmetry = try? SymmetryBasis(f.architecture, params, threshold: symmetryThreshold)
            let k = symmetry?.rank ?? Self.symmetryCount(f.architecture, params, threshold: symmetryThreshold)
            if critical && lmin >= -tol.eigenvalue && k < f.parameterCount, let symmetry {
                if k == 0 {
                    beyond = plain.lambdaMin
                    beyondConverged = plain.minConverged
                } else {
                    let deflated = try f.hessianExtremes(params, deflating: symmetry, settings: settings)
                    beyond = deflated.lambdaMin
                    beyondConverged = deflated.minConverged
                    diagnostics.beyondSymmetryIterations = deflated.iterations
                    diagnostics.beyondSymmetryConverged = deflated.minConverged
                    // Rayleigh quotients of H too: they can only sharpen the extremes.
                    lmin = min(lmin, deflated.lambdaMin)
                    lmax = max(lmax, deflated.lambdaMax)
                    tol.eigenvalue = threshold()
                }
            }
            let cls: Classification
            if !critical { cls = .notCritical }
            else if lmin < -tol.eigenvalue { cls = .saddle }
            else if let beyond, beyondConverged, beyond > tol.eigenvalue { cls = .localMinimum }
            else { cls = .degenerate }
            return Curvature(method: .lanczos, eigenvalues: nil, lambdaMin: lmin, lambdaMax: lmax, symmetryZeroCount: k,
                             beyond: beyond, strictMargin: beyond.map { $0 / tol.eigenvalue }, classification: cls,
                             tolerances: tol, lanczos: diagnostics,
                             index: nil, saddleOrder: cls == .saddle ? 2 : nil)
        }
    }

    /// Hidden nodes whose incoming and outgoing weight norms both exceed `threshold` (one rescaling each).
    public static func symmetryCount(_ arch: NetworkArchitecture, _ params: [Double], threshold: Double) -> Int {
        guard arch.depth >= 2 else { return 0 }
        let w = arch.weights(from: params)
        var count = 0
        for l in 1..<arch.depth {
            for j in 0..<arch.widths[l] {
                var inNorm = 0.0, outNorm = 0.0
                for i in 0..<arch.widths[l - 1] { let v = w[l - 1][i, j]; inNorm += v * v }
                for k in 0..<arch.widths[l + 1] { let v = w[l][j, k]; outNorm += v * v }
                if inNorm.squareRoot() > threshold && outNorm.squareRoot() > threshold { count += 1 }
            }
        }
        return count
    }
}
