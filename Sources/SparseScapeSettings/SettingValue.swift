import SparseScapeCore
import SparseScapeEngine
import SparseScapeUI

/// Parsing of one setting's text, shared by the command-line flags and the settings file.
///
/// Each function throws `SettingValue.Problem`, a phrase without the setting's name ("must be …, got …"), which
/// the caller prefixes with where the value came from (`--grid`, or `config.toml: grid`).
public enum SettingValue {
    /// What is wrong with a value, as a phrase to follow the setting's name.
    public struct Problem: Error, Equatable, Sendable {
        /// "must be …, got …".
        public let phrase: String
        /// A problem worded by `phrase`.
        public init(_ phrase: String) { self.phrase = phrase }
    }

    /// The pace levels as written: "1, 3, 10, …, 100000 or unlimited".
    public static var speedSpellings: String {
        let names = DescentSpeed.levels.map { $0.map { String(Int($0)) } ?? "unlimited" }
        return names.dropLast().joined(separator: ", ") + " or " + names.last!
    }

    /// A pace: one of the levels in steps per second, or "unlimited".
    public static func speed(_ text: String) throws -> DescentSpeed {
        if text == "unlimited" || text == "max" { return DescentSpeed(stepsPerSecond: nil) }
        guard let rate = Double(text), let level = DescentSpeed.levels.firstIndex(where: { $0 == rate }) else {
            throw Problem("must be one of \(speedSpellings), got \(quoted(text))")
        }
        return DescentSpeed(level: level)
    }

    /// Slice points per axis, within `ExplorerSettings.gridRange`.
    public static func grid(_ n: Int) throws -> Int {
        let r = ExplorerSettings.gridRange
        guard r.contains(n) else { throw Problem("must be a whole number from \(r.lowerBound) to \(r.upperBound), got \(n)") }
        return n
    }

    /// A slice span: positive and finite.
    public static func span(_ x: Double) throws -> Double {
        guard x.isFinite, x > 0 else { throw Problem("must be a positive finite number, got \(x)") }
        return x
    }

    /// A colour depth: auto, direct, 256, 16 or 8.
    public static func color(_ text: String) throws -> ColorDepth {
        guard let depth = ColorDepth(rawValue: text.lowercased()) else {
            throw Problem("must be \(ColorDepth.spellings), got \(quoted(text))")
        }
        return depth
    }

    /// A theme name or path: non-empty, no control characters (whether it exists is the theme loader's to say).
    public static func theme(_ text: String) throws -> String {
        guard !text.isEmpty, !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw Problem("must be a theme name or a .theme file, got \(quoted(text))")
        }
        return text
    }

    /// `text` in single quotes, cut and with control characters escaped, as the project quotes user text.
    static func quoted(_ text: String) -> String { SafeText.quoted(text, limit: 80) }
}
