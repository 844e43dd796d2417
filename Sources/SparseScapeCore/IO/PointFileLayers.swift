import Foundation

/// Points given as per-layer weight matrices (JSON, `.npy`, `.npz`), turned into the canonical parameter vector.
extension PointFile {
    /// Reads a point for `architecture` from any point format, as its canonical parameter vector.
    ///
    /// Accepted, by content (a zip or `.npy` magic number) or else by name:
    /// - JSON `{"params": […]}`, the canonical vector (its length must be the free-weight count);
    /// - JSON `{"layers": [W1, W2, …]}`, each layer a nested array of `widths[l]` rows (inputs) of
    ///   `widths[l+1]` entries (outputs), or the name of a `.npy` file holding it, relative to the JSON file;
    /// - a `.npz` archive with arrays `W1`, `W2`, … (or `arr_0`, `arr_1`, … from a positional `np.savez`),
    ///   or a 1-D array `params`, the canonical vector; stored and deflate-compressed members both work;
    /// - a `.npy` file with a 1-D canonical vector, or the weight matrix of a one-layer network;
    /// - a `.safetensors` PyTorch state dict of the network's linear layers (`TorchCheckpoint`), in the order of
    ///   `torch` (a config's layout) when given.
    ///
    /// A matrix must have exactly its layer's shape and be zero where the mask prunes it; every value
    /// must be finite. Errors are one line, prefixed by `path`.
    public static func read(_ path: String, architecture: NetworkArchitecture, torch: TorchLayout? = nil) throws -> [Double] {
        let data = try FileReading.read(path)
        if isSafetensors(data, path: path) { return try readSafetensors(data, path: path, architecture: architecture, torch: torch) }
        let head = [UInt8](data.prefix(6))
        if head.starts(with: [0x50, 0x4b]) || path.lowercased().hasSuffix(".npz") {
            return try readNpz(data, path: path, architecture: architecture)
        }
        if head == [0x93] + Array("NUMPY".utf8) || path.lowercased().hasSuffix(".npy") {
            return try readNpy(data, path: path, architecture: architecture)
        }
        return try readJSON(data, path: path, architecture: architecture)
    }

    /// One layer's weights as a file gives them, before the shape, mask and finiteness checks.
    private struct GivenLayer {
        /// How errors name it: "W2", or "arr_1 (W2)".
        var label: String
        /// The shape as given.
        var shape: GivenShape
        /// The entries, row-major.
        var values: [Double]
    }

    /// The shape of a given array, for comparison and for error messages.
    private enum GivenShape: Equatable {
        case matrix(Int, Int)
        case vector(Int)
        case ragged([Int])

        init(dimensions: [Int]) {
            self = dimensions.count == 1 ? .vector(dimensions[0]) : .matrix(dimensions[0], dimensions[1])
        }

        init(rows: [[Double]]) {
            let lengths = Set(rows.map(\.count))
            self = lengths.count > 1 ? .ragged(lengths.sorted()) : .matrix(rows.count, lengths.first ?? 0)
        }

        var text: String {
            switch self {
            case .matrix(let r, let c): return "\(r)x\(c)"
            case .vector(let n): return "a 1-D array of length \(n)"
            case .ragged(let lengths): return "rows of different lengths \(lengths)"
            }
        }
    }

