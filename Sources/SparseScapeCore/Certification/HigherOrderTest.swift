import Foundation

/// The higher-order test at a degenerate critical point: a direction (or curve) along which the exact loss
/// polynomial decreases at order 3 or 4, which proves the point is a saddle and not a minimum.
///
/// The loss is a polynomial, so along θ + t·d it is exactly c₀ + c₁t + … + c_{2L}t^{2L} (`SlicePolynomial`, formed
/// up to order 4 only). At a
/// critical point c₁ = 0, and for d in the Hessian's kernel c₂ = 0. The test searches the kernel with the symmetry
/// directions projected out (random combinations and the basis vectors): a direction with c₃ ≠ 0 gives a decrease
/// at order 3 (the sign of d chosen so that c₃ < 0). When the cubic vanishes on the whole kernel it tries curves
/// θ + t·d + t²·e, whose t⁴ coefficient c₄(d) + ½eᵀHe + ½bᵀe (b = D³L[d, d, ·]) is smallest at e = −½H⁺b with value
/// c₄(d) − ⅛bᵀH⁺b: a negative value gives a decrease at order 4. Every claim is checked by direct evaluation of the
/// loss at the reported step.
public struct HigherOrderEvidence: Codable, Equatable, Sendable {
    /// 3 or 4: the order at which the loss decreases (nil when no decrease was found: the point stays degenerate).
    public var order: Int?
    /// The direction d (canonical order, unit norm) when a decrease was found.
    public var direction: [Double]?
    /// The curve's second-order part e (order 4 only).
    public var curve: [Double]?
    /// The exact coefficients of t ↦ L(θ + t·d [+ t²·e]) up to order 4, lowest degree first (higher orders are not
    /// formed: the test needs no more, and on deep networks the full polynomial of degree 2L costs O(L³)).
    public var coefficients: [Double]?
    /// A step t > 0 at which the loss is lower than at the point, and by how much (checked by direct evaluation).
    public var step: Double?
    /// L(θ) − L(θ + t·d [+ t²·e]) at that step.
    public var decrease: Double?
    /// Dimension of the Hessian's kernel beyond the symmetry directions.
    public var kernelDimension: Int
    /// Directions tried.
    public var directionsTried: Int
    /// The largest |c₃| met (relative to the polynomial's scale).
    public var largestCubic: Double
    /// The smallest reduced quartic coefficient met (nil when the quartic test was not run).
    public var smallestQuartic: Double?
    /// True when every kernel direction tried is a line of critical points at the same loss (the loss polynomial
    /// along it is constant and ∇L vanishes along it): with a positive spectrum elsewhere, a non-strict minimum
    /// (Morse–Bott) lying on a flat manifold that the symmetries do not explain.
    public var flatKernel: Bool = false
    /// What was tried, in one sentence.
    public var summary: String
}

/// Runs the higher-order test.
public enum HigherOrderTest {
    /// Largest network for which the quartic (curve) test is run (it needs one plane polynomial per weight).
    public static let quarticParameterLimit = 400
    /// Largest kernel whose basis vectors are tried one by one (besides the random combinations).
    public static let maximumBasisDirections = 32
    /// Most random kernel directions tried (at least 16, else twice the kernel's dimension).
    public static let maximumRandomDirections = 64

