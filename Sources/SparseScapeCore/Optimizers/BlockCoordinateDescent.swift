/// Exact block-coordinate descent for two-layer networks with a dense second layer (the paper's Algorithms 1 and 2).
///
/// One step is a sweep over the hidden neurons: neuron i's incoming weights wᵢ (on its feature set Sᵢ) and
/// outgoing weights aᵢ become the best rank-1 fit of the residual seen through Sᵢ, with the others held fixed:
/// minimise ½‖Rᵢ − X_S wᵢaᵢᵀ‖² by the top singular triple of F·B, F = (X_SᵀX_S)^{+1/2},
/// B = X_Sᵀ Rᵢ; then wᵢ = σ·F·u and aᵢ = v (wᵢ carries the singular value, aᵢ has unit norm, as in the paper).
/// Each update minimises the loss exactly over its block, so the loss never rises.
public final class BlockCoordinateDescent: Optimizer {
    public let kind = OptimizerKind.bcd
    let f: LossFunction
    let workspace: EvaluationWorkspace
    let count: Int
    /// For each hidden neuron: its input features, parameter indices of w and a, and F = (G_SS)^{+1/2}.
    struct Neuron {
        let features: [Int]
        let inIndices: [Int]
        let outIndices: [Int]
        let whitening: Matrix
        let gramRows: Matrix  // G[S, :]
    }
    let neurons: [Neuron]

    /// Builds the sweep; throws unless the network has two layers and a dense second layer.
    public init(_ f: LossFunction) throws {
        let arch = f.architecture
        guard arch.depth == 2 else {
            throw SparseScapeError("bcd needs a two-layer network (this one has \(arch.depth) layers); use gd, armijo, momentum or adam")
        }
        guard arch.masks[1].allSatisfy({ $0 }) else {
            throw SparseScapeError("bcd needs a dense second layer (this one has pruned second-layer weights); use gd, armijo, momentum or adam")
        }
        self.f = f
        self.workspace = f.makeWorkspace()
        self.count = f.parameterCount
        let dx = arch.inputWidth, h = arch.widths[1], dy = arch.outputWidth
        var list: [Neuron] = []
        for i in 0..<h {
            let feats = (0..<dx).filter { arch.masks[0][$0 * h + i] }
            let inIdx = feats.map { arch.parameterIndex(layer: 0, row: $0, col: i)! }
            let outIdx = (0..<dy).map { arch.parameterIndex(layer: 1, row: i, col: $0)! }
            let gss = f.statistics.gram.submatrix(rows: feats, cols: feats)
            let white = feats.isEmpty ? Matrix(rows: 0, cols: 0) : try SymmetricFunctions.pseudoInverseSqrt(gss)
            list.append(Neuron(features: feats, inIndices: inIdx, outIndices: outIdx, whitening: white,
                               gramRows: f.statistics.gram.submatrix(rows: feats, cols: Array(0..<dx))))
        }
        neurons = list
    }

    public func step(_ params: UnsafeMutablePointer<Double>, loss: inout Double, gradient: UnsafeMutablePointer<Double>) -> Bool {
        let arch = f.architecture
        let dy = arch.outputWidth
        let cross = f.statistics.cross
        let dx = arch.inputWidth
        // P = W₁W₂ is formed once per sweep; each neuron's update changes it by a rank-1 term.
        let product = f.forward(params, workspace)
        var pMinus = Matrix(rows: dx, cols: dy, data: Array(UnsafeBufferPointer(start: product, count: dx * dy)))
        for n in neurons where !n.features.isEmpty {
            // P₋ᵢ = P − wᵢaᵢᵀ (P without neuron i).
            for (r, feat) in n.features.enumerated() {
                let w = params[n.inIndices[r]]
                for c in 0..<dy { pMinus[feat, c] -= w * params[n.outIndices[c]] }
            }
            // B = C[S,:] − G[S,:]·P₋ᵢ ; T = F·B
            let b = cross.submatrix(rows: n.features, cols: Array(0..<dy)) - n.gramRows.multiplied(by: pMinus)
            let t = n.whitening.multiplied(by: b)
            guard let svd = try? SingularValueDecomposition(t), let sigma = svd.singularValues.first else { return false }
            var u = (0..<t.rows).map { svd.u[$0, 0] }
            var v = (0..<dy).map { svd.vt[0, $0] }
            // Keep the sign continuous with the previous aᵢ.
            var dot = 0.0
            for c in 0..<dy { dot += v[c] * params[n.outIndices[c]] }
            if dot < 0 { u = u.map { -$0 }; v = v.map { -$0 } }
            if sigma == 0 {
                for r in n.inIndices { params[r] = 0 }
                continue
            }
            for (r, idx) in n.inIndices.enumerated() {
                var s = 0.0
                for k in 0..<u.count { s += n.whitening[r, k] * u[k] }
                params[idx] = sigma * s
            }
            for c in 0..<dy { params[n.outIndices[c]] = v[c] }
            // Back to P with the new wᵢaᵢᵀ.
            for (r, feat) in n.features.enumerated() {
                let w = params[n.inIndices[r]]
                for c in 0..<dy { pMinus[feat, c] += w * params[n.outIndices[c]] }
            }
        }
        loss = f.evaluate(params, gradient: gradient, workspace: workspace)
        return true
    }

    public func reset() {}
}
