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

            Examples:
              sparsescape sweep theorem5 --restarts 16 > sweep.jsonl
              sparsescape sweep theorem5 --count
              sparsescape sweep theorem5 --shard 3/8 > part-3.jsonl
              sparsescape sweep my-large.json --sample 1000 --seed 7 > sample.jsonl
              sparsescape sweep-merge part-*.jsonl
            """
    )

    @Argument(help: "A config file or a preset name (its widths and data are used).") var network: String
    @Option(parsing: .unconditional, help: "Draw N random masks instead of enumerating all.") var sample: Int?
    @Option(parsing: .unconditional, help: "Random starts per mask.") var restarts: Int = 16
    @Option(parsing: .unconditional, help: "Seed of the sweep (per-mask seeds derive from it and the mask's index).") var seed: Int = 0
    @Option(help: "Run only shard K of N (K in 1…N): masks i with (i mod N) + 1 = K.") var shard: String?
    @Option(parsing: .unconditional, help: "Step budget per start (default 3000 L-BFGS steps, then the Newton polish).") var steps: Int?
    @Option(parsing: .unconditional, help: "Gradient-norm tolerance per run.") var tol: Double = 1e-10
    @Option(name: .customLong("init-scale"), parsing: .unconditional, help: "Standard deviation of the random starts.") var initScale: Double = 1
    @Flag(help: "Print the number of masks in the sweep (and in the shard) and stop.") var count = false

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
        if count {
            let what = plan.enumeration.isExact
                ? "\(total) masks up to hidden-node permutations (of \(plan.enumeration.representedMasks))"
                : "\(total) sampled masks"
            print("\(config.name): widths \(config.architecture.widths), \(what); shard \(part): \(mine) masks; sweep id \(plan.sweepId)")
            return
        }
        let showProgress = Console.stderrIsTerminal
        var spurious = 0
        let stdout = FileHandle.standardOutput
        try SweepRunner.run(plan, shard: part, progress: { done, all in
            if showProgress {
                Console.progress("sweep \(config.name): \(done)/\(all) masks (shard \(part)), \(spurious) with a certified spurious minimum")
            }
        }) { record in
            if record.certifiedSpurious > 0 { spurious += 1 }
            stdout.write(Data((try record.jsonLine() + "\n").utf8))
        }
        if showProgress { Console.endProgress() }
    }
}
