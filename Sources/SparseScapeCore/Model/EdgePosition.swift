/// One weight position W_{layer+1}[row, col] (0-based indices), named as the paper names it.
public struct EdgePosition: Codable, Equatable, Hashable, Sendable {
    /// Layer, 0-based: W[layer] maps widths[layer] → widths[layer + 1].
    public var layer: Int
    /// Row: the node of widths[layer].
    public var row: Int
    /// Column: the node of widths[layer + 1].
    public var col: Int

    /// A position.
    public init(layer: Int, row: Int, col: Int) {
        self.layer = layer
        self.row = row
        self.col = col
    }

    /// The paper's name with 1-based indices, e.g. "W1[2,1]".
    public var label: String { "W\(layer + 1)[\(row + 1),\(col + 1)]" }
}

extension EdgePosition {
    /// The nearest valid selection for an architecture (clamped indices).
    public func clamped(to arch: NetworkArchitecture) -> EdgePosition {
        let l = min(max(0, layer), arch.depth - 1)
        let r = min(max(0, row), arch.widths[l] - 1)
        let c = min(max(0, col), arch.widths[l + 1] - 1)
        return EdgePosition(layer: l, row: r, col: c)
    }

    /// True when the indices exist in the architecture.
    public func isValid(for arch: NetworkArchitecture) -> Bool {
        layer >= 0 && layer < arch.depth && row >= 0 && row < arch.widths[layer] && col >= 0 && col < arch.widths[layer + 1]
    }
}
