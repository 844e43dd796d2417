import Testing
@testable import SparseScapeCore

/// The critical-point search above its dense limit: Newton–MINRES on ∇L = 0 from Hessian-vector products and
/// indices from Lanczos with deflation, checked against the dense path and against LAPACK's spectrum.
@Suite struct MatrixFreeCriticalTests {
    /// Negative eigenvalues of the dense Hessian, by the dense solver's threshold.
    static func denseIndex(_ f: LossFunction, _ params: [Double]) throws -> Int {
        let ev = try SymmetricEigen(try f.hessian(params), vectors: false).values
        let top = max(abs(ev.first!), abs(ev.last!))
        return ev.filter { $0 < -1e-8 * max(ProblemScale(f).eigenvalueFloor, top) }.count
    }

    /// At θ = 0 of a two-layer network every eigenvalue ±σ_k(XᵀY) is repeated once per hidden node: one Krylov space
    /// holds it once, so the index counts only when the deflation finds every copy. Checked against LAPACK.
    @Test func indexCountsRepeatedNegativeEigenvalues() throws {
        let f = try TestNetworks.random(widths: [5, 4, 3], density: 1, samples: 9, seed: 3)
        let zero = [Double](repeating: 0, count: f.parameterCount)
        let expected = try Self.denseIndex(f, zero)
        #expect(expected == 12)   // 3 singular values of XᵀY, each once per hidden node (4).
        let found = try HessianIndex(f, at: zero, eigenvalueFloor: ProblemScale(f).eigenvalueFloor)
        #expect(found.index == expected)
        // The directions are orthonormal eigenvectors: H·v = λ·v.
        let h = try f.hessian(zero)
        for (v, lambda) in zip(found.directions, found.eigenvalues) {
            let hv = (0..<v.count).map { i in (0..<v.count).reduce(0) { $0 + h[i, $1] * v[$1] } }
            #expect(EuclideanNorm.of((0..<v.count).map { hv[$0] - lambda * v[$0] }) < 1e-6 * abs(lambda))
        }
        // And at random points (no repeated eigenvalues) the count is LAPACK's.
        for seed in 0..<4 as Range<UInt64> {
            let g = try TestNetworks.random(widths: [4, 5, 3], density: 0.7, samples: 8, seed: seed)
            let x = TestNetworks.point(g, seed: seed + 10)
            #expect(try HessianIndex(g, at: x, eigenvalueFloor: ProblemScale(g).eigenvalueFloor).index == Self.denseIndex(g, x))
        }
    }

    /// Forced through the matrix-free path (dense limit 0), the search on Theorem 5's network finds critical points to
    /// a relative gradient ≤ 10⁻¹⁰ whose losses and indices are the dense path's, and finds the same minima.
    @Test func matrixFreeSearchAgreesWithTheDensePath() throws {
        let f = try TestNetworks.theorem5()
        let dense = try CriticalPointSearch.run(f, settings: try CriticalSearchSettings(starts: 40, seed: 0))
        let free = try CriticalPointSearch.run(f, settings: try CriticalSearchSettings(starts: 20, seed: 0, denseLimit: 0))
        #expect(!free.points.isEmpty)
        for p in free.points {
            let (_, g) = f.lossAndGradient(p.params)
            #expect(NumericalResolution(f, at: p.params).relativeGradient(g) <= 1e-10)
            #expect(p.index == (try Self.denseIndex(f, p.params)))
            #expect(dense.points.contains { abs($0.loss - p.loss) <= 1e-9 * max(1, abs(p.loss)) && $0.index == p.index },
                    "L = \(p.loss), index \(p.index) is not among the dense path's points")
        }
        // The global minimum, the spurious minimum at 8 and an index-1 saddle, as the dense path finds them.
        #expect(free.points.contains { abs($0.loss - 0.16564104506071) < 1e-10 && $0.classification == .globalMinimum && $0.index == 0 })
        #expect(free.points.contains { abs($0.loss - 8) < 1e-10 && $0.classification == .localMinimum })
        #expect(free.points.contains { $0.classification == .saddle && $0.index == 1 })
    }

    /// A network above the old 1,500-weight limit is searched, not refused; what it returns is critical, with LAPACK's index.
    @Test func networkAboveTheDenseLimitIsSearched() throws {
        let f = try TestNetworks.random(widths: [20, 40, 18], density: 1, samples: 40, seed: 5)
        #expect(f.parameterCount > GradientSystemSolver.denseLimit)
        let r = try CriticalPointSearch.run(f, settings: try CriticalSearchSettings(starts: 1, seed: 0, maxIterations: 30))
        #expect(!r.points.isEmpty)
        for p in r.points {
            let (_, g) = f.lossAndGradient(p.params)
            #expect(NumericalResolution(f, at: p.params).relativeGradient(g) <= NumericalResolution.criticalGradient)
            #expect(p.index == (try Self.denseIndex(f, p.params)))
        }
    }
}
