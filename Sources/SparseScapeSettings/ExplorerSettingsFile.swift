import Foundation
import SparseScapeCore
import SparseScapeUI
import TOMLKit

/// The explorer's settings file, `$XDG_CONFIG_HOME/sparsescape/config.toml` (default `~/.config/...`).
///
/// ```toml
/// theme = "light"     # default, light, colorblind, mono, or a .theme file (relative to this file)
/// speed = 300         # steps per second: 1, 3, 10, …, 100000 or "unlimited"
/// grid = 81           # slice points per axis, 2 to 1001
/// span = 0.5          # the slice plane's base half-width
/// color = "direct"    # auto, direct, 256, 16 or 8
/// ```
///
/// The user edits it; the explorer only reads it. Every key is checked: a value of the wrong type or out of range,
/// or an unknown key (named with the nearest known one), is a one-line error naming the file and the key.
public enum ExplorerSettingsFile {
    /// The keys the file may hold.
    public static let keys = ["theme", "speed", "grid", "span", "color"]
    /// Other names people write for a key.
    static let aliases = ["pace": "speed", "colour": "color", "colors": "color", "colours": "color",
                          "depth": "color", "colordepth": "color", "color-depth": "color", "color_depth": "color"]

    /// The file's path under `environment`: `$XDG_CONFIG_HOME/sparsescape/config.toml` when XDG_CONFIG_HOME is an
    /// absolute path (the XDG rule: a relative one is ignored), else `$HOME/.config/sparsescape/config.toml`; nil
    /// without either.
    public static func path(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return join(xdg, "sparsescape/config.toml") }
        if let home = environment["HOME"], home.hasPrefix("/") { return join(home, ".config/sparsescape/config.toml") }
        return nil
    }

    /// `dir/rest` without a doubled slash.
    static func join(_ dir: String, _ rest: String) -> String { (dir.hasSuffix("/") ? dir : dir + "/") + rest }

    /// The settings the file at `path` gives; nil when there is no file there.
    /// - Throws: `SparseScapeError` naming the file (and the key) when it cannot be read or holds a bad value.
    public static func load(path: String) throws -> ExplorerSettingsLayer? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let data = try FileReading.read(path)
        let shown = SafeText.excerpt(path, limit: 200)
        guard let text = String(data: data, encoding: .utf8), !text.utf8.contains(0) else {
            throw SparseScapeError("\(shown): not a TOML settings file (not UTF-8 text)")
        }
        var layer = try parse(text, name: shown)
        // A relative theme file is relative to the settings file, not to the working directory.
        if let t = layer.theme, t.contains("/") || t.hasSuffix(".theme"), !t.hasPrefix("/") {
            layer.theme = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(t).path
        }
        return layer
    }

    /// The settings TOML `text` gives; `name` (the file's, as shown) starts every error message.
    public static func parse(_ text: String, name: String) throws -> ExplorerSettingsLayer {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let e as TOMLParseError {
            throw SparseScapeError("\(name): not valid TOML at line \(e.source.begin.line), column \(e.source.begin.column): \(SafeText.excerpt(e.description, limit: 120))")
        }
        if let unknown = table.keys.sorted().first(where: { !keys.contains($0) }) {
            if table[unknown]?.table != nil {
                throw SparseScapeError("\(name): unknown table [\(SafeText.excerpt(unknown, limit: 60))] (the settings are top-level keys: \(keys.joined(separator: ", ")))")
            }
            throw SparseScapeError("\(name): " + NearestName.unknownKey(unknown, in: keys, aliases: aliases))
        }
        func fail(_ key: String, _ phrase: String) -> SparseScapeError { SparseScapeError("\(name): \(key) \(phrase)") }
        func checked<T>(_ key: String, _ parse: () throws -> T) throws -> T {
            do { return try parse() } catch let p as SettingValue.Problem { throw fail(key, p.phrase) }
        }
        var layer = ExplorerSettingsLayer()
        if let v = table["theme"] {
            guard let s = v.string else { throw fail("theme", "must be a string (a theme name or a .theme file)") }
            layer.theme = try checked("theme") { try SettingValue.theme(s) }
        }
        if let v = table["speed"] {
            // 300 or "300" or "unlimited"; 300.0 is 300.
            let text: String
            if let s = v.string { text = s }
            else if let i = v.int { text = String(i) }
            else if let d = v.double, d.isFinite, d == d.rounded(), abs(d) < 1e15 { text = String(Int(d)) }
            else { throw fail("speed", "must be a number of steps per second or \"unlimited\"") }
            layer.speed = try checked("speed") { try SettingValue.speed(text) }
        }
        if let v = table["grid"] {
            guard let i = v.int else { throw fail("grid", "must be a whole number") }
            layer.grid = try checked("grid") { try SettingValue.grid(i) }
        }
        if let v = table["span"] {
            guard let d = v.double ?? v.int.map(Double.init) else { throw fail("span", "must be a number") }
            layer.span = try checked("span") { try SettingValue.span(d) }
        }
        if let v = table["color"] {
            // "direct", "auto", or 256/16/8 as a string or a number.
            guard let s = v.string ?? v.int.map(String.init) else { throw fail("color", "must be \(ColorDepth.spellings)") }
            layer.color = try checked("color") { try SettingValue.color(s) }
        }
        return layer
    }
}
