/// Which nodes connect to the inputs and to the outputs through the mask (the paper's Appendix C).
public struct Reachability: Sendable {
    /// `fromInput[l][j]`: node j of layer l is reached from some input (layer 0: every input).
    public let fromInput: [[Bool]]
    /// `toOutput[l][j]`: node j of layer l reaches some output (layer L: every output).
    public let toOutput: [[Bool]]

    /// Computes both reachabilities of an architecture.
    public init(_ arch: NetworkArchitecture) {
        let w = arch.widths, depth = arch.depth
        var fwd = [[Bool]](repeating: [], count: depth + 1)
        fwd[0] = [Bool](repeating: true, count: w[0])
        for l in 0..<depth {
            var next = [Bool](repeating: false, count: w[l + 1])
            for i in 0..<w[l] where fwd[l][i] { for j in 0..<w[l + 1] where arch.masks[l][i * w[l + 1] + j] { next[j] = true } }
            fwd[l + 1] = next
        }
        var bwd = [[Bool]](repeating: [], count: depth + 1)
        bwd[depth] = [Bool](repeating: true, count: w[depth])
        for l in stride(from: depth - 1, through: 0, by: -1) {
            var prev = [Bool](repeating: false, count: w[l])
            for i in 0..<w[l] { for j in 0..<w[l + 1] where bwd[l + 1][j] && arch.masks[l][i * w[l + 1] + j] { prev[i] = true } }
            bwd[l] = prev
        }
        fromInput = fwd
        toOutput = bwd
    }

    /// Input features with a path to the output.
    public var inputsReachingOutput: [Int] { toOutput[0].indices.filter { toOutput[0][$0] } }

    /// True when the edge (layer, row, col) lies on some input-to-output path (it can matter).
    public func edgeIsUseful(layer: Int, row: Int, col: Int) -> Bool {
        fromInput[layer][row] && toOutput[layer + 1][col]
    }
}
