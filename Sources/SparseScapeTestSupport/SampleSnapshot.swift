import Foundation
import SparseScapeCore
import SparseScapeEngine

/// The explorer's sample frame content, shared by the UI tests and the frame-time benchmark.
public enum SampleSnapshot {
    /// A representative snapshot: theorem5's network ([3, 2, 3]) stalled at its spurious minimum, with a long
    /// history, two mask changes, a 41 × 41 slice with a path and a certificate. The numbers are made up.
    public static func make(historyLength: Int = 1000, grid: Int = 41) -> EngineSnapshot {
        let arch = try! NetworkArchitecture(widths: [3, 2, 3], masks: [
            [true, false, true, true, false, true],
            [true, true, false, false, true, true],
        ])
        var history: [HistoryPoint] = []
        history.reserveCapacity(historyLength)
        for k in 0..<historyLength {
            let t = Double(k) / Double(max(1, historyLength - 1))
            history.append(HistoryPoint(iteration: k * 2, loss: 8 + 75 * exp(-12 * t), gradientNorm: 40 * exp(-25 * t) + 1e-10))
        }
        var values = [Double](repeating: 0, count: grid * grid)
        for i in 0..<grid {
            for j in 0..<grid {
                let a = -1 + 2 * Double(i) / Double(grid - 1), b = -1 + 2 * Double(j) / Double(grid - 1)
                values[i * grid + j] = 8 + 20 * a * a + 6 * b * b - 9 * exp(-8 * ((a - 0.6) * (a - 0.6) + (b + 0.5) * (b + 0.5)))
            }
        }
        let path = (0..<50).map { k in SlicePoint(alpha: -0.8 + 0.016 * Double(k), beta: 0.7 - 0.014 * Double(k)) }
        let slice = SliceSnapshot(grid: grid, span: 1, values: values, directions: "random", center: [Double](repeating: 0, count: 8),
                                  d1: [Double](repeating: 0, count: 8), d2: [Double](repeating: 0, count: 8),
                                  current: SlicePoint(alpha: 0, beta: 0), path: path,
                                  bestKnown: SlicePoint(alpha: 0.6, beta: -0.5), frozen: false, builtAtIteration: 1998)
        var snap = EngineSnapshot(name: "theorem5", architecture: arch, params: [0.96, 1.92, 2.44, 0, 1.04, -2.08, 2.46, 0.3],
                                  iteration: 1998, loss: 8, gradientNorm: 9.96e-11, optimizer: .gd, learningRate: 0.05, running: true,
                                  verdict: .spuriousMinimum(loss: 8, bestKnown: 0.1656), history: history)
        snap.bestKnown = KnownPoint(loss: 0.1656, source: "best-found", params: nil)
        snap.maskChanges = [400, 1200]
        snap.slice = slice
        snap.stepsPerSecond = 52000
        return snap
    }
}
