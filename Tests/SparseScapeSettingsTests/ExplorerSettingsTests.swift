import Foundation
import Testing
import SparseScapeCore
import SparseScapeEngine
import SparseScapeUI
@testable import SparseScapeSettings

/// The explorer's settings file: precedence (defaults < file < flags), its location, and its error messages.
@Suite struct ExplorerSettingsTests {
    static func parse(_ text: String) throws -> ExplorerSettingsLayer {
        try ExplorerSettingsFile.parse(text, name: "config.toml")
    }

    /// The message `text` is refused with.
    static func refusal(_ text: String) -> String? {
        do { _ = try parse(text); return nil } catch let e as SparseScapeError { return e.message } catch { return "\(error)" }
    }

    @Test func fileOverridesDefaultsAndFlagsOverrideTheFile() throws {
        let file = try Self.parse("""
            # my explorer
            theme = "light"
            speed = 300
            grid = 81
            span = 0.5
            color = "direct"
            """)
        #expect(file == ExplorerSettingsLayer(theme: "light", speed: DescentSpeed(stepsPerSecond: 300), grid: 81, span: 0.5, color: .direct))
        // No flags: the file's values.
        let fromFile = ExplorerSettings.resolve(file: file, flags: ExplorerSettingsLayer())
        #expect(fromFile == ExplorerSettings(theme: "light", speed: DescentSpeed(level: 5), grid: 81, span: 0.5, color: .direct))
        // Flags win key by key; what they leave out still comes from the file.
        let flags = ExplorerSettingsLayer(theme: "mono", grid: 41, color: .palette8)
        let resolved = ExplorerSettings.resolve(file: file, flags: flags)
        #expect(resolved == ExplorerSettings(theme: "mono", speed: DescentSpeed(level: 5), grid: 41, span: 0.5, color: .palette8))
        // No file: the defaults, then the flags.
        #expect(ExplorerSettings.resolve(file: nil, flags: ExplorerSettingsLayer()) == ExplorerSettings.defaults)
        #expect(ExplorerSettings.resolve(file: nil, flags: ExplorerSettingsLayer(span: 2)).span == 2)
        #expect(ExplorerSettings.defaults.grid == 61 && ExplorerSettings.defaults.speed == .standard && ExplorerSettings.defaults.color == .auto)
    }

    @Test func partialFileKeepsDefaults() throws {
        let file = try Self.parse("grid = 11\n")
        let s = ExplorerSettings.resolve(file: file, flags: ExplorerSettingsLayer())
        #expect(s == ExplorerSettings(theme: "default", speed: .standard, grid: 11, span: 1, color: .auto))
        #expect(try Self.parse("") == ExplorerSettingsLayer())
    }

    @Test func valuesInTheirOtherSpellings() throws {
        #expect(try Self.parse(#"speed = "unlimited""#).speed?.isUnlimited == true)
        #expect(try Self.parse(#"speed = "30""#).speed?.stepsPerSecond == 30)
        #expect(try Self.parse("speed = 1000.0").speed?.stepsPerSecond == 1000)
        #expect(try Self.parse("color = 256").color == .palette256)
        #expect(try Self.parse(#"color = "16""#).color == .palette16)
        #expect(try Self.parse(#"color = "Direct""#).color == .direct)
        #expect(try Self.parse("span = 2").span == 2)
    }

