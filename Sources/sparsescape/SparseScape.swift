import ArgumentParser
import SparseScapeCore

/// The `sparsescape` command.
struct SparseScape: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sparsescape",
        abstract: "Explore the loss landscape of sparse linear networks: watch descent, certify minima, slice, sweep, reproduce the paper.",
        discussion: """
            A network is a config file (JSON: widths, 0/1 masks, data X and Y) or a built-in preset; \
            'sparsescape presets' lists the presets (the paper's examples). Parameters are the unmasked \
            weights, layer by layer, row-major within a layer. The headless commands accept --json (sweep always writes JSON lines).

            Exit status: 0 on success; 2 for bad input — arguments, options out of range, unreadable or malformed \
            files, and a given point (start, centre, endpoint) that is not finite or whose loss overflows right there, \
            in every command; 1 for a numerical failure that happens later, during a run (training diverges, a \
            reproduction or theorem check fails). Errors are one line on stderr, "sparsescape: error: …", with control \
            characters escaped and quoted input cut to a short excerpt.

            Examples:
              sparsescape                                  # the explorer on theorem5
              sparsescape demo                             # the same example, headless
              sparsescape train theorem5 --steps 20000 --out stall.json
              sparsescape certify theorem5 --point stall.json
              sparsescape search table1-row1 --restarts 64
              sparsescape critical theorem5                # minima and saddles
              sparsescape path theorem5 --from spurious-minimum --to best-found
              sparsescape landscape theorem5               # the disconnectivity graph
              sparsescape regrow theorem5 --point spurious-minimum
              sparsescape slice theorem5 --point spurious-minimum \\
                  --dirs toward:paper-better --line --out path.csv
              # winning tickets, certified:
              sparsescape prune digits --method imp --levels 5 --rewind 0
              # a PyTorch checkpoint:
              sparsescape import model.safetensors --data X.npy Y.npy --out net.json
              # methods × sparsities × seeds, as a Slurm array job:
              sparsescape grid plan.toml --slurm
              sparsescape analyze theorem5
              sparsescape reproduce
            """,
        version: ToolVersion.string,
        subcommands: [ExploreCommand.self, DemoCommand.self, PresetsCommand.self, ImportCommand.self, TrainCommand.self, CertifyCommand.self, AnalyzeCommand.self,
                      SearchCommand.self, PruneCommand.self, CriticalCommand.self, RegrowCommand.self, PathCommand.self, LandscapeCommand.self, SliceCommand.self, SweepCommand.self, SweepMergeCommand.self, GridCommand.self, GridMergeCommand.self, VerifyTheoremsCommand.self, ReproduceCommand.self],
        defaultSubcommand: ExploreCommand.self
    )
}
