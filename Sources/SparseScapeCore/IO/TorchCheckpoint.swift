/// The linear layers of a PyTorch state dict saved as safetensors: a bias-free stack of `nn.Linear` weights, each
/// out × in as torch stores it, plain (`NAME.weight`) or pruned by `torch.nn.utils.prune` (`NAME.weight_orig` and
/// `NAME.weight_mask`, the weight being their product).
///
/// The layers' order comes from their names when they differ only in numbers (`0`, `1`, … or `fc1`, `fc2`, … or
/// `layers.0`, `layers.1`, …), else from `order` (`--layers`). Refused, with a message naming the tensor: biases, any
/// other tensor, types other than float32/float64/float16/bfloat16, shapes that are not 2-D or do not chain, masks
/// that are not 0/1, values that are not finite, half of a pruned pair.
public struct TorchCheckpoint: Sendable {
    /// One linear layer.
    public struct Layer: Sendable {
        /// Its module name (`fc1`; "" for a lone `nn.Linear`).
        public var module: String
        /// The tensor that gives its weights (`fc1.weight` or `fc1.weight_orig`), for messages.
        public var weightTensor: String
        /// Its mask tensor (`fc1.weight_mask`), nil for a plain layer.
        public var maskTensor: String?
        /// Outputs (rows of torch's matrix) and inputs (columns).
        public var outputs: Int, inputs: Int
        /// The weights as torch holds them, out × in, row-major; for a pruned layer `weight_orig × weight_mask`.
        public var weights: [Double]
        /// The mask, out × in, row-major; nil for a plain layer.
        public var mask: [Bool]?
        /// The weight tensor's type.
        public var dtype: SafetensorsDType
    }

    /// The layers, input layer first.
    public let layers: [Layer]
    /// How errors name the file.
    public let name: String

    /// The layout to write points back in.
    public var layout: TorchLayout {
        // The modules are distinct (they are keys of one header), so the layout is valid.
        try! TorchLayout(layers: layers.map(\.module), pruned: layers.map { $0.mask != nil })
    }

    /// Widths `[in, out₁, out₂, …]`.
    public var widths: [Int] { [layers[0].inputs] + layers.map(\.outputs) }

    /// Reads the layers of `file`, in `order` (module names) when given.
    public init(_ file: SafetensorsFile, order: [String]? = nil) throws {
        name = file.name
        func fail(_ why: String, _ remedy: Remedy? = nil) -> SparseScapeError { SparseScapeError("\(file.name): \(why)", setting: nil, remedy: remedy) }
        let q = SafetensorsFile.quoted
        // Group the tensors by module.
        var weight: [String: SafetensorsFile.Tensor] = [:], orig: [String: SafetensorsFile.Tensor] = [:], mask: [String: SafetensorsFile.Tensor] = [:]
        var modules: [String] = []
        for t in file.tensors {
            guard let (module, suffix) = Self.split(t.name) else {
                throw fail("tensor \(q(t.name)) is not a linear layer's weight (expected NAME.weight, or NAME.weight_orig with NAME.weight_mask)")
            }
            if suffix.hasPrefix("bias") {
                throw fail("tensor \(q(t.name)) is a bias: SparseScape's networks are bias-free linear stacks (nn.Linear(..., bias=False))")
            }
            if !modules.contains(module) { modules.append(module) }
            switch suffix {
            case "weight": weight[module] = t
            case "weight_orig": orig[module] = t
            default: mask[module] = t
            }
        }
        guard !modules.isEmpty else { throw fail("holds no tensors") }
        for m in modules {
            let k = { (s: String) in m.isEmpty ? s : m + "." + s }
            if weight[m] != nil, orig[m] != nil {
                throw fail("tensors \(q(k("weight"))) and \(q(k("weight_orig"))) are both given; a pruned layer has weight_orig and weight_mask only")
            }
            if weight[m] != nil, mask[m] != nil {
                throw fail("tensors \(q(k("weight"))) and \(q(k("weight_mask"))) are both given; a pruned layer has weight_orig and weight_mask only")
            }
            if orig[m] != nil, mask[m] == nil { throw fail("tensor \(q(k("weight_orig"))) has no \(q(k("weight_mask"))) beside it (torch.nn.utils.prune saves both)") }
            if mask[m] != nil, orig[m] == nil { throw fail("tensor \(q(k("weight_mask"))) has no \(q(k("weight_orig"))) beside it (torch.nn.utils.prune saves both)") }
        }
        let ordered = try Self.order(modules, given: order, fail: fail)
        var layers: [Layer] = []
        for m in ordered {
            let w = weight[m] ?? orig[m]!
            guard w.shape.count == 2 else {
                throw fail("tensor \(q(w.name)) has shape \(SafeText.list(w.shape)); a linear layer's weight is 2-D (out × in)")
            }
            guard w.shape[0] > 0, w.shape[1] > 0 else { throw fail("tensor \(q(w.name)) has an empty dimension (shape \(SafeText.list(w.shape)))") }
            var values = try file.values(of: w)
            let cols = w.shape[1]
            if let bad = values.firstIndex(where: { !$0.isFinite }) {
                throw fail("tensor \(q(w.name)) entry [\(bad / cols), \(bad % cols)] is not finite (\(values[bad]))")
            }
            var bits: [Bool]? = nil
            if let mt = mask[m] {
                guard mt.shape == w.shape else {
                    throw fail("tensor \(q(mt.name)) has shape \(SafeText.list(mt.shape)) but \(q(w.name)) has \(SafeText.list(w.shape))")
                }
                let mv = try file.values(of: mt)
                if let bad = mv.firstIndex(where: { $0 != 0 && $0 != 1 }) {
                    throw fail("tensor \(q(mt.name)) entry [\(bad / cols), \(bad % cols)] is \(mv[bad]); a mask holds 0 and 1 only")
                }
                bits = mv.map { $0 == 1 }
                for k in values.indices where !bits![k] { values[k] = 0 }
            }
            if let previous = layers.last, previous.outputs != w.shape[1] {
                throw fail("tensor \(q(w.name)) is \(w.shape[0])×\(w.shape[1]) (out × in): its \(w.shape[1]) inputs do not match the \(previous.outputs) outputs of \(q(previous.weightTensor))")
            }
            layers.append(Layer(module: m, weightTensor: w.name, maskTensor: mask[m]?.name, outputs: w.shape[0], inputs: w.shape[1],
                                weights: values, mask: bits, dtype: w.dtype))
        }
        self.layers = layers
    }

