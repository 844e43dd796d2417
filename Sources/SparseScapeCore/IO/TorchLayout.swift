/// How a PyTorch model names its layers in a state dict: the module of each linear layer, in order, and whether
/// `torch.nn.utils.prune` pruned it (then its state holds `NAME.weight_orig` and `NAME.weight_mask`, else `NAME.weight`).
///
/// A config imported from a checkpoint keeps it (`"torch": {"layers": ["fc1", "fc2"], "pruned": [true, false]}`), so
/// that points written back (`--out-point`, the explorer's `s`) load into the same model with `load_state_dict`.
public struct TorchLayout: Equatable, Sendable {
    /// The module names, input layer first ("" for a lone `nn.Linear`, whose state is just `weight`).
    public var layers: [String]
    /// For each layer: pruned (weight_orig and weight_mask) or plain (weight).
    public var pruned: [Bool]

    /// A layout; the names must be distinct and as many as `pruned`.
    public init(layers: [String], pruned: [Bool]) throws {
        guard !layers.isEmpty, layers.count == pruned.count else {
            throw SparseScapeError("a torch layout needs one pruned flag per layer (\(layers.count) layers, \(pruned.count) flags)")
        }
        guard Set(layers).count == layers.count else { throw SparseScapeError("a torch layout names a layer twice") }
        guard layers.count == 1 || !layers.contains("") else { throw SparseScapeError("a torch layout of several layers needs a name for each") }
        self.layers = layers
        self.pruned = pruned
    }

    /// `nn.Sequential` of bias-free `nn.Linear` layers: modules `0`, `1`, …; a layer is in pruned form when its mask
    /// prunes something.
    public static func sequential(_ architecture: NetworkArchitecture) -> TorchLayout {
        // The names are distinct and the counts agree, so the checks cannot fail.
        try! TorchLayout(layers: (0..<architecture.depth).map(String.init),
                         pruned: architecture.masks.map { !$0.allSatisfy { $0 } })
    }

    /// The state-dict key of layer `l`'s tensor `suffix` (`weight`, `weight_orig`, `weight_mask`).
    public func key(_ l: Int, _ suffix: String) -> String {
        layers[l].isEmpty ? suffix : layers[l] + "." + suffix
    }

    /// The layout as the config's JSON value.
    public var jsonText: String {
        "{\"layers\": " + JSONText.array(layers.map(JSONText.string)) + ", \"pruned\": " + JSONText.array(pruned.map { $0 ? "true" : "false" }) + "}"
    }
}
