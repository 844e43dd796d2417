import ArgumentParser
import Foundation
import SparseScapeCore
import SparseScapeFigures
import SparseScapeWording

/// `sparsescape path`.
struct PathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "path",
        abstract: "The minimum-energy path between two points: its saddle, its barrier, beside the straight line and the dense network.",
        discussion: """
            A nudged elastic band (improved tangents, a climbing image, FIRE relaxation) from --from to --to in the \
            mask's free-parameter space. Minima come as orbits of the symmetries: the target is tried in its \
            mask-preserving node permutations with every sign pattern and both ends balanced, the nearest \
            --candidates representatives each get a band, and the lowest pass is kept. The highest image is refined \
            by Newton on ∇L = 0 and certified (a mountain pass is an index-1 saddle). Reported: the saddle, the barrier \
            above each end, the straight line's exact barrier, whether the path is monotone, and the same endpoints' \
            path in the dense network.

            Examples:
              sparsescape path theorem5 --from spurious-minimum --to best-found
              sparsescape path table1-row1 --from spurious-minimum --to global-minimum \\
                  --json
              # the profile as a figure:
              sparsescape path theorem5 --from spurious-minimum --to best-found \\
                  --plot pass.svg
            """
    )

    @Argument(help: "A config file or a preset name.") var network: String
    @Option(help: "Start: a point file or a reference point's label.") var from: String
    @Option(help: "End: a point file or a reference point's label.") var to: String
    @Option(parsing: .unconditional, help: "Images of the band, endpoints included.") var images: Int = 25
    @Option(parsing: .unconditional, help: "FIRE iteration budget of each band.") var iterations: Int = 4000
    @Option(parsing: .unconditional, help: "Representatives of the target that get a band.") var candidates: Int = 3
    @Flag(name: .customLong("no-symmetry"), help: "Use the target as given (no permutation, sign flip or balancing).") var noSymmetry = false
    @Flag(name: .customLong("no-dense"), help: "Skip the dense network's path.") var noDense = false
    @Option(help: "Write the path here as CSV (image, arc_length, loss, theta1…) with a JSON sidecar FILE.json.") var out: String?
    @Option(name: .customLong("saddle-out"), help: "Write the certified saddle as a point file (for certify, slice --dirs plane:…).") var saddleOut: String?
    @OptionGroup var output: OutputOptions
    @OptionGroup var plotOption: PlotOption

    func run() throws {
        try CountOption.check(images, atLeast: 3, "--images")
        try CountOption.check(iterations, atLeast: 1, "--iterations")
        try CountOption.check(candidates, atLeast: 1, "--candidates")
        // Every output, declared before any work: two of them naming one file are refused here.
        let outputs = CommandOutputs()
        if let out { try outputs.declarePair(data: out, sidecar: SliceExport.sidecarPath(for: out), option: "--out") }
        if let saddleOut { try outputs.declare(saddleOut, option: "--saddle-out") }
        if let plot = plotOption.plot { try outputs.declare(plot, option: "--plot") }
        let config = try PresetLibrary.resolve(network)
        let f = try config.lossFunction()
        let a = try givenPoint(from, option: "--from", config: config, f: f), b = try givenPoint(to, option: "--to", config: config, f: f)
        let settings = PathSettings(band: try ElasticBandSettings(images: images, maxIterations: iterations),
                                    alignSymmetries: !noSymmetry, candidates: candidates, dense: !noDense)
        let showProgress = Console.stderrIsTerminal
        let result = try MinimumEnergyPath.run(f, from: a, to: b, settings: settings) { message in
            if showProgress { Console.progress(message) }
        }
        if showProgress { Console.endProgress() }
        // --saddle-out needs a certified saddle: checked before anything is written.
        var saddle: (params: [Double], loss: Double)?
        if let saddleOut {
            guard let s = result.path.saddle, s.classification != .notCritical else {
                throw SparseScapeError("no certified saddle on this path (it does not rise above both endpoints); nothing written to \(SafeText.escaped(saddleOut))")
            }
            saddle = (s.params, s.loss)
        }
        // The path CSV and its sidecar, the saddle and --plot's figure (the loss along the path, its saddle, the
        // straight line and the dense path), published together.
        try outputs.publish {
            if let out {
                var command = "sparsescape path \(network) --from \(from) --to \(to) --images \(images) --iterations \(iterations) --candidates \(candidates)"
                if noSymmetry { command += " --no-symmetry" }
                let meta = PathMetadata(config: config, from: from, to: to, fromParams: a, toParams: b, settings: settings,
                                        result: result, command: command)
                try PathExport.write(result.path, metadata: meta, to: out)
            }
            if let saddleOut, let saddle {
                try PointFile.write(params: saddle.params, to: saddleOut, extras: [("loss", JSONText.number(saddle.loss)), ("config", JSONText.string(config.name))])
            }
            if let plot = plotOption.plot {
                try PathFigure.make(f, result: result, name: config.name, from: from, to: to).document().write(to: plot)
            }
        }
        if output.json { print(try JSONText.encode(result), terminator: "") }
        else {
            print(PathReport.text(result, name: config.name, from: SafeText.escaped(from), to: SafeText.escaped(to)))
            if let plot = plotOption.plot { print("wrote \(SafeText.escaped(plot))") }
            if let out { print("wrote \(SafeText.escaped(out)) and \(SafeText.escaped(SliceExport.sidecarPath(for: out)))") }
            if let saddleOut { print("wrote the saddle to \(SafeText.escaped(saddleOut))") }
        }
    }
}
