import Foundation
import SparseScapeCore
import SparseScapeEngine
import SparseScapeUI

/// Frame rendering time into the cell buffer, and optimizer throughput inside the running explorer vs headless.
enum ExplorerBenchmark {
    static func run() throws {
        // Frame time at 200×60 (and the other pinned sizes), best of 3 runs of 200 frames.
        var frames: [(String, Double)] = []
        for (w, h) in [(200, 60), (120, 40), (80, 24)] {
            var best = Double.infinity
            for _ in 0..<3 { best = min(best, RenderBenchmark.frameTime(width: w, height: h, iterations: 200)) }
            frames.append(("\(w)×\(h)", best))
        }

        // Steps per second: headless Trainer vs the engine's optimizer thread (the analysis worker running beside it).
        let config = try PresetLibrary.load("theorem5")
        let f = try config.lossFunction()
        let settings = try OptimizerSettings(kind: .gd, learningRate: config.learningRate ?? 0.05)
        let steps = 5_000_000
        let headless = try Timing.bestOf(3) {
            _ = try Trainer.train(f, start: config.start!, settings: settings, rules: try StoppingRules(maxSteps: steps, gradientTolerance: 0))
        }
        let headlessRate = Double(steps) / headless
        var rates: [Double] = []
        for _ in 0..<3 {
            let engine = try ExplorerEngine(config: config, optimizer: settings, seed: 0)
            Thread.sleep(forTimeInterval: 0.5)  // warm up: past the first slice and certificate
            let a = engine.latestSnapshot()
            let t0 = DispatchTime.now().uptimeNanoseconds
            Thread.sleep(forTimeInterval: 2.0)
            let b = engine.latestSnapshot()
            let dt = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
            engine.stop()
            rates.append(Double(b.iteration - a.iteration) / dt)
        }
        let engineRate = rates.max()!
        print("4. The explorer")
        for (size, t) in frames {
            print("   full frame into the cell buffer at \(size): \(fmt(t * 1000, 3)) ms" + (size == "200×60" ? "; target ≤ 2 ms: \(t <= 0.002 ? "MET" : "NOT MET")" : ""))
        }
        print("   optimizer steps/s on theorem5: headless \(fmt(headlessRate / 1e6)) M/s, inside the running explorer \(fmt(engineRate / 1e6)) M/s (best of 3 × 2 s)")
        print("   ratio explorer / headless: \(fmt(100 * engineRate / headlessRate, 3))%; target ≥ 80%: \(engineRate >= 0.8 * headlessRate ? "MET" : "NOT MET")")
    }
}
