import Foundation

/// A network configuration: architecture, masks, data and optional start and reference points.
///
/// File format (JSON): `{"name", "description", "widths": […], "masks": [[[0/1…]…] or "mask.npy|csv", …],
/// "X": [[…]…] or "file.npy|csv",
/// "Y": …, "start": […]?, "optimizer": "gd"?, "lr": x?, "points": {"label": […]}?, "torch": {"layers": […], "pruned": […]}?}`;
/// paths are relative to the file. Any other key is an error naming it and the nearest known key
/// (`unknown key "optimiser" (did you mean "optimizer"?)`), so a misspelt setting is never silently ignored.
public struct NetworkConfig: Sendable {
    /// Short name.
    public var name: String
    /// What the network shows.
    public var description: String
    /// The architecture (widths and masks).
    public var architecture: NetworkArchitecture
    /// The data.
    public var dataset: Dataset
    /// Optional start point (canonical order).
    public var start: [Double]?
    /// Optional recommended optimizer.
    public var optimizer: OptimizerKind?
    /// Optional recommended step size.
    public var learningRate: Double?
    /// Named reference points, sorted by label.
    public var points: [(label: String, params: [Double])] { didSet { pointIndex = Self.index(points) } }
    /// Label → position in `points` (a lookup by label is constant time, whatever the number of labels).
    private var pointIndex: [String: Int] = [:]
    /// The file X was read from (absolute, standardized), nil when X was given inline.
    public var xFile: String? = nil
    /// The file Y was read from (absolute, standardized), nil when Y was given inline.
    public var yFile: String? = nil
    /// The PyTorch layout of the checkpoint the config was imported from (`sparsescape import`), nil otherwise:
    /// points written as safetensors use its layer names.
    public var torch: TorchLayout? = nil

    /// A config of these parts.
    public init(name: String, description: String, architecture: NetworkArchitecture, dataset: Dataset, start: [Double]?,
                optimizer: OptimizerKind?, learningRate: Double?, points: [(label: String, params: [Double])],
                xFile: String? = nil, yFile: String? = nil) {
        self.name = name
        self.description = description
        self.architecture = architecture
        self.dataset = dataset
        self.start = start
        self.optimizer = optimizer
        self.learningRate = learningRate
        self.points = points
        self.xFile = xFile
        self.yFile = yFile
        pointIndex = Self.index(points)
    }

    /// The loss function of this network and data.
    public func lossFunction() throws -> LossFunction { try LossFunction(architecture: architecture, dataset: dataset) }

    /// The start point, or a seeded Gaussian one when the config has none (see `NetworkArchitecture.randomPoint`).
    public func startPoint(seed: UInt64) -> [Double] {
        if let start { return start }
        var g = SeededGenerator(seed: seed)
        return architecture.randomPoint(&g)
    }

    /// A reference point by label.
    public func point(_ label: String) -> [Double]? { pointIndex[label].map { points[$0].params } }

    /// The positions of `points` by label.
    static func index(_ points: [(label: String, params: [Double])]) -> [String: Int] {
        var index = [String: Int](minimumCapacity: points.count)
        for (k, p) in points.enumerated() where index[p.label] == nil { index[p.label] = k }
        return index
    }

    /// A command-line point argument: an existing file (canonical params, or per-layer matrices as JSON, .npy or
    /// .npz), else one of the config's reference-point labels.
    public func resolvePoint(_ argument: String) throws -> [Double] {
        if !FileManager.default.fileExists(atPath: argument), let p = point(argument) { return p }
        if !FileManager.default.fileExists(atPath: argument), !Self.namesPointFile(argument) {
            // Not a file and not a label: a missing label is named as one, with the labels there are.
            let name = SafeText.excerpt(argument, limit: 200)
            if points.isEmpty { throw SparseScapeError("\(name): unknown reference point: this config has no labelled points (and no such file)") }
            throw SparseScapeError("\(name): unknown reference point (labels: \(SafeText.names(points.map(\.label)))) and no such file")
        }
        return try PointFile.read(argument, architecture: architecture, torch: torch)
    }

    /// Whether `argument` reads as a point file's name (a directory part or a point file's extension) rather than a label.
    static func namesPointFile(_ argument: String) -> Bool {
        let lower = argument.lowercased()
        return argument.contains("/") || [".json", ".npy", ".npz", ".safetensors", ".csv", ".pt", ".pth"].contains { lower.hasSuffix($0) }
    }

