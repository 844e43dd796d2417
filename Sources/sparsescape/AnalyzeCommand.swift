import ArgumentParser
import Foundation
import SparseScapeCore

/// `sparsescape analyze`.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Structure and theory: useless connections (Appendix C), which theorems apply and why, reductions.",
        discussion: """
            Appendix C: hidden nodes with no path to an output (zero out-degree I: no outgoing edge; II: only edges into \
            such nodes) or from an input (zero in-degree I / II), the edges touching them, and unused input features. \
            The verdict says which result applies, with every check shown: Theorems 1/6 (scalar output: every local \
            minimum is global), Theorems 2/7 (disjoint first-layer supports, XᵢᵀXⱼ = 0, X of full column rank, dense \
            later layers wide enough: no spurious minima), or why spurious minima can exist (d_y = 2: low-rank \
            coupling, Table 1; d_y ≥ 3: a sub-network's global minimum, Theorem 5). Reductions: Theorem 3 (a hidden \
            node with one input and full out-degree is projected away) and Theorem 4 (d_y = 2: a sub-network with a \
            dense second layer on projected data).

            Examples:
              sparsescape analyze theorem5
              sparsescape analyze my.json --effective-out effective.json --json
            """
    )

    @Argument(help: "A config file or a preset name.") var network: String
    @Option(name: .customLong("effective-out"), help: "Write the effective network (useless parts removed) as a config file.")
    var effectiveOut: String?
    @OptionGroup var output: OutputOptions

    func run() throws {
        let outputs = CommandOutputs()
        if let effectiveOut { try outputs.declare(effectiveOut, option: "--effective-out") }
        let config = try PresetLibrary.resolve(network)
        let f = try config.lossFunction()
        let report = try TheoryReport(f, name: config.name)
        if let effectiveOut {
            guard let c = try config.effective() else { throw SparseScapeError("no input reaches an output: there is no effective network to write") }
            try outputs.publish { try AtomicFile.write(c.jsonText(), to: effectiveOut) }
        }
        if output.json { print(try JSONText.encode(report), terminator: "") }
        else {
            print(report.text)
            if let effectiveOut { print("wrote \(SafeText.escaped(effectiveOut))") }
        }
    }
}
