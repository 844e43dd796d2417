import Testing
@testable import SparseScapeCore

/// Closed-form global minima against brute-force multi-start search, and the dense lower bound.
@Suite struct GlobalMinimumTests {
    static func bestBySearch(_ f: LossFunction, restarts: Int = 40, kind: OptimizerKind = .armijo) throws -> Double {
        let s = try SearchSettings(restarts: restarts, seed: 7, optimizer: try OptimizerSettings(kind: kind),
                                   rules: try StoppingRules(maxSteps: kind == .bcd ? 3000 : 30_000, gradientTolerance: 1e-11))
        return try MultiStartSearch.run(f, settings: s).minima.first!.loss
    }

    @Test func scalarOutputIsLeastSquaresOnReachableFeatures() throws {
        for seed in UInt64(0)..<3 {
            let f = try TestNetworks.random(widths: [5, 3, 2, 1], density: 0.5, samples: 12, seed: seed + 300)
            let closed = try #require(try GlobalMinimum.closedForm(f))
            #expect(closed.exact)
            let best = try Self.bestBySearch(f)
            #expect(abs(best - closed.value) <= 1e-7 * max(1, closed.value), "search \(best) vs closed form \(closed.value)")
        }
    }

    @Test func denseNetworkIsEckartYoung() throws {
        for (i, widths) in [[4, 2, 3], [5, 3, 2, 4]].enumerated() {
            let f = try TestNetworks.random(widths: widths, density: 1, samples: 10, seed: UInt64(500 + i))
            let closed = try #require(try GlobalMinimum.closedForm(f))
            #expect(closed.method.contains("Eckart"))
            let best = try Self.bestBySearch(f)
            #expect(abs(best - closed.value) <= 1e-7 * max(1, closed.value), "search \(best) vs closed form \(closed.value)")
        }
    }

    @Test func disjointOrthogonalBlocksAreSolvedBlockwise() throws {
        // Orthogonal feature blocks: X = Q (orthonormal columns) scaled per column; node 0 on {0,1}, node 1 on {2,3}.
        var g = SeededGenerator(seed: 17)
        let raw = Matrix(rows: 8, cols: 4, data: g.gaussianVector(32))
        let svd = try SingularValueDecomposition(raw)
        var x = svd.u
        for i in 0..<8 { for j in 0..<4 { x[i, j] *= Double(j + 1) } }
        let y = Matrix(rows: 8, cols: 3, data: g.gaussianVector(24))
        let arch = try NetworkArchitecture(widths: [4, 2, 3], masks: [[true, false, true, false, false, true, false, true],
                                                                         [Bool](repeating: true, count: 6)])
        let f = try LossFunction(architecture: arch, dataset: try Dataset(x: x, y: y))
        let closed = try #require(try GlobalMinimum.closedForm(f))
        #expect(closed.method.contains("Theorem"))
        let best = try Self.bestBySearch(f, kind: .bcd)
        #expect(abs(best - closed.value) <= 1e-8 * max(1, closed.value), "search \(best) vs closed form \(closed.value)")
    }

    @Test func overlappingSupportsHaveNoClosedFormButABound() throws {
        let f = try TestNetworks.theorem5()
        #expect(try GlobalMinimum.closedForm(f) == nil)
        let bound = try GlobalMinimum.denseRelaxation(f)
        #expect(!bound.exact)
        let best = try Self.bestBySearch(f, restarts: 60)
        #expect(bound.value <= best + 1e-9)
        // The paper's better point lies above the bound too.
        #expect(bound.value <= 0.18)
    }
}
