import Foundation
import SparseScapeCore

/// A colour theme in btop's file format: lines `theme[key]="#RRGGBB"`.
///
/// Accepted values: `#RRGGBB`, `#RGB`, `#GG` (a grey), and btop's decimal `"R G B"`; an empty value `""` leaves
/// the key unset. Blank lines and lines starting with `#` are comments. Unknown keys are kept in `colors`.
/// Keys the file leaves unset fall back to `Theme.builtinDefault`'s colours. Gradients are three keys
/// `NAME_start`, `NAME_mid`, `NAME_end` (see `gradient(_:)`).
public struct Theme: Equatable, Sendable {
    /// Where the theme came from (a file path, or "builtin").
    public let name: String
    /// Every key the file set, known or not.
    public let colors: [String: RGB]
    /// The widgets' colours, resolved (unset keys from the built-in default).
    public let palette: Palette

    /// A theme from already-parsed colours.
    public init(name: String, colors: [String: RGB]) {
        self.name = name
        self.colors = colors
        palette = Palette { key in colors[key.rawValue] ?? Theme.builtinColors[key.rawValue] ?? RGB(128, 128, 128) }
    }

    /// The known keys the file did not set.
    public var missingKeys: [ThemeKey] { ThemeKey.allCases.filter { colors[$0.rawValue] == nil } }

    /// The colour of a key (known or not), when set.
    public subscript(key: String) -> RGB? { colors[key] }

    /// The three stops `NAME_start`, `NAME_mid`, `NAME_end` (mid defaults to the average of the ends), when set.
    public func gradient(_ base: String) -> (start: RGB, mid: RGB, end: RGB)? {
        guard let s = colors[base + "_start"], let e = colors[base + "_end"] else { return nil }
        return (s, colors[base + "_mid"] ?? s.mixed(with: e, 0.5), e)
    }

    /// Parses a theme file's text; `source` names it in error messages.
    public static func parse(_ text: String, source: String) throws -> Theme {
        Theme(name: source, colors: try parseColors(text, source: source))
    }

