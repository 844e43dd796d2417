import Foundation
import SparseScapeCore
import TOMLKit

/// Reading a grid plan from its TOML file.
///
/// ```toml
/// name = "digits-magnitude-vs-random"     # default: the file's name
/// output = "digits-grid"                  # the results folder, relative to this file (default: the name)
/// networks = ["digits"]                   # presets or config files (relative to this file)
/// methods = ["magnitude", "random"]       # magnitude, random, snip, imp
/// sparsities = [0.2, 0.4, 0.6, 0.8, 0.9]  # the one-shot methods' sparsities
/// seeds = [1, 2, 3]
/// start = "seed"                          # "seed" (a Gaussian start per seed) or "config" (the config's start)
///
/// [prune]           # as `sparsescape prune`: scope, restarts, steps, tol, optimizer, lr
/// [imp]             # levels, rate, rewind
/// [slurm]           # cpus-per-task, time, partition, sbatch = ["--mem=2G", …]
/// ```
///
/// Every key is checked: an unknown one (a typo) or a value of the wrong type is an error naming it.
extension GridPlan {
    /// Reads and validates the plan at `path`; `output` overrides the plan's results folder.
    public init(file path: String, output override: String? = nil) throws {
        let shown = SafeText.excerpt(path, limit: 200)
        let data = try FileReading.read(path)
        guard let text = String(data: data, encoding: .utf8), !text.utf8.contains(0) else {
            throw SparseScapeError("\(shown): not a TOML plan (not UTF-8 text)")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let e as TOMLParseError {
            throw SparseScapeError("\(shown): not valid TOML at line \(e.source.begin.line), column \(e.source.begin.column): \(SafeText.excerpt(e.description, limit: 120))")
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var reader = TOMLReader(table: table, file: shown, section: nil)
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let name = try reader.string("name") ?? stem
        if let why = DisplayedText.problem(name, field: "name") { throw SparseScapeError("\(shown): \(why)") }
        let outputName = try reader.string("output") ?? name
        let networkNames = try reader.strings("networks") ?? []
        let methodNames = try reader.strings("methods") ?? []
        let sparsities = try reader.doubles("sparsities") ?? []
        let seeds = try reader.integers("seeds", atLeast: 0) ?? []
        let startName = try reader.string("start") ?? GridPlan.Start.seed.rawValue
        guard let start = GridPlan.Start(rawValue: startName) else {
            throw SparseScapeError("\(shown): start must be \"seed\" or \"config\", got \(SafeText.quoted(startName))")
        }
        var prune = GridPlan.Prune(), imp = GridPlan.IMP(), slurm = GridPlan.Slurm()
        if var p = try reader.section("prune") {
            if let s = try p.string("scope") {
                guard let scope = MagnitudePruning.Scope(rawValue: s) else {
                    throw SparseScapeError("\(shown): [prune] scope must be global or layerwise, got \(SafeText.quoted(s))")
                }
                prune.scope = scope
            }
            prune.restarts = try p.integer("restarts", atLeast: 0) ?? prune.restarts
            prune.steps = try p.integer("steps", atLeast: 1) ?? prune.steps
            prune.tolerance = try p.double("tol") ?? prune.tolerance
            if let o = try p.string("optimizer") {
                do { prune.optimizer = try OptimizerKind.parse(o) } catch let e as SparseScapeError { throw SparseScapeError("\(shown): [prune] \(e.message)") }
            }
            prune.learningRate = try p.double("lr") ?? prune.learningRate
            try p.finish()
        }
        if var i = try reader.section("imp") {
            imp.levels = try i.integer("levels", atLeast: 1) ?? imp.levels
            imp.rate = try i.double("rate") ?? imp.rate
            imp.rewind = try i.integer("rewind", atLeast: 0) ?? imp.rewind
            try i.finish()
        }
        if var s = try reader.section("slurm") {
            slurm.cpusPerTask = try s.integer("cpus-per-task", atLeast: 1) ?? slurm.cpusPerTask
            slurm.time = try s.string("time") ?? slurm.time
            slurm.partition = try s.string("partition") ?? slurm.partition
            slurm.options = try s.strings("sbatch") ?? slurm.options
            for text in [slurm.time] + [slurm.partition].compactMap({ $0 }) + slurm.options
            where text.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\"" || $0 == "'" || $0 == "$" || $0 == "`" || $0 == "\\" }) {
                throw SparseScapeError("\(shown): [slurm] values are written into the job scripts; \(SafeText.quoted(text)) holds a quote, $, `, \\ or a control character")
            }
            try s.finish()
        }
        try reader.finish()
        guard prune.tolerance >= 0 else { throw SparseScapeError("\(shown): [prune] tol must be ≥ 0, got \(prune.tolerance)") }
        if let lr = prune.learningRate, lr <= 0 { throw SparseScapeError("\(shown): [prune] lr must be positive, got \(lr)") }
        let methods = try methodNames.map { m -> PruningMethod in
            do { return try PruningMethod.parse(m) } catch let e as SparseScapeError { throw SparseScapeError("\(shown): methods: \(e.message)") }
        }
        if !methods.contains(.imp), reader.had("imp") { throw SparseScapeError("\(shown): an [imp] section but no \"imp\" in methods") }
        if !methods.contains(where: \.isOneShot), !sparsities.isEmpty {
            throw SparseScapeError("\(shown): sparsities are for the one-shot methods (magnitude, random, snip); imp prunes [imp] rate per level")
        }
        let networks = try networkNames.map { argument -> GridPlan.Network in
            let local = argument.hasPrefix("/") ? argument : directory + "/" + argument
            do {
                let config = FileManager.default.fileExists(atPath: local) ? try NetworkConfig.load(path: local) : try PresetLibrary.resolve(argument)
                return GridPlan.Network(argument: argument, config: config)
            } catch let e as SparseScapeError {
                throw SparseScapeError("\(shown): networks: \(e.message)")
            }
        }
        if Set(networks.map(\.name)).count != networks.count {
            throw SparseScapeError("\(shown): two networks have the same name; give each config its own \"name\"")
        }
        let output = override ?? (outputName.hasPrefix("/") ? outputName : directory + "/" + outputName)
        try self.init(name: name, file: path, output: output, networks: networks, methods: methods, sparsities: sparsities,
                      seeds: seeds.map { UInt64($0) }, start: start, prune: prune, imp: imp, slurm: slurm)
    }
}

