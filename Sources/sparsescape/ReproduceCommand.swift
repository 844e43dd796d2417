import ArgumentParser
import SparseScapeCore
import SparseScapeWording

/// `sparsescape reproduce`.
struct ReproduceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reproduce",
        abstract: "Recompute every numerical claim of the paper beside its printed value, with a pass/fail column.",
        discussion: """
            Theorem 5 (the spurious L = 8 minimum, its Hessian spectrum, the 0.18 point, plain GD stalling), \
            Appendix A (the decreasing path to infinity) and Table 1 (Algorithm 1 run from 24 seeded starts; \
            objective values to the printed 13 digits, λ1, λ2 ≈ 0 and λ3 to the printed digits). A printed value \
            passes when the computed one rounds or truncates to it (|difference| < one unit of the last printed digit). \
            The exit status is 1 if any claim fails.
            """
    )

    @OptionGroup var output: OutputOptions

    func run() throws {
        let claims = try PaperReproduction.run(progress: output.json ? nil : { Console.note("reproducing \($0)…") })
        if output.json { print(try JSONText.encode(claims), terminator: "") }
        else { print(ReproductionReport.text(claims)) }
        let failed = claims.filter { !$0.passed }.count
        if failed > 0 { throw NumericalFailure(message: "\(failed) of \(claims.count) claims failed") }
    }
}