    /// Parses `theme[key]="value"` lines into a dictionary.
    ///
    /// Errors give the line number and what was expected, never the line: a file whose first setting is not a
    /// `theme[key]=` line is "not a theme file" (it may be anything, e.g. /etc/passwd), and a bad colour is quoted
    /// only as a short escaped excerpt.
    static func parseColors(_ text: String, source: String) throws -> [String: RGB] {
        var out: [String: RGB] = [:]
        var lineNumber = 0
        var sawSetting = false
        let shownSource = SafeText.excerpt(source, limit: 200)
        let expected = "expected 'theme[key]=\"#RRGGBB\"'"
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\r")))
            if line.isEmpty || line.hasPrefix("#") { continue }
            func fail(_ why: String) -> SparseScapeError {
                SparseScapeError("theme \(shownSource) line \(lineNumber): \(why)")
            }
            guard line.hasPrefix("theme["), let close = line.firstIndex(of: "]") else {
                if !sawSetting { throw SparseScapeError("\(shownSource): not a theme file (line \(lineNumber): \(expected))") }
                throw fail(expected)
            }
            sawSetting = true
            let key = String(line[line.index(line.startIndex, offsetBy: 6)..<close]).trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                throw fail("bad key (expected letters, digits and _ between theme[ and ])")
            }
            let shownKey = SafeText.excerpt(key)
            var rest = line[line.index(after: close)...].trimmingCharacters(in: .whitespaces)
            guard rest.hasPrefix("=") else { throw fail("expected '=' after theme[\(shownKey)]") }
            rest = String(rest.dropFirst()).trimmingCharacters(in: .whitespaces)
            if rest.hasPrefix("\"") || rest.hasPrefix("'") {
                let q = rest.first!
                guard rest.count >= 2, rest.last == q else { throw fail("unterminated quote in the value of \(shownKey)") }
                rest = String(rest.dropFirst().dropLast())
            }
            let value = rest.trimmingCharacters(in: .whitespaces)
            if value.isEmpty { continue }
            guard let color = parseColor(value) else {
                throw fail("bad colour \(SafeText.quoted(value)) for \(shownKey) (expected #RRGGBB, #RGB, #GG or \"R G B\")")
            }
            out[key] = color
        }
        return out
    }

    /// `#RRGGBB`, `#RGB`, `#GG` (grey) or decimal `R G B` (0…255).
    public static func parseColor(_ value: String) -> RGB? {
        if value.hasPrefix("#") {
            let hex = Array(value.dropFirst())
            guard hex.allSatisfy({ $0.isHexDigit }) else { return nil }
            func byte(_ s: String) -> UInt8? { UInt8(s, radix: 16) }
            switch hex.count {
            case 6:
                guard let r = byte(String(hex[0...1])), let g = byte(String(hex[2...3])), let b = byte(String(hex[4...5])) else { return nil }
                return RGB(r, g, b)
            case 3:
                guard let r = byte(String([hex[0], hex[0]])), let g = byte(String([hex[1], hex[1]])),
                      let b = byte(String([hex[2], hex[2]])) else { return nil }
                return RGB(r, g, b)
            case 2:
                guard let v = byte(String(hex)) else { return nil }
                return RGB(v, v, v)
            default:
                return nil
            }
        }
        let parts = value.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 3 else { return nil }
        let nums = parts.compactMap { UInt8($0) }
        guard nums.count == 3 else { return nil }
        return RGB(nums[0], nums[1], nums[2])
    }

    /// Largest theme file read (real themes are a few kilobytes).
    public static let maximumFileBytes = 16 << 20

    /// Reads and parses a theme file.
    public static func load(path: String) throws -> Theme {
        let shown = SafeText.excerpt(path, limit: 200)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw SparseScapeError("theme file \(shown) does not exist")
        }
        if isDir.boolValue { throw SparseScapeError("theme \(shown) is a directory, not a theme file") }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > maximumFileBytes {
            throw SparseScapeError("\(shown): not a theme file (\(size) bytes; a theme file is at most \(maximumFileBytes))")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SparseScapeError("cannot read theme file \(shown)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SparseScapeError("\(shown): not a theme file (not UTF-8 text)")
        }
        return try parse(text, source: path)
    }

    /// Loads a theme by name (`themes/NAME.theme` in the package, or next to the executable) or by file path.
    ///
    /// A value containing "/" or ending in ".theme" is a path. The name "default" falls back to
    /// `builtinDefault` when no file is found; any other unknown name is an error listing where it looked.
    public static func load(nameOrPath: String, executablePath: String? = nil) throws -> Theme {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".theme") {
            return try load(path: nameOrPath)
        }
        guard !nameOrPath.isEmpty, nameOrPath.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw SparseScapeError("bad theme name \(SafeText.quoted(nameOrPath)) (use a name like 'light' or a path to a .theme file)")
        }
        let candidates = searchDirectories(executablePath: executablePath).map { $0 + "/" + nameOrPath + ".theme" }
        for c in candidates where FileManager.default.fileExists(atPath: c) {
            return try load(path: c)
        }
        if nameOrPath == "default" { return builtinDefault }
        throw SparseScapeError("unknown theme \(SafeText.quoted(nameOrPath)): no \(SafeText.excerpt(nameOrPath)).theme in \(searchDirectories(executablePath: executablePath).joined(separator: ", "))")
    }

    /// Where theme names are looked up: the package's `themes/`, then `themes/` next to the executable and
    /// `../share/sparsescape/themes` relative to it.
    public static func searchDirectories(executablePath: String? = nil) -> [String] {
        var dirs = [packageThemesDirectory]
        let exe = executablePath ?? Bundle.main.executablePath ?? CommandLine.arguments.first ?? ""
        if !exe.isEmpty {
            let dir = (exe as NSString).deletingLastPathComponent
            dirs.append(dir + "/themes")
            dirs.append(((dir as NSString).deletingLastPathComponent as NSString).appendingPathComponent("share/sparsescape/themes"))
        }
        return dirs
    }

    /// `themes/` at the package root, found from this source file's path.
    public static var packageThemesDirectory: String {
        let file = URL(fileURLWithPath: #filePath)
        return file.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("themes").path
    }

    /// The compiled-in dark theme (identical to `themes/default.theme`).
    public static let builtinDefault = Theme(name: "builtin", colors: builtinColors)

    /// The built-in colours, parsed once.
    static let builtinColors: [String: RGB] = (try? parseColors(builtinDefaultText, source: "builtin")) ?? [:]
}
