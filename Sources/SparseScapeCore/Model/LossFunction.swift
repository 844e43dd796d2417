/// The loss ½‖Y − X W₁⋯W_L‖²_F of a sparse linear network, its gradient, Hessian and Hessian-vector products.
///
/// Everything is computed from the sufficient statistics, so no evaluation touches the n samples;
/// `residualLoss` evaluates the residual directly for verification and precision near zero loss.
public struct LossFunction: Sendable {
    /// The network shape and masks.
    public let architecture: NetworkArchitecture
    /// The training data (kept for residual-based evaluation).
    public let dataset: Dataset
    /// XᵀX, XᵀY, ‖Y‖².
    public let statistics: SufficientStatistics

    /// Binds an architecture to data; the widths must match the data.
    public init(architecture: NetworkArchitecture, dataset: Dataset) throws {
        guard dataset.x.cols == architecture.inputWidth else {
            throw SparseScapeError("X has \(dataset.x.cols) columns but the network's input width is \(architecture.inputWidth)")
        }
        guard dataset.y.cols == architecture.outputWidth else {
            throw SparseScapeError("Y has \(dataset.y.cols) columns but the network's output width is \(architecture.outputWidth)")
        }
        try MemoryBudget.require(Self.memoryFootprint(widths: architecture.widths),
                                 for: "a network of widths \(SafeText.list(architecture.widths)) (XᵀX, XᵀY and the per-layer products)")
        self.architecture = architecture
        self.dataset = dataset
        self.statistics = try SufficientStatistics(dataset)
    }

    /// Bytes of the data summaries (XᵀX, XᵀY) and of one evaluation workspace (weights, prefix and suffix products,
    /// gradients) for these widths, or nil when the count overflows.
    public static func memoryFootprint(widths: [Int]) -> Int? {
        guard let dx = widths.first, let dy = widths.last else { return 0 }
        var terms: [Int?] = [MemoryBudget.doubles(dx, dx), MemoryBudget.doubles(dx, dy), MemoryBudget.doubles(dx, dy)]
        for l in 0..<(widths.count - 1) {
            terms.append(MemoryBudget.doubles(2, widths[l], widths[l + 1]))  // weights, dense gradient
            terms.append(MemoryBudget.doubles(dx, widths[l + 1]))             // right products
        }
        for w in widths { terms.append(MemoryBudget.doubles(dx + dy, w)) }   // prefix and suffix products
        var total = 0
        for t in terms {
            guard let t else { return nil }
            let (v, overflow) = total.addingReportingOverflow(t)
            if overflow { return nil }
            total = v
        }
        return total
    }

    /// The same data under another architecture (e.g. after toggling a mask entry).
    public func with(architecture: NetworkArchitecture) throws -> LossFunction {
        guard architecture.widths == self.architecture.widths else { throw SparseScapeError("widths cannot change") }
        return LossFunction(architecture: architecture, dataset: dataset, statistics: statistics)
    }

    init(architecture: NetworkArchitecture, dataset: Dataset, statistics: SufficientStatistics) {
        self.architecture = architecture
        self.dataset = dataset
        self.statistics = statistics
    }

    /// Number of free parameters.
    public var parameterCount: Int { architecture.parameterCount }

    /// Fresh scratch buffers for this network.
    public func makeWorkspace() -> EvaluationWorkspace { EvaluationWorkspace(widths: architecture.widths) }

    // MARK: Convenience (allocating) API

    /// The loss at `params` (from the sufficient statistics).
    public func loss(_ params: [Double]) -> Double {
        let ws = makeWorkspace()
        return params.withUnsafeBufferPointer { evaluate($0.baseAddress!, gradient: nil, workspace: ws) }
    }

    /// The loss and its gradient at `params`.
    public func lossAndGradient(_ params: [Double]) -> (loss: Double, gradient: [Double]) {
        let ws = makeWorkspace()
        var g = [Double](repeating: 0, count: parameterCount)
        let l = params.withUnsafeBufferPointer { p in
            g.withUnsafeMutableBufferPointer { gp in evaluate(p.baseAddress!, gradient: gp.baseAddress!, workspace: ws) }
        }
        return (l, g)
    }

    /// The gradient at `params`.
    public func gradient(_ params: [Double]) -> [Double] { lossAndGradient(params).gradient }

    /// The end-to-end product P = W₁⋯W_L (dx × dy).
    public func endToEnd(_ params: [Double]) -> Matrix {
        let ws = makeWorkspace()
        params.withUnsafeBufferPointer { _ = forward($0.baseAddress!, ws) }
        let dx = architecture.inputWidth, dy = architecture.outputWidth
        return Matrix(rows: dx, cols: dy, data: Array(UnsafeBufferPointer(start: ws.prefix[architecture.depth], count: dx * dy)))
    }

