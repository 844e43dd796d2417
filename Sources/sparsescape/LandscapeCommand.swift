import ArgumentParser
import Foundation
import SparseScapeCore
import SparseScapeFigures
import SparseScapeWording

/// `sparsescape landscape`.
struct LandscapeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "landscape",
        abstract: "The map of a small landscape: minima, index-1 saddles and what they join, valleys, the disconnectivity graph.",
        discussion: """
            Critical points come from `critical` (--starts) and from minimum-energy paths between the --path-minima \
            lowest minima. Each index-1 saddle is descended along ± its negative eigenvector (L-BFGS, then the Newton \
            polish and the escape test) to the two minima it joins, or to a valley at infinity. Basins merge at the \
            saddle levels (the disconnectivity graph); the lowest barrier between two minima is the lowest level at \
            which a chain of saddles joins them. --dot FILE writes the graph for Graphviz (minima as boxes, saddles \
            as ellipses); --json gives minima, saddles (with joins), valleys and barriers.

            Examples:
              sparsescape landscape theorem5
              sparsescape landscape table1-row1 --dot table1.dot &&
                  dot -Tpdf table1.dot -o table1.pdf
              # the disconnectivity graph drawn by sparsescape itself:
              sparsescape landscape theorem5 --plot map.svg
            """
    )

    @Argument(help: "A config file or a preset name.") var network: String
    @Option(parsing: .unconditional, help: "Critical-point starts.") var starts: Int = 60
    @Option(parsing: .unconditional, help: "Seed.") var seed: Int = 0
    @Option(name: .customLong("path-minima"), parsing: .unconditional, help: "Paths are computed between this many lowest minima.") var pathMinima: Int = 4
    @Option(help: "Write the disconnectivity graph as Graphviz DOT here.") var dot: String?
    @OptionGroup var output: OutputOptions
    @OptionGroup var plotOption: PlotOption

    func run() throws {
        try CountOption.check(starts, atLeast: 1, "--starts")
        try CountOption.check(pathMinima, atLeast: 0, "--path-minima")
        // Every output, declared before any work: two of them naming one file are refused here.
        let outputs = CommandOutputs()
        if let dot { try outputs.declare(dot, option: "--dot") }
        if let plot = plotOption.plot { try outputs.declare(plot, option: "--plot") }
        let config = try PresetLibrary.resolve(network)
        let f = try config.lossFunction()
        let showProgress = Console.stderrIsTerminal
        let map = try Landscape.map(f, starts: starts, seed: try parseSeed(seed), pathMinima: pathMinima) { message in
            if showProgress { Console.progress(message) }
        }
        if showProgress { Console.endProgress() }
        // --dot and --plot (the disconnectivity graph as a figure), published together.
        try outputs.publish {
            if let dot { try AtomicFile.write(map.dot(name: config.name), to: dot) }
            if let plot = plotOption.plot { try LandscapeFigure(map: map, name: config.name).document().write(to: plot) }
        }
        if output.json { print(try JSONText.encode(map), terminator: "") }
        else {
            print(LandscapeReport.text(map, name: config.name))
            if let dot { print("wrote \(SafeText.escaped(dot))") }
            if let plot = plotOption.plot { print("wrote \(SafeText.escaped(plot))") }
        }
    }
}
