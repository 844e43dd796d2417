import Foundation
import SparseScapeCore

/// Gradient-descent throughput on theorem5 and certification of a ~2,000-parameter network, beside NumPy.
enum CoreBenchmark {
    static func run() throws {
        // 1. GD steps per second on theorem5, through the Trainer (stopping rules checked every step).
        let config = try PresetLibrary.load("theorem5")
        let f5 = try config.lossFunction()
        let gdSteps = 5_000_000
        let settings = try OptimizerSettings(kind: .gd, learningRate: config.learningRate ?? 0.05)
        let rules = try StoppingRules(maxSteps: gdSteps, gradientTolerance: 0)
        var gd: TrainingResult?
        let gdTime = try Timing.bestOf(3) { gd = try Trainer.train(f5, start: config.start!, settings: settings, rules: rules) }
        let gdRate = Double(gdSteps) / gdTime

        // 2. Certify a [64, 48, 10] network (50% first-layer mask, dense second layer): about 2,000 parameters.
        var rng = SeededGenerator(seed: 42)
        let f = try SyntheticNetwork.make(widths: [64, 48, 10], densities: [0.5, 1], samples: 500, rng: &rng)
        let point = rng.gaussianVector(f.parameterCount, scale: 0.3)
        var cert: Certificate?
        let certifyTime = try Timing.bestOf(3) { cert = try Certifier.certify(f, params: point) }
        let hessianTime = try Timing.bestOf(3) { _ = try f.hessian(point) }
        let path = NSTemporaryDirectory() + "sparsescape-bench-hessian-\(getpid()).npy"
        try NpyReader.write(try f.hessian(point), to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }

        let base = try Baseline.run("numpy_baseline.py", ["--hessian", path, "--gd-steps", "200000"])
        guard let npRate = base["gd_steps_per_second"] as? Double, let eigh = base["eigh_seconds"] as? Double,
              let eigvalsh = base["eigvalsh_seconds"] as? Double else { throw BenchError("numpy_baseline.py: missing fields") }
        let npLambda = base["eigh_lambda_min"] as? Double ?? .nan

        print("1. Gradient descent on theorem5 (8 free weights), \(gdSteps) steps through the Trainer, best of 3")
        print("   SparseScape: \(fmt(gdRate / 1e6)) M steps/s   (final loss \(fmt(gd!.loss, 12)))")
        print("   NumPy loop : \(fmt(npRate / 1e6)) M steps/s")
        print("   ratio      : \(fmt(gdRate / npRate))x NumPy; target ≥ 1,000,000 steps/s: \(gdRate >= 1e6 ? "MET" : "NOT MET")")
        print("")
        print("2. Certify a [64, 48, 10] network with \(f.parameterCount) free weights (Hessian + full spectrum), best of 3")
        print("   SparseScape certify : \(fmt(certifyTime * 1000)) ms (Hessian formation alone \(fmt(hessianTime * 1000, 3)) ms; λmin \(fmt(cert!.lambdaMin, 8)))")
        print("   NumPy eigh alone    : \(fmt(eigh * 1000)) ms (values and vectors; λmin \(fmt(npLambda, 8)))")
        print("   NumPy eigvalsh alone: \(fmt(eigvalsh * 1000)) ms (values only, the same work as certify's dsyevd)")
        print("   ratio certify / eigh     : \(fmt(certifyTime / eigh, 3)); target ≤ 1.5: \(certifyTime <= 1.5 * eigh ? "MET" : "NOT MET")")
        print("   ratio certify / eigvalsh : \(fmt(certifyTime / eigvalsh, 3))")
    }
}
