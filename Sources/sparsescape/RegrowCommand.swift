import ArgumentParser
import Foundation
import SparseScapeCore
import SparseScapeWording

/// `sparsescape regrow`.
struct RegrowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regrow",
        abstract: "Regrow certificates: which pruned connection, revived alone, would open a way down from a point?",
        discussion: """
            For every pruned connection: ∂L/∂w at the point (with w = 0), the exact best loss when only that weight is \
            revived (the loss is quadratic in one weight), and the point's certificate in the network with that edge \
            revived (λmin, classification, index; up to 400 pruned edges and 3000 weights). An edge opens a way down \
            when its gradient is non-zero or the revived point is a saddle. The dense network's verdict is given too.

            Examples:
              sparsescape regrow theorem5 --point spurious-minimum
              sparsescape regrow theorem5 --point spurious-minimum --json
            """
    )

    @Argument(help: "A config file or a preset name.") var network: String
    @Option(help: "The point: a file ({\"params\": [...]}) or a reference point's label.") var point: String
    @OptionGroup var output: OutputOptions

    func run() throws {
        let config = try PresetLibrary.resolve(network)
        let f = try config.lossFunction()
        let params = try givenPoint(point, option: "--point", config: config, f: f)
        let report = try RegrowAnalysis.run(f, params: params)
        if output.json { print(try JSONText.encode(report), terminator: "") }
        else { print(RegrowReportText.text(report, name: config.name)) }
    }
}
