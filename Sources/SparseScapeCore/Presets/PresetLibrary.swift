import Foundation

/// The built-in presets: the paper's examples as config files shipped with the tool.
public enum PresetLibrary {
    /// The preset opened when none is named.
    public static let defaultName = "theorem5"

    /// The order in which presets are listed (others follow alphabetically).
    static let preferredOrder = ["theorem5", "appendix-a", "table1-row1", "table1-row2", "table1-row3", "table2-gram",
                                 "theorem1-scalar", "theorem2-disjoint", "deep-scalar", "dense-baseline", "digits"]

    /// The directory holding the preset files.
    static var directory: URL? {
        Bundle.module.url(forResource: "Presets", withExtension: nil)
    }

    /// Names of all presets, default first.
    public static func names() -> [String] {
        guard let dir = directory,
              let files = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [] }
        let all = files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
        let known = preferredOrder.filter { all.contains($0) }
        return known + all.filter { !known.contains($0) }.sorted()
    }

    /// The raw JSON text of a preset.
    public static func text(_ name: String) throws -> String {
        guard names().contains(name), let dir = directory else {
            throw SparseScapeError("unknown preset \(SafeText.quoted(name)) (run 'sparsescape presets' to list them)")
        }
        let data = try FileReading.read(dir.appendingPathComponent(name + ".json").path)
        return String(decoding: data, as: UTF8.self)
    }

    /// A preset as a parsed config; data files it names (e.g. `"X": "digits-X.npy"`) resolve against the presets'
    /// resource directory, where they are shipped beside the preset files.
    public static func load(_ name: String) throws -> NetworkConfig {
        try NetworkConfig.parse(Data(try text(name).utf8), name: "preset \(name)", baseDirectory: directory?.path)
    }

    /// Resolves a command-line CONFIG|PRESET argument: an existing file is a config, otherwise a preset name.
    public static func resolve(_ argument: String) throws -> NetworkConfig {
        if FileManager.default.fileExists(atPath: argument) { return try NetworkConfig.load(path: argument) }
        if names().contains(argument) { return try load(argument) }
        if argument.hasSuffix(".json") || argument.contains("/") { throw SparseScapeError("\(SafeText.excerpt(argument, limit: 200)): no such file") }
        throw SparseScapeError("\(SafeText.quoted(argument)) is neither a config file nor a preset (presets: \(names().joined(separator: ", ")))")
    }
}