    /// Parses a config file.
    public static func load(path: String) throws -> NetworkConfig {
        let data = try FileReading.read(path)
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return try parse(data, name: path, baseDirectory: dir)
    }

    /// Parses config JSON; relative data paths resolve against `baseDirectory`.
    public static func parse(_ data: Data, name: String, baseDirectory: String?) throws -> NetworkConfig {
        let displayName = SafeText.excerpt(name, limit: 200)
        func fail(_ why: String) -> SparseScapeError { SparseScapeError("\(displayName): \(why)") }
        let tree = try JSONParser.parse(data, name: displayName)
        // A misspelt key ("optimiser", "learning_rate") is an error, not a setting silently ignored.
        if let why = RawConfig.unknownKeyProblem(tree) { throw fail(why) }
        let raw: RawConfig
        do { raw = try JSONValueDecoder.decode(RawConfig.self, from: tree) }
        catch let e as DecodingError { throw fail(JSONErrors.describe(e)) }
        // Names, descriptions and labels are shown on the terminal: control characters are refused, not printed.
        if let why = DisplayedText.problem(raw.name, field: "name") ?? DisplayedText.problem(raw.description, field: "description")
            ?? (raw.points?.entries ?? []).lazy.compactMap({ DisplayedText.problem($0.0, field: "a point label") }).first {
            throw fail(why)
        }
        var masks: [[Bool]] = []
        guard raw.widths.count >= 2 else { throw fail("widths must list at least two layers (dx and dy)") }
        if let k = raw.widths.firstIndex(where: { !(1...1_000_000).contains($0) }) {
            throw fail("widths must be between 1 and 1000000, got \(raw.widths[k]) (entry \(k + 1) of \(SafeText.list(raw.widths)))")
        }
        guard raw.masks.count == raw.widths.count - 1 else {
            throw fail("expected \(raw.widths.count - 1) masks for widths \(SafeText.list(raw.widths)), got \(raw.masks.count)")
        }
        for (l, source) in raw.masks.enumerated() {
            let r = raw.widths[l], c = raw.widths[l + 1]
            let m: Matrix
            switch source {
            case .inline(let rows):
                guard rows.count == r, rows.allSatisfy({ $0.count == c }) else {
                    throw fail("mask \(l + 1) must be \(r)x\(c) (rows = inputs, columns = outputs), got \(rows.count) rows of lengths \(Set(rows.map(\.count)).sorted())")
                }
                m = Matrix(rows: r, cols: c, data: rows.flatMap { $0 })
            case .path:
                m = try source.load(label: "mask \(l + 1)", configName: name, baseDirectory: baseDirectory)
                guard m.rows == r, m.cols == c else { throw fail("mask \(l + 1) must be \(r)x\(c), the file holds \(m.rows)x\(m.cols)") }
            }
            if let bad = m.data.firstIndex(where: { $0 != 0 && $0 != 1 }) {
                throw fail("mask \(l + 1) entry (\(bad / c + 1), \(bad % c + 1)) is \(m.data[bad]); masks must be 0 or 1")
            }
            masks.append(m.data.map { $0 == 1 })
        }
        let arch: NetworkArchitecture
        do { arch = try NetworkArchitecture(widths: raw.widths, masks: masks) } catch let e as SparseScapeError { throw fail(e.message) }
        // The data's size, from the .npy headers and the CSV files' sizes, against the memory budget before either is read.
        let budget = try MemoryBudget.current()
        let xBytes = try raw.x.memoryNeeded(baseDirectory: baseDirectory, budget: budget.bytes)
        let yBytes = try raw.y.memoryNeeded(baseDirectory: baseDirectory, budget: budget.bytes)
        if xBytes > 0 || yBytes > 0 {
            let sum = xBytes.addingReportingOverflow(yBytes)
            try budget.require(sum.overflow ? nil : sum.partialValue, for: "reading the data X and Y of \(SafeText.excerpt(name, limit: 200))")
        }
        let x = try raw.x.load(label: "X", configName: name, baseDirectory: baseDirectory)
        let y = try raw.y.load(label: "Y", configName: name, baseDirectory: baseDirectory)
        let dataset: Dataset
        do { dataset = try Dataset(x: x, y: y) } catch let e as SparseScapeError { throw fail(e.message) }
        guard x.cols == arch.inputWidth else { throw fail("X has \(x.cols) columns but widths[0] is \(arch.inputWidth)") }
        guard y.cols == arch.outputWidth else { throw fail("Y has \(y.cols) columns but the last width is \(arch.outputWidth)") }
        func checkPoint(_ p: [Double], _ what: String) throws {
            guard p.count == arch.parameterCount else {
                throw fail("\(what) has \(p.count) values but the network has \(arch.parameterCount) free weights")
            }
            guard p.allSatisfy({ $0.isFinite }) else { throw fail("\(what) contains a non-finite value") }
        }
        if let s = raw.start { try checkPoint(s, "start") }
        var points: [(String, [Double])] = []
        for (label, p) in raw.points?.entries ?? [] {
            try checkPoint(p, "point \(SafeText.quoted(label))")
            points.append((label, p))
        }
        let optimizer: OptimizerKind?
        do { optimizer = try raw.optimizer.map { try OptimizerKind.parse($0) } } catch let e as SparseScapeError { throw fail(e.message) }
        if let lr = raw.lr, !(lr.isFinite && lr > 0) { throw fail("lr must be a positive finite number, got \(lr)") }
        var torch: TorchLayout? = nil
        if let t = raw.torch {
            guard t.layers.count == arch.depth else { throw fail("torch.layers names \(t.layers.count) layers but the network has \(arch.depth)") }
            if let why = t.layers.lazy.compactMap({ DisplayedText.problem($0, field: "a torch layer name") }).first { throw fail(why) }
            do { torch = try TorchLayout(layers: t.layers, pruned: t.pruned) } catch let e as SparseScapeError { throw fail(e.message) }
        }
        var config = NetworkConfig(name: raw.name ?? SafeText.escaped(URL(fileURLWithPath: name).deletingPathExtension().lastPathComponent),
                             description: raw.description ?? "", architecture: arch, dataset: dataset,
                             start: raw.start, optimizer: optimizer, learningRate: raw.lr, points: points,
                             xFile: raw.x.resolvedPath(baseDirectory: baseDirectory),
                             yFile: raw.y.resolvedPath(baseDirectory: baseDirectory))
        config.torch = torch
        return config
    }

