/// Scratch buffers for allocation-free loss and gradient evaluations.
///
/// One workspace belongs to one thread at a time; create one per worker with `LossFunction.makeWorkspace()`.
public final class EvaluationWorkspace {
    let depth: Int
    /// Dense weights W_l (masked entries stay 0).
    let weights: [UnsafeMutablePointer<Double>]
    /// prefix[l] = W_1⋯W_l (dx × d_l) for l = 1…L (index 0 unused: the identity).
    let prefix: [UnsafeMutablePointer<Double>]
    /// suffix[l] = W_{l+1}⋯W_L (d_l × dy) for l = 0…L−1 (index L unused: the identity).
    let suffix: [UnsafeMutablePointer<Double>]
    /// R = G·P − C (dx × dy).
    let residualGradient: UnsafeMutablePointer<Double>
    /// Per-layer dense gradient scratch (d_{l−1} × d_l) and R·S_lᵀ scratch (dx × d_l).
    let denseGradient: [UnsafeMutablePointer<Double>]
    let rightProduct: [UnsafeMutablePointer<Double>]
    private let buffers: ScratchBuffers

    init(widths: [Int]) {
        depth = widths.count - 1
        let dx = widths[0], dy = widths[depth]
        let b = ScratchBuffers()
        weights = (0..<depth).map { b.make(widths[$0] * widths[$0 + 1]) }
        prefix = (0...depth).map { b.make(dx * widths[$0]) }
        suffix = (0...depth).map { b.make(widths[$0] * dy) }
        residualGradient = b.make(dx * dy)
        denseGradient = (0..<depth).map { b.make(widths[$0] * widths[$0 + 1]) }
        rightProduct = (0..<depth).map { b.make(dx * widths[$0 + 1]) }
        buffers = b
    }
}
