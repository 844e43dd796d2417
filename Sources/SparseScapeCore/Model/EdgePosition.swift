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