    /// Reads the layers of `file` in the order of `torch` (a config's layout) when they are its modules, else in the
    /// order of their names.
    public init(_ file: SafetensorsFile, following torch: TorchLayout?) throws {
        let modules = Set(file.tensors.compactMap { Self.split($0.name)?.module })
        try self.init(file, order: torch.flatMap { Set($0.layers) == modules ? $0.layers : nil })
    }

    /// `NAME.SUFFIX` split at the last dot, for the weight and bias suffixes (a bare `weight` is a lone layer's).
    static func split(_ tensor: String) -> (module: String, suffix: String)? {
        let suffixes = ["weight", "weight_orig", "weight_mask", "bias", "bias_orig", "bias_mask"]
        if suffixes.contains(tensor) { return ("", tensor) }
        guard let dot = tensor.lastIndex(of: "."), dot != tensor.startIndex else { return nil }
        let suffix = String(tensor[tensor.index(after: dot)...])
        return suffixes.contains(suffix) ? (String(tensor[..<dot]), suffix) : nil
    }

    /// The modules in layer order: `given` (every module exactly once), or sorted by the numbers in names that
    /// differ only in them.
    static func order(_ modules: [String], given: [String]?, fail: (String, Remedy?) -> SparseScapeError) throws -> [String] {
        if let given {
            if let twice = given.first(where: { g in given.filter { $0 == g }.count > 1 }) {
                throw fail("the layer order given names \(SafeText.quoted(twice)) twice", nil)
            }
            if let unknown = given.first(where: { !modules.contains($0) }) {
                throw fail("the layer order given names \(SafeText.quoted(unknown)), but the file has no such layer (layers: \(SafeText.names(modules.sorted())))", nil)
            }
            if let left = modules.first(where: { !given.contains($0) }) {
                throw fail("the layer \(SafeText.quoted(left)) is not in the layer order given (layers: \(SafeText.names(modules.sorted())))", nil)
            }
            return given
        }
        if modules.count == 1 { return modules }
        let keys = modules.map(Self.numberPattern)
        let shapes = Set(keys.map(\.text))
        guard shapes.count == 1, Set(keys.map(\.numbers)).count == modules.count else {
            throw fail("cannot tell the order of the layers from their names (\(SafeText.names(modules.sorted())))", .nameLayerOrder(modules.sorted()))
        }
        return zip(modules, keys).sorted { $0.1.numbers.lexicographicallyPrecedes($1.1.numbers) }.map(\.0)
    }

    /// A name with each run of digits replaced by `#`, and those runs' values (`fc12` → ("fc#", [12])).
    static func numberPattern(_ name: String) -> (text: String, numbers: [Int]) {
        var text = "", numbers: [Int] = [], digits = ""
        for ch in name {
            if ch.isASCII && ch.isNumber { digits.append(ch); continue }
            if !digits.isEmpty { text += "#"; numbers.append(Int(digits.prefix(18)) ?? 0); digits = "" }
            text.append(ch)
        }
        if !digits.isEmpty { text += "#"; numbers.append(Int(digits.prefix(18)) ?? 0) }
        return (text, numbers)
    }

