import ArgumentParser
import Foundation
import SparseScapeCore

/// `sparsescape verify-theorems`.
struct VerifyTheoremsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-theorems",
        abstract: "Check the theorems on random networks: benign classes never show a certified spurious minimum.",
        discussion: """
            Draws --trials random networks (masks and data seeded) of each class: scalar output [4,3,1], [3,2,2,1] \
            (Theorems 1/6); disjoint first-layer supports with orthogonal feature blocks and a dense second layer \
            [4,2,2], [5,3,2], [4,2,3] (Theorems 2/7); d_y = 2 with overlapping supports and a dense second layer, \
            random [4,2,2], [5,3,2] and near Table 1 (its masks, its data with 5% noise); d_y = 3 with a sparse \
            second layer, random [4,2,3], [3,2,3] and near Theorem 5. Each gets a certified multi-start search \
            (L-BFGS then Newton polish) on its effective network. The table gives per class the networks \
            with a certified spurious local minimum and their rate. Exit status 1 if any network of a benign class \
            has one (a theorem violation, which would be a bug).

            Examples:
              sparsescape verify-theorems --trials 50
              sparsescape verify-theorems --trials 10 --seed 3 --json
            """
    )

    @Option(parsing: .unconditional, help: "Random networks per class.") var trials: Int = 20
    @Option(parsing: .unconditional, help: "Seed.") var seed: Int = 0
    @Option(parsing: .unconditional, help: "Random starts per network.") var restarts: Int = 24
    @OptionGroup var output: OutputOptions

    func run() throws {
        try CountOption.check(trials, atLeast: 1, "--trials")
        try CountOption.check(restarts, atLeast: 1, "--restarts")
        let showProgress = Console.stderrIsTerminal
        let report = try TheoremVerification.run(trials: trials, seed: try parseSeed(seed), restarts: restarts) { done, total in
            if showProgress { Console.progress("verify-theorems: \(done)/\(total) networks") }
        }
        if showProgress { Console.endProgress() }
        if output.json { print(try JSONText.encode(report), terminator: "") } else { print(TheoremVerification.text(report)) }
        if report.violations > 0 {
            throw NumericalFailure(message: "\(report.violations) networks of benign classes have a certified spurious minimum (theorem violation)")
        }
    }
}