    @Test(arguments: [
        ("grid = 5000", "config.toml: grid must be a whole number from 2 to 1001, got 5000"),
        ("grid = 1.5", "config.toml: grid must be a whole number"),
        (#"grid = "61""#, "config.toml: grid must be a whole number"),
        ("span = -1", "config.toml: span must be a positive finite number, got -1.0"),
        ("span = inf", "config.toml: span must be a positive finite number, got inf"),
        (#"span = "wide""#, "config.toml: span must be a number"),
        ("speed = 42", "config.toml: speed must be one of 1, 3, 10, 30, 100, 300, 1000, 3000, 10000, 100000 or unlimited, got '42'"),
        ("speed = true", #"config.toml: speed must be a number of steps per second or "unlimited""#),
        (#"color = "truecolor""#, "config.toml: color must be auto, direct, 256, 16 or 8, got 'truecolor'"),
        ("color = 24", "config.toml: color must be auto, direct, 256, 16 or 8, got '24'"),
        ("theme = 3", "config.toml: theme must be a string (a theme name or a .theme file)"),
        (#"theme = """#, "config.toml: theme must be a theme name or a .theme file, got ''"),
        (#"thme = "light""#, #"config.toml: unknown key "thme" (did you mean "theme"?)"#),
        ("pace = 30", #"config.toml: unknown key "pace" (did you mean "speed"?)"#),
        (#"colour = "direct""#, #"config.toml: unknown key "colour" (did you mean "color"?)"#),
        ("grids = 3", #"config.toml: unknown key "grids" (did you mean "grid"?)"#),
        ("[explore]\ngrid = 3", "config.toml: unknown table [explore] (the settings are top-level keys: theme, speed, grid, span, color)"),
    ])
    func badValuesAreOneLineErrorsNamingFileAndKey(_ text: String, _ expected: String) {
        #expect(Self.refusal(text) == expected)
    }

    @Test func invalidTOMLNamesTheFileAndLine() throws {
        let message = try #require(Self.refusal("theme = \"light\"\ngrid = = 3\n"))
        #expect(message.hasPrefix("config.toml: not valid TOML at line 2"))
        #expect(!message.contains("\n"))
    }

    @Test func locationFollowsXDG() {
        typealias F = ExplorerSettingsFile
        #expect(F.path(environment: ["XDG_CONFIG_HOME": "/x/cfg", "HOME": "/home/u"]) == "/x/cfg/sparsescape/config.toml")
        #expect(F.path(environment: ["XDG_CONFIG_HOME": "/x/cfg/", "HOME": "/home/u"]) == "/x/cfg/sparsescape/config.toml")
        // A relative or empty XDG_CONFIG_HOME is ignored, as the XDG rule says.
        #expect(F.path(environment: ["XDG_CONFIG_HOME": "cfg", "HOME": "/home/u"]) == "/home/u/.config/sparsescape/config.toml")
        #expect(F.path(environment: ["XDG_CONFIG_HOME": "", "HOME": "/home/u"]) == "/home/u/.config/sparsescape/config.toml")
        #expect(F.path(environment: [:]) == nil)
    }

    @Test func loadReadsTheFileAndResolvesThemePathsBesideIt() throws {
        let dir = NSTemporaryDirectory() + "sparsescape-settings-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try ExplorerSettingsFile.load(path: dir + "/config.toml") == nil)   // no file: nothing set
        try "theme = \"mine.theme\"\ngrid = 21\n".write(toFile: dir + "/config.toml", atomically: true, encoding: .utf8)
        let layer = try #require(try ExplorerSettingsFile.load(path: dir + "/config.toml"))
        #expect(layer.theme == dir + "/mine.theme" && layer.grid == 21)
        try "theme = \"light\"\n".write(toFile: dir + "/config.toml", atomically: true, encoding: .utf8)
        #expect(try ExplorerSettingsFile.load(path: dir + "/config.toml")?.theme == "light")
        try Data([0xFF, 0xFE, 0]).write(to: URL(fileURLWithPath: dir + "/config.toml"))
        #expect(throws: SparseScapeError("\(dir)/config.toml: not a TOML settings file (not UTF-8 text)")) {
            try ExplorerSettingsFile.load(path: dir + "/config.toml")
        }
    }

    @Test func flagValuesParseAsTheFileDoes() throws {
        #expect(try SettingValue.speed("100") == .standard)
        #expect(try SettingValue.grid(2) == 2 && (try SettingValue.grid(1001)) == 1001)
        #expect(throws: SettingValue.Problem("must be a whole number from 2 to 1001, got 1")) { try SettingValue.grid(1) }
        #expect(throws: SettingValue.Problem("must be a positive finite number, got 0.0")) { try SettingValue.span(0) }
        #expect(throws: SettingValue.Problem("must be auto, direct, 256, 16 or 8, got 'x'")) { try SettingValue.color("x") }
    }
}