    /// The masks in SparseScape's layout (rows = inputs): the pruned layers' masks; the plain layers dense, or
    /// nonzero where their weights are with `fromZeros`.
    public func masks(fromZeros: Bool) -> [[Bool]] {
        layers.map { layer in
            (0..<(layer.inputs * layer.outputs)).map { k in
                let i = k / layer.outputs, j = k % layer.outputs   // input i, output j: torch's [j, i]
                if let mask = layer.mask { return mask[j * layer.inputs + i] }
                return !fromZeros || layer.weights[j * layer.inputs + i] != 0
            }
        }
    }

    /// The weight matrices in SparseScape's layout (rows = inputs, columns = outputs): torch's transposed.
    public var matrices: [Matrix] {
        layers.map { layer in
            var m = Matrix(rows: layer.inputs, cols: layer.outputs)
            for j in 0..<layer.outputs { for i in 0..<layer.inputs { m.data[i * layer.outputs + j] = layer.weights[j * layer.inputs + i] } }
            return m
        }
    }

    /// The canonical point of `architecture`: the layers must have its widths, a pruned layer exactly its mask, and a
    /// plain layer zeros wherever it prunes.
    public func point(for architecture: NetworkArchitecture) throws -> [Double] {
        let q = SafetensorsFile.quoted
        guard layers.count == architecture.depth else {
            throw SparseScapeError("\(name): gives \(layers.count) layer\(layers.count == 1 ? "" : "s") but the network has \(architecture.depth) (widths \(SafeText.list(architecture.widths)))")
        }
        for (l, layer) in layers.enumerated() where layer.inputs != architecture.widths[l] || layer.outputs != architecture.widths[l + 1] {
            throw SparseScapeError("\(name): tensor \(q(layer.weightTensor)) is \(layer.outputs)×\(layer.inputs) (out × in) but layer \(l + 1) of the network maps \(architecture.widths[l]) to \(architecture.widths[l + 1]) (needs \(architecture.widths[l + 1])×\(architecture.widths[l]))")
        }
        let given = masks(fromZeros: false)
        for (l, layer) in layers.enumerated() {
            let cols = architecture.widths[l + 1]
            for k in 0..<given[l].count {
                let keep = architecture.masks[l][k], i = k / cols, j = k % cols
                if layer.mask != nil, given[l][k] != keep {
                    throw SparseScapeError("\(name): tensor \(q(layer.maskTensor!)) entry [\(j), \(i)] is \(given[l][k] ? 1 : 0) but the network's mask \(keep ? "keeps" : "prunes") that weight (W\(l + 1)[\(i + 1),\(j + 1)])")
                }
                let v = layer.weights[j * layer.inputs + i]
                if layer.mask == nil, !keep, v != 0 {
                    throw SparseScapeError("\(name): tensor \(q(layer.weightTensor)) entry [\(j), \(i)] is \(v) but the network's mask prunes that weight (W\(l + 1)[\(i + 1),\(j + 1)])")
                }
            }
        }
        return architecture.parameters(from: matrices)
    }

    /// The tensors of `params` (a point of `architecture`) in `layout`: torch's out × in, as float64; a pruned layer
    /// as weight_orig (zero where pruned) and weight_mask, a plain one as weight.
    public static func tensors(params: [Double], architecture: NetworkArchitecture, layout: TorchLayout) -> [SafetensorsEncoder.Tensor] {
        precondition(layout.layers.count == architecture.depth)
        var out: [SafetensorsEncoder.Tensor] = []
        for (l, w) in architecture.weights(from: params).enumerated() {
            let inputs = w.rows, outputs = w.cols
            var t = [Double](repeating: 0, count: inputs * outputs), mask = t
            for i in 0..<inputs {
                for j in 0..<outputs {
                    t[j * inputs + i] = w.data[i * outputs + j]
                    mask[j * inputs + i] = architecture.masks[l][i * outputs + j] ? 1 : 0
                }
            }
            if layout.pruned[l] {
                out.append(.init(name: layout.key(l, "weight_orig"), shape: [outputs, inputs], values: t))
                out.append(.init(name: layout.key(l, "weight_mask"), shape: [outputs, inputs], values: mask))
            } else {
                out.append(.init(name: layout.key(l, "weight"), shape: [outputs, inputs], values: t))
            }
        }
        return out
    }

    /// Writes `params` of `architecture` as a safetensors file in `layout` (atomically), with `metadata` after
    /// `format: pt`.
    public static func write(params: [Double], architecture: NetworkArchitecture, layout: TorchLayout, to path: String,
                             metadata: [(key: String, value: String)] = []) throws {
        let data = SafetensorsEncoder.encode(tensors(params: params, architecture: architecture, layout: layout),
                                             metadata: [("format", "pt")] + metadata)
        try AtomicFile.write(data, to: path)
    }
}
