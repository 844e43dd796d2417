/// Certifies points: gradient, Hessian spectrum (LAPACK dsyevd), symmetry count, classification, spuriousness.
public enum Certifier {
    /// Certifies `params`; `known` points (e.g. from presets or a search) are compared for spuriousness.
    public static func certify(_ f: LossFunction, params: [Double], tolerances: CertificationTolerances = .init(),
                               known: [KnownPoint] = []) throws -> Certificate {
        guard params.count == f.parameterCount else {
            throw SparseScapeError("the point has \(params.count) parameters but the network has \(f.parameterCount) free weights")
        }
        guard params.allSatisfy({ $0.isFinite }) else { throw SparseScapeError("the point contains a non-finite value") }
        let (loss, grad) = f.lossAndGradient(params)
        let gnorm = grad.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard loss.isFinite, gnorm.isFinite else {
            throw SparseScapeError("the loss or gradient at this point is not finite (the weights are too large)")
        }
        let h = try f.hessian(params)
        let eig = try SymmetricEigen(h, vectors: false).values
        guard eig.allSatisfy({ $0.isFinite }) else { throw SparseScapeError("the Hessian spectrum is not finite") }
        let lmin = eig.first ?? 0, lmax = eig.last ?? 0
        var tol = tolerances
        tol.eigenvalue = tolerances.eigenvalue * max(1, abs(lmin), abs(lmax))
        let k = try SymmetryAnalysis.zeroEigenvalueCount(f.architecture, params, threshold: tolerances.symmetry)
        let beyond = k < eig.count ? eig[k] : nil
        let cls: Classification
        if gnorm > tol.gradient { cls = .notCritical }
        else if lmin < -tol.eigenvalue { cls = .saddle }
        else if let beyond, beyond > tol.eigenvalue { cls = .localMinimum }
        else { cls = .degenerate }

        let closed = try GlobalMinimum.closedForm(f)
        let bound = closed == nil ? try GlobalMinimum.denseRelaxation(f) : nil
        var candidates = known.filter { $0.loss.isFinite }
        if let closed { candidates.append(KnownPoint(loss: closed.value, source: "closed form: \(closed.method)", params: nil)) }
        let best = candidates.min { $0.loss < $1.loss }
        let provablyGlobal = best.map { b in
            let reference = closed?.value ?? bound?.value ?? -Double.infinity
            return b.loss <= reference + tolerances.spurious * max(1, abs(reference))
        } ?? false
        var spurious: Bool? = nil
        if cls == .localMinimum {
            let margin = tolerances.spurious * max(1, abs(loss))
            spurious = (best.map { $0.loss < loss - margin }) ?? false
        }
        return Certificate(loss: loss, residualLoss: f.residualLoss(params), gradientNorm: gnorm,
                           parameterCount: f.parameterCount, hessianEigenvalues: eig, lambdaMin: lmin, lambdaMax: lmax,
                           symmetryZeroCount: k, firstBeyondSymmetry: beyond, classification: cls, tolerances: tol,
                           globalMinimum: closed, lowerBound: bound, bestKnown: best, spurious: spurious,
                           bestKnownIsGlobal: provablyGlobal)
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
