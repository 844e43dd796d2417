import ArgumentParser
import Foundation
import SparseScapeCore

/// `sparsescape sweep`.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Search every sparsity pattern of an architecture (or a random sample) for spurious minima: one JSON line per mask.",
        discussion: """
            Uses the config's widths and data X, Y; its own mask is just one of the masks (flagged configMask). \
            Without --sample, every 0/1 mask over all layers is visited once per orbit of hidden-node permutations \
            (at most 2^20 masks and hidden widths up to 8); with --sample N, N masks are drawn, each weight kept with \
            probability 1/2. For each mask: the theory's verdict, then a multi-start search (--restarts starts, \
            L-BFGS then Newton polish) on its effective network, each distinct end point certified. \
            Each line carries the sweep id (a hash of the config and every setting), so 'sparsescape sweep-merge' \
            can join the lines of several shards and summarise them.

            --shard K/N runs mask i only when (i mod N) + 1 = K. Each mask's search seed comes from --seed and the \
            mask's index, so a mask's line is the same whatever the sharding: run the N shards anywhere (a Slurm \
            array job, GNU parallel) and merge. Progress appears on stderr when it is a terminal.

            --resume FILE writes the lines to FILE instead of stdout and makes the sweep restartable: when FILE \
            exists, its complete lines (of this sweep and shard) are kept, a partial last line left by a killed run \
            is dropped, and only the masks not yet in it are run, appended one line at a time. A sweep killed \
            half-way (preemption, a time limit) and started again with the same command ends with the same lines as \
            an uninterrupted run. --only-missing FILE... skips every mask already in the given files (the parts of \
            an incomplete merge; 'sparsescape sweep-merge' prints this command when masks are missing).

            Examples:
              sparsescape sweep theorem5 --restarts 16 > sweep.jsonl
              sparsescape sweep theorem5 --count
              sparsescape sweep theorem5 --shard 3/8 > part-3.jsonl
              sparsescape sweep my-large.json --sample 1000 --seed 7 > sample.jsonl
              sparsescape sweep theorem5 --shard 3/8 --resume part-3.jsonl
              sparsescape sweep theorem5 --only-missing part-*.jsonl \\
                  --resume part-missing.jsonl
              sparsescape sweep-merge part-*.jsonl
            """
    )

    @Argument(help: "A config file or a preset name (its widths and data are used).") var network: String
    @Option(parsing: .unconditional, help: "Draw N random masks instead of enumerating all.") var sample: Int?
    @Option(parsing: .unconditional, help: "Random starts per mask.") var restarts: Int = 16
    @Option(parsing: .unconditional, help: "Seed of the sweep (per-mask seeds derive from it and the mask's index).") var seed: Int = 0
    @Option(help: "Run only shard K of N (K in 1…N): masks i with (i mod N) + 1 = K.") var shard: String?
    @Option(parsing: .unconditional, help: "Step budget per start (default 3000 L-BFGS steps, then the Newton polish).") var steps: Int?
    @Option(parsing: .unconditional, help: "‖∇L‖ at which a run's first phase stops (kept for resumable records; the verdicts use the relative gradient).") var tol: Double = 1e-10
    @Option(name: .customLong("init-scale"), parsing: .unconditional, help: "Standard deviation of the random starts.") var initScale: Double = 1
    @Option(help: ArgumentHelp("Append the lines to FILE, skipping the masks already in it (resumes a killed sweep).", valueName: "file"))
    var resume: String?
    @Option(name: .customLong("only-missing"), parsing: .upToNextOption,
            help: ArgumentHelp("Run only the masks absent from these files of the same sweep.", valueName: "file"))
    var onlyMissing: [String] = []
    @Flag(help: "Print the number of masks in the sweep (and in the shard; with --only-missing or --resume, how many are already done) and stop.") var count = false

    func run() throws {
        try CountOption.check(sample, atLeast: 1, "--sample")
        try CountOption.check(restarts, atLeast: 1, "--restarts")
        try CountOption.check(steps, atLeast: 1, "--steps")
        let part = try shard.map { try SweepShard(parsing: $0) } ?? .whole
        let settings = try SweepSettings(restarts: restarts, seed: try parseSeed(seed), sample: sample, steps: steps,
                                         tolerance: tol, initScale: initScale)
        let config = try PresetLibrary.resolve(network)
        let plan = try SweepPlan(config: config, settings: settings)
        let total = plan.enumeration.count
        let mine = part.indices(total: total).underestimatedCount
        // Masks already done: in the --only-missing files (and, for --count, in an existing --resume file).
        var done = Set<Int>()
        for file in onlyMissing {
            done.formUnion(try SweepLinesFile(path: file).indices(ofSweep: plan.sweepId, source: SafeText.escaped(file)))
        }
        if count {
            let what = plan.enumeration.isExact
                ? "\(total) masks up to hidden-node permutations (of \(plan.enumeration.representedMasks))"
                : "\(total) sampled masks"
            if let resume { done.formUnion(try SweepOutput.masksIn(resume, plan: plan)) }
            var line = "\(config.name): widths \(SafeText.list(config.architecture.widths)), \(what); shard \(part): \(mine) masks"
            if !onlyMissing.isEmpty || resume != nil {
                let present = part.indices(total: total).filter { done.contains($0) }.count
                line += ", \(present) already in the given files, \(mine - present) to run"
            }
            print(line + "; sweep id \(plan.sweepId)")
            return
        }
        let output: SweepOutput = try resume.map { try SweepOutput.resuming($0, plan: plan, shard: part) } ?? .standardOutput
        if let path = resume, !output.alreadyDone.isEmpty || output.droppedPartialLine {
            let partial = output.droppedPartialLine ? " (dropped a partial last line)" : ""
            Console.note("sweep: resuming \(SafeText.quoted(path)): \(output.alreadyDone.count) of \(mine) masks of shard \(part) already there\(partial)")
        }
        done.formUnion(output.alreadyDone)
        let showProgress = Console.stderrIsTerminal
        var spurious = 0
        try SweepRunner.run(plan, shard: part, skipping: done, progress: { done, all in
            if showProgress {
                Console.progress("sweep \(config.name): \(done)/\(all) masks (shard \(part)), \(spurious) with a certified spurious minimum")
            }
        }) { record in
            if record.certifiedSpurious > 0 { spurious += 1 }
            try output.write(try record.jsonLine() + "\n")
        }
        if showProgress { Console.endProgress() }
    }
}