    /// The config as JSON text (data inline), readable by `parse`.
    public func jsonText() -> String { jsonText(referencingDataFilesFrom: nil) }

    /// The config as JSON text, readable by `parse`. With `directory` (the directory the text will be saved in), X and Y
    /// that were read from files are written as references to those files instead of inline: relative to `directory`
    /// when they lie inside it, else absolute. Data given inline stays inline.
    public func jsonText(referencingDataFilesFrom directory: String?) -> String {
        func data(_ m: Matrix, _ file: String?) -> String {
            if let directory, let file { return JSONText.string(Self.reference(to: file, from: directory)) }
            return JSONText.nested(m.nested.map { $0.map(JSONText.number) }, indent: 2)
        }
        var fields: [(String, String)] = [
            ("name", JSONText.string(name)),
            ("description", JSONText.string(description)),
            ("widths", JSONText.array(architecture.widths.map(String.init))),
            ("masks", JSONText.nested((0..<architecture.depth).map { l in architecture.maskRows(l).map { $0.map(String.init) } }, indent: 2)),
            ("X", data(dataset.x, xFile)),
            ("Y", data(dataset.y, yFile)),
        ]
        if let start { fields.append(("start", JSONText.numberArray(start))) }
        if let optimizer { fields.append(("optimizer", JSONText.string(optimizer.rawValue))) }
        if let learningRate { fields.append(("lr", JSONText.number(learningRate))) }
        if !points.isEmpty {
            let inner = points.map { "    \(JSONText.string($0.label)): \(JSONText.numberArray($0.params))" }
            fields.append(("points", "{\n" + inner.joined(separator: ",\n") + "\n  }"))
        }
        if let torch { fields.append(("torch", torch.jsonText)) }
        return "{\n" + fields.map { "  \(JSONText.string($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n}\n"
    }

    /// `file` as a config would name it from `directory`: relative when inside it, else absolute.
    static func reference(to file: String, from directory: String) -> String {
        let dir = URL(fileURLWithPath: directory).standardizedFileURL.path
        let prefix = dir.hasSuffix("/") ? dir : dir + "/"
        return file.hasPrefix(prefix) ? String(file.dropFirst(prefix.count)) : file
    }
}

/// The config file as decoded, before validation.
struct RawConfig: Decodable {
    var name: String?
    var description: String?
    var widths: [Int]
    var masks: [MatrixSource]
    var x: MatrixSource
    var y: MatrixSource
    var start: [Double]?
    var optimizer: String?
    var lr: Double?
    var points: OrderedPoints?
    var torch: RawTorchLayout?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, description, widths, masks, x = "X", y = "Y", start, optimizer, lr, points, torch
    }

