import ArgumentParser
import Foundation
import SparseScapeCore
import SparseScapeCurses
import SparseScapeEngine
import SparseScapeSettings
import SparseScapeUI

/// `sparsescape explore`: the terminal explorer.
struct ExploreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explore",
        abstract: "Open the terminal explorer: network graph, live loss curves and a loss slice while descent runs.",
        discussion: """
            The optimizer runs in the background at a pace you set (--speed, or > and < while it runs), so the \
            descent into a stall can be watched; when it converges it pauses by itself and the certificate says \
            what the point is (global or spurious minimum, saddle with its index). The screen shows the network \
            (pruned edges dashed, regrow hints marked), log10 loss and gradient norm, and an exact 2-D loss slice \
            around the current point. Press ? for every key. Exports (e: slice CSV + JSON, E: loss history CSV, \
            s: point JSON, and the point with its masks as a PyTorch .safetensors state dict when the network came from a checkpoint: \
            an imported config, or --point FILE.safetensors) go to --out-dir under new timestamped names. Needs a terminal; elsewhere use the \
            headless commands.

            Settings: --theme, --speed, --grid, --span and --color can be kept in $XDG_CONFIG_HOME/sparsescape/config.toml \
            (default ~/.config/sparsescape/config.toml) as theme = "light", speed = 300, grid = 81, span = 0.5, color = "direct". \
            Flags win over the file, the file over the defaults; the explorer reads the file and never writes it \
            (docs/settings.md). --color direct draws 24-bit colour even when COLORTERM does not reach the program; \
            auto also takes it from the terminfo entry (RGB, or tmux's Tc).

            Examples:
              sparsescape                                   # explore theorem5
              sparsescape explore table1-row1 --optimizer bcd
              sparsescape explore appendix-a --point escape-start --speed unlimited
              sparsescape explore theorem5 --point saved-point.json --optimizer newton
              sparsescape explore theorem5 --theme colorblind --glyphs ascii --color 8
              # a PyTorch checkpoint (see sparsescape import):
              sparsescape explore net.json --point model.safetensors
            """
    )

    @Argument(help: "A config file or a preset name.") var network: String = PresetLibrary.defaultName
    @Option(help: "Theme: default, light, colorblind, mono, or a .theme file (default: default).") var theme: String?
    @OptionGroup var optimizerOptions: OptimizerOptions
    @Option(parsing: .unconditional, help: "Seed for random starts and directions.") var seed: Int = 0
    @Option(help: "Glyphs: auto (Unicode when the locale is UTF-8), unicode or ascii.") var glyphs: String = "auto"
    @Option(name: .customLong("out-dir"), help: "Directory for exports (default: the working directory).") var outDir: String?
    @Option(help: ArgumentHelp("Start from a point file (canonical params, or per-layer matrices as JSON/.npy/.npz/.safetensors) or a reference point's label.",
                               valueName: "file|label")) var point: String?
    @Option(help: ArgumentHelp("Steps per second: 1, 3, 10, 30, 100, 300, 1000, 3000, 10000, 100000 or unlimited; > and < change it (default: 100).",
                               valueName: "rate")) var speed: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("Slice points per axis, 2 to 1001 (default: 61).", valueName: "points")) var grid: Int?
    @Option(parsing: .unconditional, help: ArgumentHelp("Half-width of the slice plane, scaled by the point's size (default: 1).", valueName: "x")) var span: Double?
    @Option(help: ArgumentHelp("Colour depth: auto (24-bit when the terminal says so), direct, 256, 16 or 8 (default: auto).", valueName: "depth")) var color: String?
    @Flag(help: "Start paused (space runs).") var paused = false

    /// The settings the flags give, each checked as the settings file's values are.
    func flagSettings() throws -> ExplorerSettingsLayer {
        func checked<T>(_ flag: String, _ parse: () throws -> T) throws -> T {
            do { return try parse() } catch let p as SettingValue.Problem { throw SparseScapeError("\(flag) \(p.phrase)") }
        }
        return ExplorerSettingsLayer(
            theme: try theme.map { t in try checked("--theme") { try SettingValue.theme(t) } },
            speed: try speed.map { t in try checked("--speed") { try SettingValue.speed(t) } },
            grid: try grid.map { n in try checked("--grid") { try SettingValue.grid(n) } },
            span: try span.map { x in try checked("--span") { try SettingValue.span(x) } },
            color: try color.map { t in try checked("--color") { try SettingValue.color(t) } })
    }

    /// The settings to run with: the defaults, then the settings file, then the flags; and the file's path when
    /// the theme came from it (a theme it names that cannot be loaded is an error about the file).
    func resolvedSettings() throws -> (settings: ExplorerSettings, themeFile: String?) {
        let flags = try flagSettings()
        let path = ExplorerSettingsFile.path(environment: ProcessInfo.processInfo.environment)
        let file = try path.flatMap { try ExplorerSettingsFile.load(path: $0) }
        let themeFile = flags.theme == nil && file?.theme != nil ? path : nil
        return (ExplorerSettings.resolve(file: file, flags: flags), themeFile)
    }

    func run() throws {
        var config = try PresetLibrary.resolve(network)
        // A checkpoint given as --point sets the layout that s writes the point back in (.safetensors beside the JSON).
        if let layout = try OutPointOption.checkpointLayout(point, config: config) { config.torch = layout }
        let settings = try optimizerOptions.settings(config: config, fallback: .gd)
        let (display, themeFile) = try resolvedSettings()
        let loadedTheme: Theme
        do { loadedTheme = try Theme.load(nameOrPath: display.theme, executablePath: CommandLine.arguments[0]) }
        catch let e as SparseScapeError where themeFile != nil {
            throw SparseScapeError("\(SafeText.excerpt(themeFile!, limit: 200)): theme: \(e.message)")
        }
        let seedValue = try parseSeed(seed)
        let outDir = self.outDir ?? "."
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: outDir, isDirectory: &isDir), isDir.boolValue else {
            throw SparseScapeError("--out-dir \(SafeText.excerpt(outDir, limit: 200)) is not a directory")
        }
        let glyphSet: GlyphSet
        switch glyphs {
        case "ascii": glyphSet = .ascii
        case "unicode": glyphSet = .unicode
        case "auto": glyphSet = TerminalCheck.localeIsUTF8() ? .unicode : .ascii
        default: throw SparseScapeError("--glyphs must be auto, unicode or ascii, got \(SafeText.quoted(glyphs))")
        }
        // Every input is checked before the terminal is touched, so a bad one is a plain error line.
        let f = try config.lossFunction()
        let start = try point.map { try givenPoint($0, option: "--point", config: config, f: f) }
        if start == nil { try GivenPointCheck.check(f, config.startPoint(seed: seedValue), role: config.start != nil ? "the config's start" : "the random start (--seed \(seed))") }
        try TerminalCheck.verify()
        SignalMonitor.install()
        let engine = try ExplorerEngine(config: config, optimizer: settings, seed: seedValue, start: start, sliceGrid: display.grid,
                                      sliceSpan: display.span, startRunning: !paused, speed: display.speed)
        defer { engine.stop() }  // runs last: threads joined, no BLAS call in flight at exit
        let terminal = try CursesTerminal(depth: display.color)
        defer { terminal.close() }  // runs first: the terminal is restored on every path
        let controller = ExplorerController(engine: engine, backend: terminal, theme: loadedTheme, glyphs: glyphSet,
                                            outDir: outDir, reviveRule: ExplorerEngine.reviveRule)
        controller.run()
    }
}
