/// What reviving one pruned connection would do at a point: the regrow certificate.
///
/// With every other weight fixed, the loss is exactly quadratic in one weight w of layer l at (i, j): W₁⋯W_L moves by
/// w·a·bᵀ with a = column i of W₁⋯W_{l−1} and b = row j of W_{l+1}⋯W_L, so L(w) = L + w·aᵀR̃b + ½w²(aᵀXᵀXa)(bᵀb),
/// R̃ = XᵀX·P − XᵀY. That gives the gradient along the revived weight and the exact best loss with only it revived.
/// The point itself (the new weight at 0) is then certified in the revived network: a non-zero gradient, or a
/// negative eigenvalue, means the edge opens a way down from the point.
public struct RegrowEdge: Codable, Equatable, Sendable {
    /// Weight layer (0-based: 0 is W₁).
    public var layer: Int
    /// Row (input node of the layer, 0-based).
    public var row: Int
    /// Column (output node of the layer, 0-based).
    public var col: Int
    /// "W1[3,1] x3→h1" (1-based).
    public var label: String
    /// ∂L/∂w at w = 0.
    public var gradient: Double
    /// ∂²L/∂w² (the quadratic's curvature, ≥ 0).
    public var curvature: Double
    /// The lowest loss with only this weight revived (exact), and the weight that attains it.
    public var bestLoss: Double
    /// The weight attaining `bestLoss`.
    public var bestWeight: Double
    /// λmin of the revived network's Hessian at the point (nil when not computed: too many weights or edges).
    public var lambdaMin: Double?
    /// The point's classification in the revived network (nil when not computed).
    public var classification: Classification?
    /// Its index there (negative eigenvalues).
    public var index: Int?
    /// True when descent can continue from the point once this edge is revived (non-zero gradient or a saddle).
    public var opensWayDown: Bool
}

/// The regrow certificate of a point: every pruned connection, and the dense network's verdict.
public struct RegrowReport: Codable, Sendable {
    /// The point's loss.
    public var loss: Double
    /// The point's classification in its own (sparse) network.
    public var classification: Classification
    /// Every pruned connection, the most promising first (lowest single-weight best loss, then lowest λmin).
    public var edges: [RegrowEdge]
    /// The point's certificate in the dense network (every edge live).
    public var dense: DenseVerdict
    /// Why λmin was not computed for the edges, when it was not.
    public var note: String?

    /// The dense network's verdict at the point.
    public struct DenseVerdict: Codable, Sendable {
        /// ‖∇L‖ in the dense network.
        public var gradientNorm: Double
        /// λmin there (nil above the dense limit).
        public var lambdaMin: Double?
        /// Classification there.
        public var classification: Classification
        /// Index there.
        public var index: Int?
    }
}

/// Computes regrow certificates.
public enum RegrowAnalysis {
    /// Largest number of pruned edges for which each revived network is certified (λmin, classification).
    public static let certifiedEdgeLimit = 400

    /// The regrow certificate of `params` in `f`.
    public static func run(_ f: LossFunction, params: [Double], tolerances: CertificationTolerances = .init()) throws -> RegrowReport {
        let arch = f.architecture
        guard params.count == f.parameterCount else {
            throw SparseScapeError("the point has \(params.count) parameters but the network has \(f.parameterCount) free weights")
        }
        guard params.allSatisfy({ $0.isFinite }) else { throw SparseScapeError("the point contains a non-finite value") }
        let own = try Certifier.certify(f, params: params, tolerances: tolerances)
        // Prefix and suffix products, and R̃ = G·P − C.
        let w = arch.weights(from: params)
        let depth = arch.depth
        var prefix = [Matrix.identity(arch.inputWidth)]
        for l in 0..<depth { prefix.append(prefix[l].multiplied(by: w[l])) }
        var suffix = [Matrix](repeating: .identity(arch.outputWidth), count: depth + 1)
        var l = depth - 1
        while l >= 0 { suffix[l] = w[l].multiplied(by: suffix[l + 1]); l -= 1 }
        let g = f.statistics.gram
        let rt = g.multiplied(by: prefix[depth]) - f.statistics.cross
        var pruned: [(Int, Int, Int)] = []
        for layer in 0..<depth {
            let cols = arch.widths[layer + 1]
            for (k, live) in arch.masks[layer].enumerated() where !live { pruned.append((layer, k / cols, k % cols)) }
        }
        let certifyEach = pruned.count <= certifiedEdgeLimit && f.parameterCount + 1 <= Certifier.denseSpectrumParameterLimit
        let gradientTolerance = ProblemScale(f).gradientTolerance(tolerances.gradient)
        var edges: [RegrowEdge] = []
        for (layer, i, j) in pruned {
            let a = (0..<arch.inputWidth).map { prefix[layer][$0, i] }
            let b = (0..<arch.outputWidth).map { suffix[layer + 1][j, $0] }
            var c1 = 0.0, aga = 0.0
            for p in 0..<a.count where a[p] != 0 {
                var s = 0.0, t = 0.0
                for q in 0..<b.count { s += rt[p, q] * b[q] }
                for q in 0..<a.count { t += g[p, q] * a[q] }
                c1 += a[p] * s
                aga += a[p] * t
            }
            let bb = b.reduce(0) { $0 + $1 * $1 }
            let c2 = aga * bb   // ∂²L/∂w²
            let bestWeight = c2 > 0 ? -c1 / c2 + 0 : 0   // + 0: no −0
            let bestLoss = c2 > 0 ? own.loss - 0.5 * c1 * c1 / c2 : own.loss
            let label = "W\(layer + 1)[\(i + 1),\(j + 1)] " + NodeLabel.of(layer: layer, node: i, depth: depth) + "→"
                + NodeLabel.of(layer: layer + 1, node: j, depth: depth)
            var edge = RegrowEdge(layer: layer, row: i, col: j, label: label, gradient: c1, curvature: c2, bestLoss: bestLoss,
                                  bestWeight: bestWeight, lambdaMin: nil, classification: nil, index: nil,
                                  opensWayDown: abs(c1) > gradientTolerance)
            if certifyEach {
                let revived = try arch.toggling(layer: layer, row: i, col: j)
                let f2 = try f.with(architecture: revived)
                let x2 = ParameterRemap.remap(params, from: arch, to: revived)
                let c = try Certifier.certify(f2, params: x2, tolerances: tolerances)
                edge.lambdaMin = c.lambdaMin
                edge.classification = c.classification
                edge.index = c.index
                edge.opensWayDown = c.classification == .notCritical || c.classification == .saddle
            }
            edges.append(edge)
        }
        edges.sort { ($0.bestLoss, $0.lambdaMin ?? 0) < ($1.bestLoss, $1.lambdaMin ?? 0) }
        let denseArch = try NetworkArchitecture.dense(widths: arch.widths)
        let fd = try f.with(architecture: denseArch)
        let xd = ParameterRemap.remap(params, from: arch, to: denseArch)
        let cd = try Certifier.certify(fd, params: xd, tolerances: tolerances)
        let dense = RegrowReport.DenseVerdict(gradientNorm: cd.gradientNorm, lambdaMin: cd.lambdaMin, classification: cd.classification,
                                              index: cd.index)
        return RegrowReport(loss: own.loss, classification: own.classification, edges: edges, dense: dense,
                            note: certifyEach ? nil : "λmin per edge not computed: \(pruned.count) pruned edges (limit \(certifiedEdgeLimit)) or \(f.parameterCount + 1) weights (limit \(Certifier.denseSpectrumParameterLimit))")
    }
}
