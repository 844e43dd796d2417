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
            The optimizer runs in the background; the screen shows the network (pruned edges dashed, useless ones \
            marked), log10 loss and gradient norm, and an exact 2-D loss slice around the current point. Press ? for \
            every key. Exports (e: slice CSV + JSON, E: loss history CSV, s: point JSON) go to --out-dir under new \
            timestamped names. Needs a terminal; elsewhere use the headless commands.

            Examples:
              sparsescape                                   # explore theorem5
              sparsescape explore table1-row1 --optimizer bcd
              sparsescape explore theorem5 --theme colorblind --glyphs ascii
            """
    )

    @Argument(help: "A config file or a preset name.") var network: String = PresetLibrary.defaultName
    @Option(help: "Theme: default, light, colorblind, mono, or a .theme file.") var theme: String = "default"
    @OptionGroup var optimizerOptions: OptimizerOptions
    @Option(help: "Seed for random starts and directions.") var seed: Int = 0
    @Option(help: "Glyphs: auto (Unicode when the locale is UTF-8), unicode or ascii.") var glyphs: String = "auto"
    @Option(name: .customLong("out-dir"), help: "Directory for exports (default: the working directory).") var outDir: String = "."

    func run() throws {
        let config = try PresetLibrary.resolve(network)
        let settings = try optimizerOptions.settings(config: config, fallback: .gd)
        let loadedTheme = try Theme.load(nameOrPath: theme, executablePath: CommandLine.arguments[0])
        let seedValue = try parseSeed(seed)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: outDir, isDirectory: &isDir), isDir.boolValue else {
            throw SparseScapeError("--out-dir \(outDir) is not a directory")
        }
        let glyphSet: GlyphSet
        switch glyphs {
        case "ascii": glyphSet = .ascii
        case "unicode": glyphSet = .unicode
        case "auto": glyphSet = TerminalCheck.localeIsUTF8() ? .unicode : .ascii
        default: throw SparseScapeError("--glyphs must be auto, unicode or ascii, got '\(glyphs)'")
        }
        try TerminalCheck.verify()
        SignalMonitor.install()
        let engine = try ExplorerEngine(config: config, optimizer: settings, seed: seedValue)
        defer { engine.stop() }  // runs last: threads joined, no BLAS call in flight at exit
        let terminal = try CursesTerminal()
        defer { terminal.close() }  // runs first: the terminal is restored on every path
        let controller = ExplorerController(engine: engine, backend: terminal, theme: loadedTheme, glyphs: glyphSet,
                                            outDir: outDir, reviveRule: ExplorerEngine.reviveRule)
        controller.run()
    }
}
