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
            for _ in 0..<3 { best = min(best, FrameTiming.frameTime(width: w, height: h, iterations: 200)) }
            frames.append(("\(w)×\(h)", best))
        }

        // Steps per second: headless Trainer vs the engine's optimizer thread at unlimited pace (the analysis worker
        // running beside it). theorem5's descent converges within milliseconds and the explorer then pauses itself, so
        // the throughput is measured on a seeded dense 8-8-8 network with a small step, which keeps descending.
        var config = try PresetLibrary.load("dense-baseline")
        var rng = SeededGenerator(seed: 7)
        let synthetic = try SyntheticNetwork.make(widths: [8, 8, 8], densities: [1, 1], samples: 64, rng: &rng)
        config.architecture = synthetic.architecture
        config.dataset = synthetic.dataset
        config.start = nil
        config.points = []
        let f = try config.lossFunction()
        let start = config.startPoint(seed: 0)
        let settings = try OptimizerSettings(kind: .gd, learningRate: 1e-4)
        let steps = 2_000_000
        let headless = try Timing.bestOf(3) {
            _ = try Trainer.train(f, start: start, settings: settings, rules: try StoppingRules(maxSteps: steps, gradientTolerance: 0))
        }
        let headlessRate = Double(steps) / headless
        // The engine's rate over 0.25 s windows in which it was stepping throughout (it pauses itself when the run
        // converges or stops making progress), best window of 3 runs × 2 s.
        var rates: [Double] = []
        for _ in 0..<3 {
            let engine = try ExplorerEngine(config: config, optimizer: settings, seed: 0, speed: DescentSpeed(stepsPerSecond: nil))
            Thread.sleep(forTimeInterval: 0.25)  // warm up: past the first slice
            var last = (engine.latestSnapshot(), DispatchTime.now().uptimeNanoseconds)
            for _ in 0..<8 {
                Thread.sleep(forTimeInterval: 0.25)
                let now = (engine.latestSnapshot(), DispatchTime.now().uptimeNanoseconds)
                if last.0.running && now.0.running {
                    rates.append(Double(now.0.iteration - last.0.iteration) / (Double(now.1 - last.1) / 1e9))
                }
                last = now
            }
            engine.stop()
        }
        guard !rates.isEmpty else { throw BenchError("the explorer never kept stepping for 0.25 s") }
        let engineRate = rates.max()!
        print("4. The explorer")
        for (size, t) in frames {
            print("   full frame into the cell buffer at \(size): \(fmt(t * 1000, 3)) ms" + (size == "200×60" ? "; target ≤ 2 ms: \(t <= 0.002 ? "MET" : "NOT MET")" : ""))
        }
        print("   optimizer steps/s (gd, unlimited pace) on a dense 8-8-8 network: headless \(fmt(headlessRate / 1e6)) M/s, inside the running explorer \(fmt(engineRate / 1e6)) M/s (best 0.25 s window of 3 × 2 s while stepping, \(rates.count) windows)")
        print("   ratio explorer / headless: \(fmt(100 * engineRate / headlessRate, 3))%; target ≥ 80%: \(engineRate >= 0.8 * headlessRate ? "MET" : "NOT MET")")
    }
}
