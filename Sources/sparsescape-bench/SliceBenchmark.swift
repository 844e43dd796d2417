import Foundation
import SparseScapeCore

/// A 101×101 exact slice of a 784-256-10 network (n = 20,000 samples from .npy) against NumPy's methods.
enum SliceBenchmark {
    static func run() throws {
        let dir = NSTemporaryDirectory() + "sparsescape-slice-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try Baseline.run("numpy_slice_baseline.py", ["make-data", dir])
        let grid = 101, span = 1.0
        // Drop the page cache's advantage for neither side: both read the same freshly written files.

        var loadTime = 0.0, statsTime = 0.0, dirTime = 0.0, polyTime = 0.0, gridTime = 0.0, writeTime = 0.0
        var values: [Double] = []
        var center: [Double] = [], d1: [Double] = [], d2: [Double] = []
        var config: NetworkConfig?
        let total = try Timing.seconds {
            loadTime = try Timing.seconds { config = try NetworkConfig.load(path: dir + "/net.json") }
            var f: LossFunction?
            statsTime = try Timing.seconds { f = try config!.lossFunction() }  // XᵀX, XᵀY, ‖Y‖² once
            dirTime = try Timing.seconds {
                var rng = SeededGenerator(seed: 5)
                center = rng.gaussianVector(f!.parameterCount, scale: 0.05)
                (d1, d2) = try SliceDirections.make(f!, center: center, choice: .normalized, seed: 6, orthogonalize: false)
            }
            var poly: SlicePolynomial?
            polyTime = try Timing.seconds { poly = try SlicePolynomial(f!, center: center, d1: d1, d2: d2) }
            let axis = sliceAxis(span: span, count: grid)
            gridTime = Timing.seconds { values = poly!.grid(alphas: axis, betas: axis) }
            writeTime = Timing.seconds { _ = SliceExport.planeCSV(alphas: axis, betas: axis, values: values) }
        }
        let stats = config!.dataset
        let ownXtX = try Timing.bestOf(3) { _ = try SufficientStatistics(stats) }
        try NpyReader.write(Matrix(rows: center.count, cols: 1, data: center), to: dir + "/center.npy")
        try NpyReader.write(Matrix(rows: d1.count, cols: 1, data: d1), to: dir + "/d1.npy")
        try NpyReader.write(Matrix(rows: d2.count, cols: 1, data: d2), to: dir + "/d2.npy")
        let base = try Baseline.run("numpy_slice_baseline.py", ["measure", dir, "--grid", "\(grid)", "--span", "\(span)"])
        guard let naive = base["naive_seconds_per_point"] as? Double, let gram = base["gram_seconds_per_point"] as? Double,
              let gramPre = base["gram_precompute_seconds"] as? Double, let xtx = base["xtx_seconds"] as? Double,
              let npLoad = base["load_seconds"] as? Double else { throw BenchError("numpy_slice_baseline.py: missing fields") }
        // Cross-check: NumPy's direct values at the sampled points against the polynomial grid.
        var worst = 0.0
        for key in ["naive_values", "gram_values"] {
            for pair in base[key] as? [[Double]] ?? [] {
                let k = Int(pair[0]), v = pair[1]
                worst = max(worst, abs(values[k] - v) / max(abs(v), 1e-300))
            }
        }
        let points = Double(grid * grid)
        let naiveTotal = npLoad + naive * points
        let gramTotal = npLoad + gramPre + gram * points
        print("3. A \(grid)×\(grid) slice of a 784-256-10 network (50% first-layer mask, \(config!.architecture.parameterCount) free weights, n = 20,000 from .npy)")
        print("   SparseScape total       : \(fmt(total, 4)) s = load \(fmt(loadTime, 3)) + XᵀX/XᵀY \(fmt(statsTime, 3)) + directions \(fmt(dirTime, 3)) + polynomial \(fmt(polyTime, 3)) + grid \(fmt(gridTime * 1000, 3)) ms + CSV text \(fmt(writeTime * 1000, 3)) ms")
        print("   NumPy naive (forward pass per point): \(fmt(naive * 1000, 4)) ms/point × \(Int(points)) = \(fmt(naiveTotal, 4)) s (timed on \(base["naive_samples"] ?? 0) points, extrapolated, + load)")
        print("   NumPy with Gram precompute          : \(fmt(gram * 1000, 4)) ms/point × \(Int(points)) + precompute \(fmt(gramPre, 3)) s = \(fmt(gramTotal, 4)) s (timed on \(base["gram_samples"] ?? 0) points)")
        print("   forming XᵀX alone: NumPy \(fmt(xtx, 3)) s, SparseScape (dsyrk) \(fmt(ownXtX, 3)) s")
        print("   agreement with NumPy's direct values at the sampled points: max relative difference \(fmt(worst, 2))")
        print("   speed-up vs naive : \(fmt(naiveTotal / total, 4))x; target ≥ 1000x: \(naiveTotal / total >= 1000 ? "MET" : "NOT MET")")
        print("   speed-up vs Gram  : \(fmt(gramTotal / total, 4))x; target ≥ 10x: \(gramTotal / total >= 10 ? "MET" : "NOT MET")")
        print("   total / XᵀX time  : \(fmt(total / xtx, 3)) (NumPy's XᵀX), \(fmt(total / ownXtX, 3)) (SparseScape's); target ≤ 2: \(total <= 2 * xtx ? "MET" : "NOT MET")")
    }
}