    /// Tests `params` (a critical point) given its Hessian `h` and the eigenvalue tolerance `tolerance`.
    public static func run(_ f: LossFunction, params: [Double], hessian h: Matrix, tolerance: Double,
                           symmetryThreshold: Double, seed: UInt64 = 1) throws -> HigherOrderEvidence {
        let p = params.count
        let eig = try SymmetricEigen(h, vectors: true)
        let q = eig.vectors!
        let kernelIdx = eig.values.indices.filter { abs(eig.values[$0]) <= tolerance }
        // Kernel basis with the symmetry directions projected out.
        let symmetry = try SymmetryBasis(f.architecture, params, threshold: symmetryThreshold)
        var raw = Matrix(rows: p, cols: max(1, kernelIdx.count))
        for (c, k) in kernelIdx.enumerated() { for i in 0..<p { raw[i, c] = q[i, k] } }
        if symmetry.rank > 0 && !kernelIdx.isEmpty {
            // V − Sᵀ(S·V) with the symmetry vectors as the rows of S (orthonormal): two BLAS products.
            let s = Matrix(rows: symmetry.rank, cols: p, data: symmetry.vectors)
            raw = raw - s.transposeMultiplied(by: s.multiplied(by: raw))
        }
        var basis: [[Double]] = []
        if !kernelIdx.isEmpty {
            let svd = try SingularValueDecomposition(raw)
            for (i, s) in svd.singularValues.enumerated() where s > 0.5 { basis.append((0..<p).map { svd.u[$0, i] }) }
        }
        var evidence = HigherOrderEvidence(order: nil, direction: nil, curve: nil, coefficients: nil, step: nil, decrease: nil,
                                           kernelDimension: basis.count, directionsTried: 0, largestCubic: 0,
                                           smallestQuartic: nil, summary: "")
        if basis.isEmpty {
            evidence.summary = "the Hessian's kernel holds only symmetry directions"
            return evidence
        }
        let loss0 = f.loss(params)
        let margin = 1e-11 * max(1, abs(loss0), 0.5 * f.statistics.targetNormSquared)
        var rng = SeededGenerator(seed: seed)
        // The basis vectors themselves (small kernels only) and random unit combinations: a nonzero cubic form is
        // nonzero along a random direction with probability 1, so a bounded number of them suffices whatever the
        // kernel's dimension (a 2,000-weight chain at its origin has a 2,000-dimensional kernel).
        var candidates = basis.count <= Self.maximumBasisDirections ? basis : []
        let basisMatrix = Matrix(rows: basis.count, cols: p, data: basis.flatMap { $0 })
        for _ in 0..<max(16, min(2 * basis.count, Self.maximumRandomDirections)) {
            let w = Matrix(rows: 1, cols: basis.count, data: rng.gaussianVector(basis.count))
            let d = w.multiplied(by: basisMatrix).data
            let n = EuclideanNorm.of(d)
            candidates.append(d.map { $0 / n })
        }
        let zero = [Double](repeating: 0, count: p)
        var flat: [[Double]] = []
        // Order 3.
        for d in candidates {
            evidence.directionsTried += 1
            let poly = try SlicePolynomial(f, center: params, d1: d, d2: zero, maxDegree: Self.order).alongFirstDirection
            let scale = max(1, poly.map(abs).max() ?? 1)
            let c3 = poly.count > 3 ? poly[3] : 0
            evidence.largestCubic = max(evidence.largestCubic, abs(c3) / scale)
            if abs(c3) > 1e-8 * scale {
                let sign: Double = c3 < 0 ? 1 : -1
                let dir = d.map { sign * $0 }
                let signed = poly.enumerated().map { $0.element * ($0.offset % 2 == 1 ? sign : 1) + 0 }   // + 0: no −0
                if let (t, drop) = verifiedDecrease(f, params, loss0, margin, { t in (0..<p).map { params[$0] + t * dir[$0] } }) {
                    evidence.order = 3; evidence.direction = dir; evidence.coefficients = signed
                    evidence.step = t; evidence.decrease = drop
                    evidence.summary = "the loss decreases at order 3 along a kernel direction (c₃ = \(NumberFormat.g(signed[3], 4)))"
                    return evidence
                }
            } else {
                flat.append(d)
            }
        }
        // Flat kernel: every direction tried is a line of critical points with the loss unchanged.
        if flat.count == candidates.count {
            var allFlat = true
            let gscale = 1e-9 * max(1, f.statistics.targetNormSquared)
            for d in candidates where allFlat {
                let poly = try SlicePolynomial(f, center: params, d1: d, d2: zero, maxDegree: Self.order).alongFirstDirection
                let scale = max(1, abs(poly[0]))
                if poly.dropFirst().contains(where: { abs($0) > 1e-10 * scale }) { allFlat = false; break }
                // ∇L along the line is a polynomial of degree 2L − 1: zero at 2L points means zero everywhere.
                for k in 1...(2 * f.architecture.depth) {
                    let t = 0.5 * Double(k) / Double(2 * f.architecture.depth) * (k % 2 == 0 ? 1 : -1)
                    let g = f.gradient((0..<p).map { params[$0] + t * d[$0] })
                    if g.reduce(0, { $0 + $1 * $1 }).squareRoot() > gscale { allFlat = false; break }
                }
            }
            if allFlat {
                evidence.flatKernel = true
                evidence.summary = "the \(basis.count)-dimensional kernel beyond symmetry is flat: along every direction tried (\(candidates.count)) the loss is constant and ∇L = 0 on the whole line (a manifold of critical points)"
                return evidence
            }
        }
        // Order 4, along curves θ + t·d + t²·e.
        guard p <= quarticParameterLimit else {
            evidence.summary = "no cubic decrease on the \(basis.count)-dimensional kernel (\(evidence.directionsTried) directions); the quartic test is not run above \(quarticParameterLimit) weights"
            return evidence
        }
        let hPlus = try SymmetricFunctions.pseudoInverse(h, cutoff: tolerance)
        var smallest = Double.infinity
        for d in flat {
            // b_i = D³L[d, d, e_i] = 2·(coefficient of α²β on the plane (d, e_i)).
            var b = [Double](repeating: 0, count: p)
            for i in 0..<p {
                var e = zero; e[i] = 1
                let plane = try SlicePolynomial(f, center: params, d1: d, d2: e, maxDegree: Self.order)
                b[i] = 2 * plane.coefficients[2][1]
            }
            let hb = (0..<p).map { i in (0..<p).reduce(0.0) { $0 + hPlus[i, $1] * b[$1] } }
            let e = hb.map { -0.5 * $0 }
            let line = try SlicePolynomial(f, center: params, d1: d, d2: zero, maxDegree: Self.order).alongFirstDirection
            let quartic = (line.count > 4 ? line[4] : 0) - 0.125 * zip(b, hb).reduce(0) { $0 + $1.0 * $1.1 }
            smallest = min(smallest, quartic)
            if quartic < -1e-8 * max(1, line.map(abs).max() ?? 1) {
                let plane = try SlicePolynomial(f, center: params, d1: d, d2: e, maxDegree: Self.order)
                let curvePoly = curveCoefficients(plane)
                if let (t, drop) = verifiedDecrease(f, params, loss0, margin, { t in (0..<p).map { params[$0] + t * d[$0] + t * t * e[$0] } }) {
                    evidence.order = 4; evidence.direction = d; evidence.curve = e; evidence.coefficients = curvePoly
                    evidence.step = t; evidence.decrease = drop; evidence.smallestQuartic = quartic
                    evidence.summary = "the loss decreases at order 4 along the curve θ + t·d + t²·e (t⁴ coefficient \(NumberFormat.g(quartic, 4)))"
                    return evidence
                }
            }
        }
        evidence.smallestQuartic = smallest.isFinite ? smallest : nil
        evidence.summary = "no decrease found: the cubic term vanishes on the \(basis.count)-dimensional kernel beyond symmetry (\(evidence.directionsTried) directions, max |c₃| = \(NumberFormat.g(evidence.largestCubic, 2)))"
            + (smallest.isFinite ? " and the reduced quartic is ≥ \(NumberFormat.g(smallest, 3)) on the curves tried" : "")
        return evidence
    }

