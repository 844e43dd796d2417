/// Node names: inputs x1…, hidden nodes h1… (h1.1… when there are several hidden layers), outputs y1….
public enum NodeLabel {
    /// The label of node `node` (0-based) of layer `layer` in a network with `depth` weight layers.
    public static func of(layer: Int, node: Int, depth: Int) -> String {
        if layer == 0 { return "x\(node + 1)" }
        if layer == depth { return "y\(node + 1)" }
        return depth == 2 ? "h\(node + 1)" : "h\(layer).\(node + 1)"
    }
}
