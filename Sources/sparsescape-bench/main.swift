import Foundation
import SparseScapeCore

// SparseScape's benchmarks, each printed beside a NumPy baseline measured in the same invocation
// (bench/numpy_baseline.py). Run with `make bench` (release build).

BLASThreads.pinSingle()

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let t0 = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
}

func bestOf(_ n: Int, _ body: () throws -> Void) rethrows -> Double {
    var best = Double.infinity
    for _ in 0..<n { best = min(best, try seconds(body)) }
    return best
}

func fmt(_ x: Double, _ d: Int = 4) -> String { String(format: "%.\(d)g", x) }

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let script = packageRoot.appendingPathComponent("bench/numpy_baseline.py").path

// 1. Gradient-descent steps per second on theorem5, through the Trainer (stopping rules checked every step).
let config = try PresetLibrary.load("theorem5")
let f5 = try config.lossFunction()
let gdSteps = 5_000_000
let gdSettings = try OptimizerSettings(kind: .gd, learningRate: config.learningRate ?? 0.05)
let gdRules = try StoppingRules(maxSteps: gdSteps, gradientTolerance: 0)
var gdResult: TrainingResult?
let gdTime = try bestOf(3) { gdResult = try Trainer.train(f5, start: config.start!, settings: gdSettings, rules: gdRules) }
let gdRate = Double(gdSteps) / gdTime

// 2. Certifying a network with about 2,000 free parameters: widths [64, 48, 10], 50% first-layer mask, dense second layer.
var rng = SeededGenerator(seed: 42)
let widths = [64, 48, 10]
let mask1 = (0..<(64 * 48)).map { _ in rng.uniform() < 0.5 }
let arch = try NetworkArchitecture(widths: widths, masks: [mask1, [Bool](repeating: true, count: 48 * 10)])
let n = 500
let data = try Dataset(x: Matrix(rows: n, cols: 64, data: rng.gaussianVector(n * 64)),
                       y: Matrix(rows: n, cols: 10, data: rng.gaussianVector(n * 10)))
let fBig = try LossFunction(architecture: arch, dataset: data)
let point = rng.gaussianVector(fBig.parameterCount, scale: 0.3)
var cert: Certificate?
let certifyTime = try bestOf(3) { cert = try Certifier.certify(fBig, params: point) }
let hessianTime = try bestOf(3) { _ = try fBig.hessian(point) }
let keepHessian = ProcessInfo.processInfo.environment["SPARSESCAPE_BENCH_HESSIAN"]
let hessianPath = keepHessian ?? NSTemporaryDirectory() + "sparsescape-bench-hessian-\(getpid()).npy"
try NpyReader.write(try fBig.hessian(point), to: hessianPath)


// NumPy baseline, same invocation.
let proc = Process()
proc.executableURL = URL(fileURLWithPath: "/usr/bin/env")
proc.arguments = ["python3", script, "--hessian", hessianPath, "--gd-steps", "200000"]
let pipe = Pipe()
proc.standardOutput = pipe
try proc.run()
let outData = pipe.fileHandleForReading.readDataToEndOfFile()
proc.waitUntilExit()
if keepHessian == nil { try? FileManager.default.removeItem(atPath: hessianPath) }
guard proc.terminationStatus == 0,
      let baseline = try JSONSerialization.jsonObject(with: outData) as? [String: Any],
      let npRate = baseline["gd_steps_per_second"] as? Double,
      let eighTime = baseline["eigh_seconds"] as? Double,
      let eigvalshTime = baseline["eigvalsh_seconds"] as? Double else {
    FileHandle.standardError.write(Data("sparsescape-bench: the NumPy baseline failed (is numpy installed? pip install numpy)\n".utf8))
    exit(1)
}
let npLambdaMin = baseline["eigh_lambda_min"] as? Double ?? .nan

print("SparseScape \(ToolVersion.string) benchmarks (NumPy \(baseline["numpy"] ?? "?") baseline run in the same invocation)")
print("")
print("1. Gradient descent on theorem5 (8 free weights), \(gdSteps) steps through the Trainer, best of 3")
print("   SparseScape: \(fmt(gdRate / 1e6, 4)) M steps/s   (final loss \(fmt(gdResult!.loss, 12)))")
print("   NumPy loop : \(fmt(npRate / 1e6, 4)) M steps/s")
print("   ratio      : \(fmt(gdRate / npRate, 4))x NumPy; target ≥ 1,000,000 steps/s: \(gdRate >= 1e6 ? "MET" : "NOT MET")")
print("")
print("2. Certify a [64, 48, 10] network with \(fBig.parameterCount) free weights (Hessian + full spectrum), best of 3")
print("   SparseScape certify : \(fmt(certifyTime * 1000, 4)) ms (Hessian formation alone \(fmt(hessianTime * 1000, 3)) ms; λmin \(fmt(cert!.lambdaMin, 8)))")
print("   NumPy eigh alone    : \(fmt(eighTime * 1000, 4)) ms (values and vectors; λmin \(fmt(npLambdaMin, 8)))")
print("   NumPy eigvalsh alone: \(fmt(eigvalshTime * 1000, 4)) ms (values only, the same work as certify's dsyevd)")
print("   ratio certify / eigh     : \(fmt(certifyTime / eighTime, 3)); target ≤ 1.5: \(certifyTime <= 1.5 * eighTime ? "MET" : "NOT MET")")
print("   ratio certify / eigvalsh : \(fmt(certifyTime / eigvalshTime, 3))")