    /// Highest order the test examines; its polynomials are formed only up to this degree (O(L) work per direction).
    static let order = 4

    /// t ↦ P(t, t²) for a plane polynomial P(α, β), lowest degree first, up to the plane's degree (exact when the
    /// plane is a Taylor polynomial of that order).
    static func curveCoefficients(_ plane: SlicePolynomial) -> [Double] {
        var out = [Double](repeating: 0, count: plane.degree + 1)
        for a in 0...plane.degree { for b in 0...(plane.degree - a) where a + 2 * b <= plane.degree { out[a + 2 * b] += plane.coefficients[a][b] } }
        while out.count > 1 && out.last == 0 { out.removeLast() }
        return out
    }

    /// The step t ∈ [10⁻⁴, 1] (log grid) with the largest directly evaluated decrease, when it exceeds `margin`.
    static func verifiedDecrease(_ f: LossFunction, _ params: [Double], _ loss0: Double, _ margin: Double,
                                 _ point: (Double) -> [Double]) -> (Double, Double)? {
        var best: (Double, Double)? = nil
        for k in 0...40 {
            let t = Foundation.pow(10, -4 + Double(k) / 10)
            let drop = loss0 - f.loss(point(t))
            if drop > margin && drop > (best?.1 ?? 0) { best = (t, drop) }
        }
        return best
    }
}
