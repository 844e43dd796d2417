import ArgumentParser
import Foundation
import SparseScapeCore
import SparseScapeWording

/// `sparsescape sweep-merge`.
struct SweepMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep-merge",
        abstract: "Join the JSON lines of sweep shards and print the summary: how often pruning creates spurious minima.",
        discussion: """
            Reads the files given (or stdin when none, or '-'), keeps one record per mask index (identical \
            duplicates are fine), and refuses records from different sweeps (another config, seed, restart count \
            or tool version) and any record that contradicts itself or the sweep's plan (its index's mask, code, \
            orbit size and search seed, recomputed from the widths; its counts, which add up to the restarts; its \
            verdict and benign flag), naming the first bad line. Lines may end in LF or CRLF. The table gives, per landscape class of the theory, the masks, those with at least one \
            certified spurious local minimum and their rate (in exact sweeps also weighted by orbit size, i.e. as a \
            fraction of all masks), the mean number of distinct end points and of certified minima. Missing masks \
            are listed; a benign mask with a certified spurious minimum is reported as a theory violation. A partial \
            last line (a task killed while writing) is ignored: its mask counts as missing.

            When masks are missing, the summary of what is there is still printed, followed by the missing shards \
            (with --shards N: the N of the sweep's --shard K/N) and the command that runs only the missing masks \
            (sparsescape sweep ... --only-missing FILES --resume DIR/part-missing.jsonl); the exit status is 3. Run \
            it (or re-submit the missing shards), then merge again with the new file included.

            Examples:
              sparsescape sweep-merge part-*.jsonl
              sparsescape sweep-merge --shards 64 parts/part-*.jsonl
              cat part-*.jsonl | sparsescape sweep-merge --json
            """
    )

    @Argument(help: "Files of sweep lines (default: stdin).") var files: [String] = []
    @Option(help: "The sweep's number of shards (--shard K/N): name the missing shards.") var shards: Int?
    @OptionGroup var output: OutputOptions

    func run() throws {
        if let shards, shards < 1 { throw SparseScapeError("--shards must be at least 1, got \(shards)") }
        // Every record is checked against the sweep it claims (SweepRecordCheck), in input order: the first bad
        // line is named.
        var records: [SweepRecord] = []
        var check = SweepRecordCheck()
        for file in files.isEmpty ? ["-"] : files {
            let lines = file == "-" ? try SweepLinesFile(data: FileHandle.standardInput.readDataToEndOfFile(), source: "stdin")
                                    : try SweepLinesFile(path: file)
            for (record, location) in zip(lines.records, lines.locations) { try check.check(record, at: location) }
            records += lines.records
        }
        var summary = try SweepSummary(records)
        if summary.missingCount > 0 {
            let inputs = files.filter { $0 != "-" }
            let directory = inputs.first.map { URL(fileURLWithPath: $0).deletingLastPathComponent().relativePath } ?? "."
            let outputFile = (directory == "." ? "" : directory + "/") + "part-missing.jsonl"
            if let shards {
                let present = Set(records.map(\.index))
                summary.shardCount = shards
                summary.missingShards = SweepShard.shards(holding: (0..<summary.total).lazy.filter { !present.contains($0) }, count: shards)
            }
            summary.rerunCommand = SweepRerunCommand(record: records[0], files: inputs, output: outputFile).text
        }
        if output.json { print(try JSONText.encode(summary), terminator: "") } else { print(summary.text()) }
        if summary.missingCount > 0 {
            let which = summary.missingShards.map { s in "; missing shards (of \(shards ?? 0)): " + s.map(String.init).joined(separator: ",") } ?? ""
            throw IncompleteSweep(message: "incomplete sweep: \(summary.missingCount) of \(summary.total) masks missing\(which); "
                                  + "the command that runs only them is printed above")
        }
    }
}
