import Testing
@testable import SparseScapeCore

/// Gradients, Hessians and Hessian-vector products against central finite differences and closed forms.
@Suite struct DerivativeTests {
    static let shapes: [[Int]] = [[4, 3], [3, 4, 2], [4, 3, 3, 2], [3, 2, 4, 3, 2]]

    @Test(arguments: shapes.indices)
    func gradientMatchesFiniteDifferences(_ s: Int) throws {
        for seed in UInt64(0)..<3 {
            let f = try TestNetworks.random(widths: Self.shapes[s], seed: seed * 10 + UInt64(s))
            let x = TestNetworks.point(f, seed: seed)
            let g = f.gradient(x)
            let h = 1e-6
            var fd = [Double](repeating: 0, count: x.count)
            for i in x.indices {
                var a = x, b = x
                a[i] += h; b[i] -= h
                fd[i] = (f.residualLoss(a) - f.residualLoss(b)) / (2 * h)
            }
            #expect(TestNetworks.relativeError(g, fd) <= 1e-6, "depth \(Self.shapes[s].count - 1) seed \(seed)")
        }
    }

    @Test(arguments: shapes.indices)
    func hessianMatchesFiniteDifferencesOfGradient(_ s: Int) throws {
        for seed in UInt64(0)..<3 {
            let f = try TestNetworks.random(widths: Self.shapes[s], seed: seed * 7 + 100 + UInt64(s))
            let x = TestNetworks.point(f, seed: seed + 50)
            let hess = try f.hessian(x)
            let h = 1e-5
            for i in x.indices {
                var a = x, b = x
                a[i] += h; b[i] -= h
                let ga = f.gradient(a), gb = f.gradient(b)
                let fd = zip(ga, gb).map { ($0 - $1) / (2 * h) }
                let col = (0..<x.count).map { hess[$0, i] }
                #expect(TestNetworks.relativeError(col, fd, floor: 1e-3) <= 1e-6, "column \(i), depth \(Self.shapes[s].count - 1)")
            }
            // Symmetric.
            for i in x.indices { for j in x.indices { #expect(hess[i, j] == hess[j, i]) } }
        }
    }

    @Test(arguments: shapes.indices)
    func hessianVectorProductMatchesHessian(_ s: Int) throws {
        let f = try TestNetworks.random(widths: Self.shapes[s], seed: 900 + UInt64(s))
        let x = TestNetworks.point(f, seed: 3)
        let v = TestNetworks.point(f, seed: 4)
        let hess = try f.hessian(x)
        let direct = (0..<x.count).map { i in (0..<x.count).reduce(0.0) { $0 + hess[i, $1] * v[$1] } }
        #expect(TestNetworks.relativeError(f.hessianVectorProduct(x, v), direct) <= 1e-10)
    }

    @Test func statisticsLossAgreesWithResidualLoss() throws {
        for (s, widths) in Self.shapes.enumerated() {
            let f = try TestNetworks.random(widths: widths, samples: 25, seed: 77 + UInt64(s))
            for seed in UInt64(0)..<5 {
                let x = TestNetworks.point(f, seed: seed)
                let a = f.loss(x), b = f.residualLoss(x)
                #expect(abs(a - b) <= 1e-10 * max(1, b), "\(a) vs \(b)")
            }
        }
    }

    /// Large data takes the BLAS path (dsyrk for XᵀX): it must agree with plain sums.
    @Test func sufficientStatisticsOnTheBLASPath() throws {
        var g = SeededGenerator(seed: 4)
        let x = Matrix(rows: 300, cols: 40, data: g.gaussianVector(12_000))
        let y = Matrix(rows: 300, cols: 3, data: g.gaussianVector(900))
        let s = try SufficientStatistics(try Dataset(x: x, y: y))
        for i in 0..<40 { for j in 0..<40 {
            var want = 0.0
            for k in 0..<300 { want += x[k, i] * x[k, j] }
            #expect(abs(s.gram[i, j] - want) <= 1e-12 * max(1, abs(want)))
        } }
        for i in 0..<40 { for j in 0..<3 {
            var want = 0.0
            for k in 0..<300 { want += x[k, i] * y[k, j] }
            #expect(abs(s.cross[i, j] - want) <= 1e-12 * max(1, abs(want)))
        } }
    }

    /// Depth 1 is linear regression: gradient XᵀXW − XᵀY and Hessian I ⊗ XᵀX restricted to the mask.
    @Test func depthOneClosedForm() throws {
        let f = try TestNetworks.random(widths: [4, 3], density: 1, seed: 5)
        let x = TestNetworks.point(f, seed: 1)
        let w = Matrix(rows: 4, cols: 3, data: x)
        let expected = f.dataset.x.transposed.multiplied(by: f.dataset.x).multiplied(by: w) - f.dataset.x.transposed.multiplied(by: f.dataset.y)
        #expect(TestNetworks.relativeError(f.gradient(x), expected.data) <= 1e-12)
        let h = try f.hessian(x)
        let g = f.statistics.gram
        for i in 0..<12 { for j in 0..<12 {
            let want = (i % 3 == j % 3) ? g[i / 3, j / 3] : 0
            #expect(abs(h[i, j] - want) <= 1e-12 * max(1, abs(want)))
        } }
    }

    /// Theorem 5: the gradient vanishes at (1,2,2,0,1,2,3,0) with L = 8, and the Hessian spectrum is the paper's.
    @Test func theorem5SpectrumMatchesCases() throws {
        let f = try TestNetworks.theorem5()
        let p: [Double] = [1, 2, 2, 0, 1, 2, 3, 0]
        #expect(f.loss(p) == 8)
        #expect(f.gradient(p).allSatisfy { abs($0) < 1e-14 })
        let ev = try SymmetricEigen(try f.hessian(p), vectors: false).values
        let printed = [0, 0, 0.191640, 1.783009, 5, 6.311063, 11.216991, 21.497296]
        for (a, b) in zip(ev, printed) { #expect(abs(a - b) < 5e-7, "\(a) vs \(b)") }
        // The paper's better point has L = 0.18.
        let r = 10.0.squareRoot()
        #expect(abs(f.loss([r / 5, r, 0, 2, r / 5, r, 0, 2]) - 0.18) < 1e-13)
    }
}
