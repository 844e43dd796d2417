/// What one weight position is under a mask: pruned, free but on no input-to-output path, or live.
public enum EdgeState: String, Codable, Equatable, Sendable {
    /// Masked to zero.
    case pruned
    /// Free, but on no input-to-output path: it cannot change the loss.
    case useless
    /// Free and on an input-to-output path.
    case live
}

/// The state of every weight position of an architecture, computed once per mask.
public struct EdgeStateMap: Equatable, Sendable {
    /// `states[l][i * widths[l+1] + j]` for W_{l+1}[i, j], row-major like the masks.
    public let states: [[EdgeState]]
    /// `connected[l][i]`: node i of layer l lies on some input-to-output path.
    public let connected: [[Bool]]
    /// Layer widths.
    public let widths: [Int]

    /// The states under `arch`'s masks (from its reachability, the paper's Appendix C).
    public init(_ arch: NetworkArchitecture) {
        let r = Reachability(arch)
        widths = arch.widths
        states = (0..<arch.depth).map { l in
            let cols = arch.widths[l + 1]
            return (0..<(arch.widths[l] * cols)).map { k in
                guard arch.masks[l][k] else { return .pruned }
                return r.edgeIsUseful(layer: l, row: k / cols, col: k % cols) ? .live : .useless
            }
        }
        connected = (0...arch.depth).map { l in (0..<arch.widths[l]).map { r.fromInput[l][$0] && r.toOutput[l][$0] } }
    }

    /// The state of W_{layer+1}[row, col] (0-based), or nil outside the architecture.
    public func state(layer: Int, row: Int, col: Int) -> EdgeState? {
        guard layer >= 0, layer < states.count, row >= 0, row < widths[layer], col >= 0, col < widths[layer + 1] else { return nil }
        return states[layer][row * widths[layer + 1] + col]
    }
}
