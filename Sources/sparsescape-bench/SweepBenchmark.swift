import Foundation
import SparseScapeCore

/// Sweep throughput: masks per second of `sparsescape sweep` on a small architecture.
enum SweepBenchmark {
    /// Runs one shard (1/20: 104 masks) of the exact sweep of theorem5's architecture [3, 2, 3] with its data,
    /// 16 restarts per mask, and prints the throughput.
    static func run() throws {
        let (rate, masks, widths, restarts) = try measure(shard: try SweepShard(index: 1, count: 20), restarts: 16)
        print("6. Sweep throughput: \(fmt(rate)) masks/s (architecture \(widths), theorem5 data, exact enumeration shard 1/20 = \(masks) masks, restarts \(restarts))")
    }

    /// Masks per second over one shard of the theorem5 sweep, with the shard's size, the widths and the restarts.
    static func measure(shard: SweepShard, restarts: Int) throws -> (rate: Double, masks: Int, widths: [Int], restarts: Int) {
        let config = try PresetLibrary.load("theorem5")
        let plan = try SweepPlan(config: config, settings: try SweepSettings(restarts: restarts, seed: 0))
        var masks = 0
        let seconds = try Timing.seconds {
            try SweepRunner.run(plan, shard: shard) { _ in masks += 1 }
        }
        return (Double(masks) / seconds, masks, config.architecture.widths, restarts)
    }
}
