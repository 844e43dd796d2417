@testable import SparseScapeCore

/// Random sparse networks and data for tests (seeded, so failures reproduce).
enum TestNetworks {
    /// A random network of the given widths with roughly `density` of its weights free (every layer keeps one).
    static func random(widths: [Int], density: Double = 0.6, samples: Int = 7, seed: UInt64) throws -> LossFunction {
        var g = SeededGenerator(seed: seed)
        var masks: [[Bool]] = []
        for l in 0..<(widths.count - 1) {
            var m = (0..<(widths[l] * widths[l + 1])).map { _ in g.uniform() < density }
            if !m.contains(true) { m[0] = true }
            masks.append(m)
        }
        let arch = try NetworkArchitecture(widths: widths, masks: masks)
        let x = Matrix(rows: samples, cols: widths[0], data: g.gaussianVector(samples * widths[0]))
        let y = Matrix(rows: samples, cols: widths.last!, data: g.gaussianVector(samples * widths.last!))
        return try LossFunction(architecture: arch, dataset: try Dataset(x: x, y: y))
    }

    /// A random point for a loss function.
    static func point(_ f: LossFunction, seed: UInt64, scale: Double = 0.8) -> [Double] {
        var g = SeededGenerator(seed: seed)
        return g.gaussianVector(f.parameterCount, scale: scale)
    }

    /// The paper's Theorem 5 network (X = I₃).
    static func theorem5() throws -> LossFunction {
        let arch = try NetworkArchitecture(widths: [3, 2, 3], masks: [
            [true, false, true, true, false, true],
            [true, true, false, false, true, true],
        ])
        let y = Matrix([[1, 2, 0], [2, 10, 0], [0, 0, 4]])
        return try LossFunction(architecture: arch, dataset: try Dataset(x: .identity(3), y: y))
    }

    /// Relative error ‖a − b‖ / max(‖b‖, floor).
    static func relativeError(_ a: [Double], _ b: [Double], floor: Double = 1e-8) -> Double {
        var d = 0.0, n = 0.0
        for i in a.indices { d += (a[i] - b[i]) * (a[i] - b[i]); n += b[i] * b[i] }
        return d.squareRoot() / max(n.squareRoot(), floor)
    }
}