/// Reads typed keys from one table of a plan, remembering which were read so that `finish` can name an unknown one.
struct TOMLReader {
    let table: TOMLTable
    let file: String
    /// "[prune] " for a section, "" at the top.
    let section: String?
    private var read: Set<String> = []

    init(table: TOMLTable, file: String, section: String?) {
        self.table = table
        self.file = file
        self.section = section
    }

    private var prefix: String { section.map { "[\($0)] " } ?? "" }

    private func fail(_ key: String, _ why: String) -> SparseScapeError {
        SparseScapeError("\(file): \(prefix)\(key) \(why)")
    }

    private mutating func value(_ key: String) -> TOMLValueConvertible? {
        read.insert(key)
        return table[key]
    }

    /// True when the table has `key` (read or not).
    func had(_ key: String) -> Bool { table.keys.contains(key) }

    mutating func string(_ key: String) throws -> String? {
        guard let v = value(key) else { return nil }
        guard let s = v.string else { throw fail(key, "must be a string") }
        return s
    }

    mutating func integer(_ key: String, atLeast minimum: Int) throws -> Int? {
        guard let v = value(key) else { return nil }
        guard let i = v.int else { throw fail(key, "must be a whole number") }
        guard i >= minimum else { throw fail(key, "must be at least \(minimum), got \(i)") }
        return i
    }

    mutating func double(_ key: String) throws -> Double? {
        guard let v = value(key) else { return nil }
        guard let d = v.double ?? v.int.map(Double.init), d.isFinite else { throw fail(key, "must be a finite number") }
        return d
    }

    mutating func strings(_ key: String) throws -> [String]? {
        guard let v = value(key) else { return nil }
        guard let a = v.array else { throw fail(key, "must be an array of strings") }
        return try a.enumerated().map { k, e in
            guard let s = e.string else { throw fail(key, "entry \(k + 1) must be a string") }
            return s
        }
    }

    mutating func doubles(_ key: String) throws -> [Double]? {
        guard let v = value(key) else { return nil }
        guard let a = v.array else { throw fail(key, "must be an array of numbers") }
        return try a.enumerated().map { k, e in
            guard let d = e.double ?? e.int.map(Double.init), d.isFinite else { throw fail(key, "entry \(k + 1) must be a finite number") }
            return d
        }
    }

    mutating func integers(_ key: String, atLeast minimum: Int) throws -> [Int]? {
        guard let v = value(key) else { return nil }
        guard let a = v.array else { throw fail(key, "must be an array of whole numbers") }
        return try a.enumerated().map { k, e in
            guard let i = e.int, i >= minimum else { throw fail(key, "entry \(k + 1) must be a whole number ≥ \(minimum)") }
            return i
        }
    }

    /// The reader of the table `[key]`, nil when absent.
    mutating func section(_ key: String) throws -> TOMLReader? {
        guard let v = value(key) else { return nil }
        guard let t = v.table else { throw fail(key, "must be a table ([\(key)])") }
        return TOMLReader(table: t, file: file, section: key)
    }

    /// Throws for a key that was never read (unknown, or misspelt).
    func finish() throws {
        if let unknown = table.keys.sorted().first(where: { !read.contains($0) }) {
            throw SparseScapeError("\(file): \(prefix)unknown key \(SafeText.quoted(unknown))")
        }
    }
}
