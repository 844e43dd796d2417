import SparseScapeCore

/// Seeded synthetic networks for the benchmarks: random masks, Gaussian data.
enum SyntheticNetwork {
    /// A network of `widths` whose layer l keeps each weight with probability `densities[l]` (a density of 1 draws
    /// nothing), with `samples` Gaussian rows of X and Y; random numbers are drawn in that order from `rng`.
    static func make(widths: [Int], densities: [Double], samples: Int, rng: inout SeededGenerator) throws -> LossFunction {
        var masks: [[Bool]] = []
        for l in 0..<(widths.count - 1) {
            let count = widths[l] * widths[l + 1]
            if densities[l] >= 1 {
                masks.append([Bool](repeating: true, count: count))
            } else {
                masks.append((0..<count).map { _ in rng.uniform() < densities[l] })
            }
        }
        let arch = try NetworkArchitecture(widths: widths, masks: masks)
        let dx = widths[0], dy = widths[widths.count - 1]
        let data = try Dataset(x: Matrix(rows: samples, cols: dx, data: rng.gaussianVector(samples * dx)),
                               y: Matrix(rows: samples, cols: dy, data: rng.gaussianVector(samples * dy)))
        return try LossFunction(architecture: arch, dataset: data)
    }
}