    /// The loss ½‖Y − XP‖² computed from the residual itself (cost grows with n; precise near zero).
    public func residualLoss(_ params: [Double]) -> Double {
        let p = endToEnd(params)
        let fit = dataset.x.multiplied(by: p)
        var s = 0.0
        for i in 0..<fit.data.count { let r = dataset.y.data[i] - fit.data[i]; s += r * r }
        return 0.5 * s
    }

    // MARK: Allocation-free core

    /// Scatters params into the dense weights and computes prefix products; returns P's buffer.
    @discardableResult
    func forward(_ params: UnsafePointer<Double>, _ ws: EvaluationWorkspace) -> UnsafeMutablePointer<Double> {
        let widths = architecture.widths
        let depth = architecture.depth
        let dx = widths[0]
        for l in 0..<depth {
            let w = ws.weights[l]
            let off = architecture.parameterOffsets[l]
            architecture.freePositions[l].withUnsafeBufferPointer { pos in
                for k in 0..<pos.count { w[pos[k]] = params[off + k] }
            }
        }
        // prefix[1] = W1
        ws.prefix[1].update(from: ws.weights[0], count: dx * widths[1])
        if depth >= 2 {
            for l in 2...depth {
                GEMM.general(ws.prefix[l - 1], transA: false, ws.weights[l - 1], transB: false, ws.prefix[l],
                             m: dx, k: widths[l - 1], n: widths[l], alpha: 1, beta: 0)
            }
        }
        return ws.prefix[depth]
    }

    /// Loss at `params`; when `gradient` is non-nil, writes the gradient (canonical order) there.
    public func evaluate(_ params: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>?,
                         workspace ws: EvaluationWorkspace) -> Double {
        let widths = architecture.widths
        let depth = architecture.depth
        let dx = widths[0], dy = widths[depth]
        let p = forward(params, ws)
        let r = ws.residualGradient
        // R = G·P − C
        statistics.gram.data.withUnsafeBufferPointer { g in
            GEMM.general(g.baseAddress!, transA: false, UnsafePointer(p), transB: false, r,
                         m: dx, k: dx, n: dy, alpha: 1, beta: 0)
        }
        var pc = 0.0, pr = 0.0
        statistics.cross.data.withUnsafeBufferPointer { c in
            for i in 0..<(dx * dy) {
                r[i] -= c[i]
                pc += p[i] * c[i]
                pr += p[i] * r[i]
            }
        }
        let loss = 0.5 * (statistics.targetNormSquared - pc + pr)
        guard let gradient else { return loss }
        backward(ws)
        for l in 0..<depth {
            let g = ws.denseGradient[l]
            let off = architecture.parameterOffsets[l]
            architecture.freePositions[l].withUnsafeBufferPointer { pos in
                for k in 0..<pos.count { gradient[off + k] = g[pos[k]] }
            }
        }
        return loss
    }

    /// From R (in the workspace) computes suffix products and each layer's dense gradient A_{l−1}ᵀ R S_lᵀ.
    func backward(_ ws: EvaluationWorkspace) {
        let widths = architecture.widths
        let depth = architecture.depth
        let dx = widths[0], dy = widths[depth]
        // suffix[L−1] = W_L ; suffix[l−1] = W_l · suffix[l]
        if depth >= 2 {
            ws.suffix[depth - 1].update(from: ws.weights[depth - 1], count: widths[depth - 1] * dy)
            var l = depth - 1
            while l >= 2 {
                GEMM.general(ws.weights[l - 1], transA: false, ws.suffix[l], transB: false, ws.suffix[l - 1],
                             m: widths[l - 1], k: widths[l], n: dy, alpha: 1, beta: 0)
                l -= 1
            }
        }
        for l in 1...depth {
            // T = R · S_lᵀ (dx × d_l); for l = L, S_L = I so T = R.
            let t: UnsafeMutablePointer<Double>
            if l == depth {
                t = ws.residualGradient
            } else {
                t = ws.rightProduct[l - 1]
                GEMM.general(ws.residualGradient, transA: false, ws.suffix[l], transB: true, t,
                             m: dx, k: dy, n: widths[l], alpha: 1, beta: 0)
            }
            // grad_l = A_{l−1}ᵀ T; A_0 = I.
            if l == 1 {
                ws.denseGradient[0].update(from: t, count: dx * widths[1])
            } else {
                GEMM.general(ws.prefix[l - 1], transA: true, t, transB: false, ws.denseGradient[l - 1],
                             m: widths[l - 1], k: dx, n: widths[l], alpha: 1, beta: 0)
            }
        }
    }
}