    /// A JSON layer: nested rows, a flat list (always a shape error), or a `.npy` file name.
    private enum JSONLayer: Decodable {
        case rows([[Double]])
        case flat([Double])
        case file(String)

        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let rows = try? c.decode([[Double]].self) { self = .rows(rows) }
            else if let flat = try? c.decode([Double].self) { self = .flat(flat) }
            else if let file = try? c.decode(String.self) { self = .file(file) }
            else {
                throw DecodingError.typeMismatch([[Double]].self, .init(
                    codingPath: c.codingPath, debugDescription: "expected a nested array of numbers or a .npy file name"))
            }
        }
    }

    private static func readJSON(_ data: Data, path: String, architecture: NetworkArchitecture) throws -> [Double] {
        struct Raw: Decodable { var params: [Double]?; var layers: [JSONLayer]? }
        let raw = try JSONValueDecoder.decode(Raw.self, from: data, name: path)
        switch (raw.params, raw.layers) {
        case (let params?, nil):
            return try checkedVector(params, path: path, architecture: architecture)
        case (nil, let layers?):
            guard layers.count == architecture.depth else {
                throw SparseScapeError("\(path): gives \(layers.count) layers but the network has \(architecture.depth) (widths \(SafeText.list(architecture.widths)))")
            }
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            let given = try layers.enumerated().map { l, layer -> GivenLayer in
                let label = "W\(l + 1)"
                switch layer {
                case .rows(let rows): return GivenLayer(label: label, shape: GivenShape(rows: rows), values: rows.flatMap { $0 })
                case .flat(let flat): return GivenLayer(label: label, shape: .vector(flat.count), values: flat)
                case .file(let name):
                    guard name.lowercased().hasSuffix(".npy") else {
                        throw SparseScapeError("\(path): \(label) names \"\(name)\", but a layer file must be a .npy file")
                    }
                    let file = name.hasPrefix("/") ? name : directory.appendingPathComponent(name).path
                    do {
                        let array = try NpyReader.parseWithDimensions(try FileReading.read(file), name: file)
                        return GivenLayer(label: label, shape: GivenShape(dimensions: array.dimensions), values: array.matrix.data)
                    } catch let e as SparseScapeError {
                        throw SparseScapeError("\(path): \(label): \(e.message)")
                    }
                }
            }
            return try canonicalVector(given, path: path, architecture: architecture)
        case (nil, nil):
            throw SparseScapeError("\(path): missing field 'params' (the canonical vector) or 'layers' (the weight matrices)")
        case (_?, _?):
            throw SparseScapeError("\(path): gives both 'params' and 'layers'; keep one")
        }
    }

    private static func readNpz(_ data: Data, path: String, architecture: NetworkArchitecture) throws -> [Double] {
        let npz = try NpzArchive(data, name: path)
        let depth = architecture.depth
        let names = Set(npz.names)
        func isLayerName(_ s: String, prefix: String) -> Bool {
            s.hasPrefix(prefix) && s.count > prefix.count && s.dropFirst(prefix.count).allSatisfy { ("0"..."9").contains($0) }
        }
        let weightNames = npz.names.filter { isLayerName($0, prefix: "W") }
        let positionalNames = npz.names.filter { isLayerName($0, prefix: "arr_") }
        if names.contains("params") {
            guard weightNames.isEmpty && positionalNames.isEmpty else {
                throw SparseScapeError("\(path): gives both params and layer matrices (\((weightNames + positionalNames).joined(separator: ", "))); keep one")
            }
            let array = try npz.array("params", entries: architecture.parameterCount)
            guard array.dimensions.count == 1 else {
                throw SparseScapeError("\(path): params must be a 1-D array, got \(GivenShape(dimensions: array.dimensions).text)")
            }
            return try checkedVector(array.matrix.data, path: path, architecture: architecture)
        }
        guard weightNames.isEmpty || positionalNames.isEmpty else {
            throw SparseScapeError("\(path): mixes named (W1, …) and positional (arr_0, …) arrays; use one naming")
        }
        let positional = weightNames.isEmpty
        let expected = (0..<depth).map { positional ? "arr_\($0)" : "W\($0 + 1)" }
        guard !(weightNames + positionalNames).isEmpty else {
            let found = npz.names.isEmpty ? "none" : npz.names.joined(separator: ", ")
            throw SparseScapeError("\(path): holds no params or W1…W\(depth) arrays (found: \(found))")
        }
        if let missing = expected.first(where: { !names.contains($0) }) {
            throw SparseScapeError("\(path): holds no array \(missing); the network has \(depth) layers (\(expected.joined(separator: ", ")))")
        }
        if let extra = (positional ? positionalNames : weightNames).first(where: { !expected.contains($0) }) {
            throw SparseScapeError("\(path): holds an array \(extra), which is not one of the network's \(depth) layers (\(expected.joined(separator: ", ")))")
        }
        let given = try expected.enumerated().map { l, name -> GivenLayer in
            let array = try npz.array(name, entries: architecture.widths[l] * architecture.widths[l + 1])
            return GivenLayer(label: positional ? "\(name) (W\(l + 1))" : name,
                              shape: GivenShape(dimensions: array.dimensions), values: array.matrix.data)
        }
        return try canonicalVector(given, path: path, architecture: architecture)
    }

    private static func readNpy(_ data: Data, path: String, architecture: NetworkArchitecture) throws -> [Double] {
        let array = try NpyReader.parseWithDimensions(data, name: path)
        if array.dimensions.count == 1 { return try checkedVector(array.matrix.data, path: path, architecture: architecture) }
        guard architecture.depth == 1 else {
            throw SparseScapeError("\(path): a 2-D .npy gives one weight matrix but the network has \(architecture.depth) layers; "
                + "give a 1-D vector of its \(architecture.parameterCount) free weights, or W1…W\(architecture.depth) in a .npz or JSON file")
        }
        let layer = GivenLayer(label: "W1", shape: GivenShape(dimensions: array.dimensions), values: array.matrix.data)
        return try canonicalVector([layer], path: path, architecture: architecture)
    }

    /// Checks a canonical vector's length and values.
    private static func checkedVector(_ params: [Double], path: String, architecture: NetworkArchitecture) throws -> [Double] {
        guard params.count == architecture.parameterCount else {
            throw SparseScapeError("\(path): the point has \(params.count) parameters but the network has \(architecture.parameterCount) free weights")
        }
        if let k = params.firstIndex(where: { !$0.isFinite }) {
            let (l, i, j) = architecture.location(ofParameter: k)
            throw SparseScapeError("\(path): parameter \(k + 1) (W\(l + 1)[\(i + 1),\(j + 1)]) is not finite (\(params[k]))")
        }
        return params
    }

    /// The canonical vector of one matrix per layer, after the shape, finiteness and mask checks.
    private static func canonicalVector(_ layers: [GivenLayer], path: String, architecture: NetworkArchitecture) throws -> [Double] {
        precondition(layers.count == architecture.depth)
        var out: [Double] = []
        out.reserveCapacity(architecture.parameterCount)
        for (l, layer) in layers.enumerated() {
            let rows = architecture.widths[l], cols = architecture.widths[l + 1]
            guard layer.shape == .matrix(rows, cols) else {
                throw SparseScapeError("\(path): \(layer.label) must be \(rows)x\(cols) (rows = inputs, columns = outputs), got \(layer.shape.text)")
            }
            let mask = architecture.masks[l]
            // The paper's 1-based position of entry k, built only for an error.
            func position(_ k: Int) -> String { "W\(l + 1)[\(k / cols + 1),\(k % cols + 1)]" }
            for (k, v) in layer.values.enumerated() {
                guard v.isFinite else { throw SparseScapeError("\(path): \(position(k)) is not finite (\(v))") }
                if mask[k] { out.append(v) }
                else if v != 0 { throw SparseScapeError("\(path): \(position(k)) is pruned by the mask but the file gives \(v)") }
            }
        }
        return out
    }
}
