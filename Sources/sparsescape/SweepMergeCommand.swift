import ArgumentParser
import Foundation
import SparseScapeCore

/// `sparsescape sweep-merge`.
struct SweepMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep-merge",
        abstract: "Join the JSON lines of sweep shards and print the summary: how often pruning creates spurious minima.",
        discussion: """
            Reads the files given (or stdin when none, or '-'), keeps one record per mask index (identical \
            duplicates are fine), and refuses records from different sweeps (another config, seed, restart count \
            or tool version). The table gives, per landscape class of the theory, the masks, those with at least one \
            certified spurious local minimum and their rate (in exact sweeps also weighted by orbit size, i.e. as a \
            fraction of all masks), the mean number of distinct end points and of certified minima. Missing masks \
            are listed; a benign mask with a certified spurious minimum is reported as a theory violation.

            Examples:
              sparsescape sweep-merge part-*.jsonl
              cat part-*.jsonl | sparsescape sweep-merge --json
            """
    )

    @Argument(help: "Files of sweep lines (default: stdin).") var files: [String] = []
    @OptionGroup var output: OutputOptions

    func run() throws {
        var records: [SweepRecord] = []
        for file in files.isEmpty ? ["-"] : files {
            let text: String
            if file == "-" {
                text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            } else {
                text = String(decoding: try FileReading.read(file), as: UTF8.self)
            }
            records += try SweepSummary.records(fromLines: text, source: file == "-" ? "stdin" : file)
        }
        let summary = try SweepSummary(records)
        if output.json { print(try JSONText.encode(summary), terminator: "") } else { print(summary.text()) }
    }
}
