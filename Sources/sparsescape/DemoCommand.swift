import ArgumentParser
import SparseScapeCore
import SparseScapeWording

/// `sparsescape demo`: the default example, headless.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the default example (theorem5) headless: descent stalls at a spurious minimum, proved and compared."
    )

    @Argument(help: "A config file or a preset name.") var network: String = PresetLibrary.defaultName
    @OptionGroup var output: OutputOptions

    func run() throws {
        let config = try PresetLibrary.resolve(network)
        let f = try config.lossFunction()
        let kind = config.optimizer ?? .gd
        let settings = try OptimizerSettings(kind: kind, learningRate: config.learningRate)
        let start = config.startPoint(seed: 0)
        // A config's start whose loss is already non-finite is bad input (exit 2), as in train; not a divergence.
        try GivenPointCheck.check(f, start, role: config.start != nil ? "the config's start" : "the random start (seed 0)")
        let result = try Trainer.train(f, start: start, settings: settings,
                                       rules: try StoppingRules(maxSteps: 200_000, gradientTolerance: 1e-10), historyStride: 1)
        let known = config.knownPoints(under: f)
        let cert = result.stopReason.isFailure ? nil : try Certifier.certify(f, params: result.params, known: known)
        if output.json {
            struct Out: Encodable { var network: String; var training: TrainingResult; var certificate: Certificate? }
            var t = result
            t.lossHistory = []
            print(try JSONText.encode(Out(network: config.name, training: t, certificate: cert)), terminator: "")
            return
        }
        print("SparseScape \(ToolVersion.string) — \(config.name), widths \(config.architecture.widths), \(f.parameterCount) free weights")
        print(config.description)
        print("")
        print("Training with \(kind.rawValue) (step \(NumberFormat.g(settings.learningRate, 3))) from the preset's start:")
        let h = result.lossHistory
        var marks = [0]
        var s = 1
        while s < h.count { marks.append(s); s *= 4 }
        if marks.last != h.count - 1 { marks.append(h.count - 1) }
        for i in marks where i < h.count { print("  step \(NumberFormat.pad(String(i), 8)) loss \(NumberFormat.g(h[i], 12))") }
        print(TrainingReport.text(result, name: config.name, settings: settings,
                                  relativeGradient: NumericalResolution.relativeGradient(f, at: result.params)))
        if let cert {
            print("")
            print("Certificate of the end point:")
            print(CertificateReport.text(cert))
        }
        print("")
        print("Next: 'sparsescape certify \(config.name) --point <label>' on a reference point, 'sparsescape search \(config.name)', 'sparsescape reproduce'.")
    }
}