    /// Names people write for a known key that edit distance would not find.
    static let keyAliases = ["learning_rate": "lr", "learningrate": "lr", "step_size": "lr", "stepsize": "lr",
                             "rate": "lr", "shape": "widths", "layers": "widths", "init": "start", "labels": "points"]

    /// The first key of the config object (or of its `torch` object) that the format does not know, worded with
    /// the nearest known key; nil when every key is known or `tree` is no object (the decoder says so).
    static func unknownKeyProblem(_ tree: JSONValue) -> String? {
        guard case .object(let fields) = tree else { return nil }
        let known = CodingKeys.allCases.map(\.rawValue)
        if let bad = fields.first(where: { !known.contains($0.key) }) {
            return NearestName.unknownKey(bad.key, in: known, aliases: keyAliases)
        }
        if case .object(let torch)? = fields.last(where: { $0.key == CodingKeys.torch.rawValue })?.value {
            let torchKeys = RawTorchLayout.CodingKeys.allCases.map(\.rawValue)
            if let bad = torch.first(where: { !torchKeys.contains($0.key) }) {
                return "torch: " + NearestName.unknownKey(bad.key, in: torchKeys)
            }
        }
        return nil
    }
}

/// A config's `torch` field as decoded.
struct RawTorchLayout: Decodable {
    var layers: [String]
    var pruned: [Bool]

    enum CodingKeys: String, CodingKey, CaseIterable { case layers, pruned }
}

/// Named points, sorted by label (JSON objects carry no order).
struct OrderedPoints: Decodable {
    var entries: [(String, [Double])]

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        entries = try c.allKeys.sorted { $0.stringValue < $1.stringValue }.map { ($0.stringValue, try c.decode([Double].self, forKey: $0)) }
    }
}

/// A matrix given inline or as a path to a `.npy` or `.csv` file.
enum MatrixSource: Decodable {
    case inline([[Double]])
    case path(String)

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) { self = .path(s); return }
        self = .inline(try c.decode([[Double]].self))
    }

    /// The file's absolute, standardized path (relative paths resolve against `baseDirectory`, else the working
    /// directory); nil for inline data.
    func resolvedPath(baseDirectory: String?) -> String? {
        guard case .path(let p) = self else { return nil }
        let full = p.hasPrefix("/") || baseDirectory == nil ? p : baseDirectory! + "/" + p
        return URL(fileURLWithPath: full).standardizedFileURL.path
    }

    /// The bytes reading the file takes (0 for inline data, already in memory; Int.max when it overflows): from a
    /// `.npy` header, or a CSV's size. A file that cannot be read is left for `load` to name.
    func memoryNeeded(baseDirectory: String?, budget: Int) throws -> Int {
        guard case .path(let p) = self else { return 0 }
        let full = p.hasPrefix("/") || baseDirectory == nil ? p : baseDirectory! + "/" + p
        let lower = p.lowercased()
        do {
            if lower.hasSuffix(".npy") { return try NpyReader.memoryNeeded(full) ?? Int.max }
            if lower.hasSuffix(".csv") { return try CSVMatrixReader.memoryNeeded(full, budget: budget) ?? Int.max }
        } catch {
            return 0
        }
        return 0
    }

    func load(label: String, configName: String, baseDirectory: String?) throws -> Matrix {
        switch self {
        case .inline(let rows):
            guard let first = rows.first, !first.isEmpty else { throw SparseScapeError("\(SafeText.excerpt(configName, limit: 200)): \(label) is empty") }
            if let bad = rows.firstIndex(where: { $0.count != first.count }) {
                throw SparseScapeError("\(SafeText.excerpt(configName, limit: 200)): \(label) row \(bad + 1) has \(rows[bad].count) values, expected \(first.count)")
            }
            return Matrix(rows)
        case .path(let p):
            let full = p.hasPrefix("/") || baseDirectory == nil ? p : baseDirectory! + "/" + p
            let lower = p.lowercased()
            if lower.hasSuffix(".npy") { return try NpyReader.read(full) }
            if lower.hasSuffix(".csv") { return try CSVMatrixReader.read(full) }
            throw SparseScapeError("\(SafeText.excerpt(configName, limit: 200)): \(label) path \(SafeText.quoted(p, limit: 200)) must end in .npy or .csv")
        }
    }
}
