/// The paper's Appendix C: connections and nodes that cannot matter, and why.
///
/// A hidden node with no path to the outputs (zero out-degree, directly — I — or through later layers — II)
/// or no path from the inputs (zero in-degree I / II) contributes nothing; every edge touching it is useless.
/// Input features with no path to an output are unused.
public struct StructureAnalysis: Codable, Equatable, Sendable {
    /// Why a node is useless.
    public enum Reason: String, Codable, Sendable {
        /// No outgoing connection at all.
        case zeroOutDegreeI = "zero out-degree I"
        /// Outgoing connections, but none leads to an output.
        case zeroOutDegreeII = "zero out-degree II"
        /// No incoming connection at all.
        case zeroInDegreeI = "zero in-degree I"
        /// Incoming connections, but none comes from an input.
        case zeroInDegreeII = "zero in-degree II"
    }

    /// A useless node: layer index in `widths` (1…L−1 for hidden nodes), node index, and the reasons.
    public struct UselessNode: Codable, Equatable, Sendable {
        /// Layer (0 = inputs, L = outputs).
        public var layer: Int
        /// Node index in the layer (0-based).
        public var node: Int
        /// Why (one or two reasons).
        public var reasons: [Reason]
        /// "h(1)3" style label: hidden layer and 1-based node.
        public var label: String
    }

    /// A useless edge of weight matrix W[layer] (0-based), from row to col.
    public struct UselessEdge: Codable, Equatable, Sendable {
        /// Weight matrix (0-based; W1 in the paper is 0).
        public var layer: Int
        /// Input node.
        public var row: Int
        /// Output node.
        public var col: Int
    }

    /// Useless hidden nodes.
    public var nodes: [UselessNode]
    /// Useless free edges.
    public var edges: [UselessEdge]
    /// Input features with no path to an output (0-based).
    public var unusedInputs: [Int]
    /// Outputs no input reaches (their prediction is always 0).
    public var unreachableOutputs: [Int]

    /// Analyses the masks.
    public init(_ arch: NetworkArchitecture) {
        let reach = Reachability(arch)
        let w = arch.widths, depth = arch.depth
        var nodes: [UselessNode] = []
        if depth >= 2 {
            for l in 1..<depth {
                for j in 0..<w[l] {
                    var reasons: [Reason] = []
                    if !reach.toOutput[l][j] {
                        let hasOut = (0..<w[l + 1]).contains { arch.masks[l][j * w[l + 1] + $0] }
                        reasons.append(hasOut ? .zeroOutDegreeII : .zeroOutDegreeI)
                    }
                    if !reach.fromInput[l][j] {
                        let hasIn = (0..<w[l - 1]).contains { arch.masks[l - 1][$0 * w[l] + j] }
                        reasons.append(hasIn ? .zeroInDegreeII : .zeroInDegreeI)
                    }
                    if !reasons.isEmpty { nodes.append(UselessNode(layer: l, node: j, reasons: reasons, label: "h(\(l))\(j + 1)")) }
                }
            }
        }
        var edges: [UselessEdge] = []
        for l in 0..<depth {
            for flat in arch.freePositions[l] {
                let i = flat / w[l + 1], j = flat % w[l + 1]
                if !reach.edgeIsUseful(layer: l, row: i, col: j) { edges.append(UselessEdge(layer: l, row: i, col: j)) }
            }
        }
        self.nodes = nodes
        self.edges = edges
        unusedInputs = (0..<w[0]).filter { !reach.toOutput[0][$0] }
        unreachableOutputs = (0..<w[depth]).filter { !reach.fromInput[depth][$0] }
    }

    /// True when nothing is useless.
    public var isClean: Bool { nodes.isEmpty && edges.isEmpty && unusedInputs.isEmpty }
}
