import ArgumentParser
import Foundation
import SparseScapeCore
import SparseScapeCurses
import SparseScapeEngine
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

            Examples:
              sparsescape                                   # explore theorem5
              sparsescape explore table1-row1 --optimizer bcd
              sparsescape explore appendix-a --point escape-start --speed unlimited
              sparsescape explore theorem5 --point saved-point.json --optimizer newton
              sparsescape explore theorem5 --theme colorblind --glyphs ascii
              sparsescape explore net.json --point model.safetensors   # a PyTorch checkpoint (sparsescape import)
            """
    )

    @Argument(help: "A config file or a preset name.") var network: String = PresetLibrary.defaultName
    @Option(help: "Theme: default, light, colorblind, mono, or a .theme file.") var theme: String = "default"
    @OptionGroup var optimizerOptions: OptimizerOptions
    @Option(parsing: .unconditional, help: "Seed for random starts and directions.") var seed: Int = 0
    @Option(help: "Glyphs: auto (Unicode when the locale is UTF-8), unicode or ascii.") var glyphs: String = "auto"
    @Option(name: .customLong("out-dir"), help: "Directory for exports (default: the working directory).") var outDir: String = "."
    @Option(help: ArgumentHelp("Start from a point file (canonical params, or per-layer matrices as JSON/.npy/.npz/.safetensors) or a reference point's label.",
                               valueName: "file|label")) var point: String?
    @Option(help: ArgumentHelp("Steps per second: 1, 3, 10, 30, 100, 300, 1000, 3000, 10000, 100000 or unlimited (default 100; > and < change it).",
                               valueName: "rate")) var speed: String = "100"
    @Flag(help: "Start paused (space runs).") var paused = false

    func run() throws {
        var config = try PresetLibrary.resolve(network)
        // A checkpoint given as --point sets the layout that s writes the point back in (.safetensors beside the JSON).
        if let layout = try OutPointOption.checkpointLayout(point, config: config) { config.torch = layout }
        let settings = try optimizerOptions.settings(config: config, fallback: .gd)
        let loadedTheme = try Theme.load(nameOrPath: theme, executablePath: CommandLine.arguments[0])
        let seedValue = try parseSeed(seed)
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
        let pace = try parseSpeed(speed)
        try TerminalCheck.verify()
        SignalMonitor.install()
        let engine = try ExplorerEngine(config: config, optimizer: settings, seed: seedValue, start: start, startRunning: !paused, speed: pace)
        defer { engine.stop() }  // runs last: threads joined, no BLAS call in flight at exit
        let terminal = try CursesTerminal()
        defer { terminal.close() }  // runs first: the terminal is restored on every path
        let controller = ExplorerController(engine: engine, backend: terminal, theme: loadedTheme, glyphs: glyphSet,
                                            outDir: outDir, reviveRule: ExplorerEngine.reviveRule)
        controller.run()
    }
}

/// Parses `--speed`: one of the pace levels, or "unlimited".
func parseSpeed(_ text: String) throws -> DescentSpeed {
    if text == "unlimited" || text == "max" { return DescentSpeed(stepsPerSecond: nil) }
    guard let rate = Double(text), let level = DescentSpeed.levels.firstIndex(where: { $0 == rate }) else {
        let names = DescentSpeed.levels.map { $0.map { String(Int($0)) } ?? "unlimited" }.joined(separator: ", ")
        throw SparseScapeError("--speed must be one of \(names); got \(SafeText.quoted(text))")
    }
    return DescentSpeed(level: level)
}
