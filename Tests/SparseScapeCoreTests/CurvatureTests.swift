import Testing
@testable import SparseScapeCore

/// Hessian extremes by Lanczos on Hessian-vector products, checked against LAPACK dsyevd, and certification at scale.
@Suite struct CurvatureTests {
    /// Relative gap |a − b| / max(1, scale).
    static func gap(_ a: Double, _ b: Double, scale: Double) -> Double { abs(a - b) / max(1, abs(scale)) }

    @Test func operatorMatchesTheDenseHessianForManyVectors() throws {
        for (s, widths) in [[5, 4], [6, 5, 3], [5, 4, 4, 3], [4, 3, 5, 4, 3]].enumerated() {
            let f = try TestNetworks.random(widths: widths, samples: 11, seed: 300 + UInt64(s))
            let x = TestNetworks.point(f, seed: 7)
            let h = try f.hessian(x)
            let op = f.hessianOperator(at: x)
            for seed in UInt64(0)..<4 {   // the same operator, reused
                let v = TestNetworks.point(f, seed: 20 + seed)
                let direct = (0..<v.count).map { i in (0..<v.count).reduce(0.0) { $0 + h[i, $1] * v[$1] } }
                #expect(TestNetworks.relativeError(op.apply(v), direct) <= 1e-12, "widths \(widths)")
                #expect(TestNetworks.relativeError(f.hessianVectorProduct(x, v), direct) <= 1e-12, "widths \(widths)")
            }
        }
    }

    /// Mid-size random sparse networks (p ≈ 200–1500, depths 2 and 3): Lanczos extremes equal dsyevd's.
    @Test(arguments: [([30, 20, 8], 0.6), ([40, 30, 10], 0.7), ([20, 16, 12, 6], 0.6), ([50, 24, 12, 5], 0.8)])
    func lanczosExtremesMatchDsyevd(_ widths: [Int], _ density: Double) throws {
        let f = try TestNetworks.random(widths: widths, density: density, samples: 60, seed: UInt64(widths.reduce(0, +)))
        #expect(f.parameterCount >= 200 && f.parameterCount <= 1500)
        let x = TestNetworks.point(f, seed: 5, scale: 0.4)
        let ev = try SymmetricEigen(try f.hessian(x), vectors: false).values
        let r = try f.hessianExtremes(x)
        let scale = max(abs(ev.first!), abs(ev.last!))
        #expect(r.converged, "p = \(f.parameterCount): \(r.iterations) iterations")
        #expect(Self.gap(r.lambdaMin, ev.first!, scale: scale) <= 1e-8, "λmin \(r.lambdaMin) vs \(ev.first!)")
        #expect(Self.gap(r.lambdaMax, ev.last!, scale: scale) <= 1e-8, "λmax \(r.lambdaMax) vs \(ev.last!)")
        #expect(r.iterations < f.parameterCount)   // found before the Krylov space filled the space
        // Forcing the second Gram–Schmidt pass at every step changes nothing beyond rounding.
        let twice = try f.hessianExtremes(x, settings: LanczosSettings(alwaysReorthogonaliseTwice: true))
        #expect(Self.gap(twice.lambdaMin, r.lambdaMin, scale: scale) <= 1e-10)
        #expect(Self.gap(twice.lambdaMax, r.lambdaMax, scale: scale) <= 1e-10)
        #expect(twice.reorthogonalisationPasses == 2 * twice.iterations)
    }

    @Test func lanczosOnADenseMatrixFindsBothEndsAndStopsWhenExhausted() throws {
        // diag(−3, 1, 1, …, 1, 5) in a random orthonormal-free basis: Lanczos sees three distinct eigenvalues only.
        let n = 40
        var a = Matrix(rows: n, cols: n)
        for i in 0..<n { a[i, i] = 1 }
        a[0, 0] = -3
        a[n - 1, n - 1] = 5
        let r = try LanczosEigensolver.extremes(of: a)
        #expect(r.exhausted && r.converged)
        #expect(r.iterations == 3)
        #expect(abs(r.lambdaMin + 3) < 1e-12 && abs(r.lambdaMax - 5) < 1e-12)
        // The same seed gives the same run.
        #expect(try LanczosEigensolver.extremes(of: a) == r)
    }

    @Test func saddleAtTheOriginHasANegativeLambdaMin() throws {
        let t5 = try TestNetworks.theorem5()
        let r5 = try t5.hessianExtremes([Double](repeating: 0, count: 8))
        let ev5 = try SymmetricEigen(try t5.hessian([Double](repeating: 0, count: 8)), vectors: false).values
        #expect(r5.lambdaMin < 0 && abs(r5.lambdaMin - ev5.first!) < 1e-10)
        let f = try TestNetworks.random(widths: [30, 20, 8], samples: 40, seed: 4)
        let zero = [Double](repeating: 0, count: f.parameterCount)
        let ev = try SymmetricEigen(try f.hessian(zero), vectors: false).values
        let r = try f.hessianExtremes(zero)
        #expect(r.lambdaMin < -1e-3)
        #expect(Self.gap(r.lambdaMin, ev.first!, scale: ev.last!) <= 1e-8)
        #expect(Self.gap(r.lambdaMax, ev.last!, scale: ev.last!) <= 1e-8)
    }

    /// Theorem 5's spurious minimum: λmin ≈ 0 (the two rescalings), and with the symmetry directions deflated the
    /// smallest eigenvalue is the paper's first one beyond symmetry, 0.191640.
    @Test func theorem5BeyondSymmetryByDeflation() throws {
        let f = try TestNetworks.theorem5()
        let x: [Double] = [1, 2, 2, 0, 1, 2, 3, 0]
        let plain = try f.hessianExtremes(x)
        #expect(abs(plain.lambdaMin) < 1e-10)
        #expect(abs(plain.lambdaMax - 21.497296) < 5e-7)
        let basis = try SymmetryBasis(f.architecture, x, threshold: 1e-9)
        #expect(basis.rank == 2)
        let deflated = try f.hessianExtremes(x, deflating: basis)
        #expect(deflated.minConverged)
        #expect(abs(deflated.lambdaMin - 0.191640) < 5e-7, "\(deflated.lambdaMin)")
        #expect(abs(deflated.lambdaMax - 21.497296) < 5e-7)
        // The deflated directions are Hessian null vectors here.
        for i in 0..<basis.rank {
            let u = Array(basis.vectors[(i * 8)..<((i + 1) * 8)])
            #expect(f.hessianVectorProduct(x, u).allSatisfy { abs($0) < 1e-12 })
        }
    }

    /// The symmetry basis is orthonormal and its rank is SymmetryAnalysis's count (sparse, dense GL(h), deep, dead nodes).
    @Test func symmetryBasisAgreesWithSymmetryAnalysis() throws {
        let cases: [([Int], Double)] = [([6, 4, 3], 0.6), ([5, 3, 4], 1), ([6, 4, 4, 3], 0.7), ([8, 5, 3, 2], 1), ([10, 6, 4], 0.4)]
        for (s, (widths, density)) in cases.enumerated() {
            let f = try TestNetworks.random(widths: widths, density: density, seed: 60 + UInt64(s))
            for seed in UInt64(0)..<3 {
                var x = TestNetworks.point(f, seed: seed)
                if seed == 2 { for i in 0..<min(3, x.count) { x[i] = 0 } }   // some dead weights
                let basis = try SymmetryBasis(f.architecture, x, threshold: 1e-9)
                #expect(basis.rank == (try SymmetryAnalysis.zeroEigenvalueCount(f.architecture, x, threshold: 1e-9)), "widths \(widths)")
                let p = f.parameterCount
                for i in 0..<basis.rank {
                    for j in 0...i {
                        var d = 0.0
                        for t in 0..<p { d += basis.vectors[i * p + t] * basis.vectors[j * p + t] }
                        #expect(abs(d - (i == j ? 1 : 0)) < 1e-12)
                    }
                }
            }
        }
    }

    /// A dense [310, 5, 300] network with X = I: p = 3050 > the dense limit. Its global minimum (the rank-5 SVD
    /// truncation of Y) is a local minimum with the 25 GL(5) symmetry zeros; swapping in the 6th singular pair gives
    /// a strict saddle. Certify must use Lanczos, leave the spectrum out, and agree with dsyevd on the same Hessian.
    @Test func certifyAboveTheDenseLimitUsesLanczosAndAgreesWithDsyevd() throws {
        let dx = 310, h = 5, dy = 300
        var g = SeededGenerator(seed: 3050)
        let y = Matrix(rows: dx, cols: dy, data: g.gaussianVector(dx * dy))
        let f = try LossFunction(architecture: try .dense(widths: [dx, h, dy]), dataset: try Dataset(x: .identity(dx), y: y))
        #expect(f.parameterCount == 3050 && f.parameterCount > Certifier.denseSpectrumParameterLimit)
        let svd = try SingularValueDecomposition(y)
        func point(_ pairs: [Int]) -> [Double] {
            var w1 = Matrix(rows: dx, cols: h), w2 = Matrix(rows: h, cols: dy)
            for (c, i) in pairs.enumerated() {
                for r in 0..<dx { w1[r, c] = svd.u[r, i] * svd.singularValues[i] }
                for q in 0..<dy { w2[c, q] = svd.vt[i, q] }
            }
            return f.architecture.parameters(from: [w1, w2])
        }
        let minimum = point([0, 1, 2, 3, 4]), saddle = point([0, 1, 2, 3, 5])

        let c = try Certifier.certify(f, params: minimum)
        #expect(c.curvatureMethod == .lanczos)
        #expect(c.hessianEigenvalues == nil)
        #expect(c.lanczos?.converged == true && c.lanczos?.beyondSymmetryConverged == true)
        #expect(c.symmetryZeroCount == 25)
        #expect(c.classification == .globalMinimum)
        #expect(c.spurious == false && abs(c.loss - c.globalMinimum!.value) < 1e-8 * c.loss)
        // The dense answer, computed directly.
        let ev = try SymmetricEigen(try f.hessian(minimum), vectors: false).values
        let scale = max(abs(ev.first!), abs(ev.last!))
        #expect(try SymmetryAnalysis.zeroEigenvalueCount(f.architecture, minimum, threshold: 1e-9) == 25)
        #expect(ev.prefix(25).allSatisfy { abs($0) < 1e-8 * scale } && ev[25] > 1e-6 * scale)
        #expect(Self.gap(c.lambdaMin, ev.first!, scale: scale) <= 1e-8)
        #expect(Self.gap(c.lambdaMax, ev.last!, scale: scale) <= 1e-8)
        #expect(Self.gap(c.firstBeyondSymmetry!, ev[25], scale: scale) <= 1e-8, "\(c.firstBeyondSymmetry!) vs \(ev[25])")

        let s = try Certifier.certify(f, params: saddle)
        #expect(s.curvatureMethod == .lanczos && s.hessianEigenvalues == nil)
        #expect(s.classification == .saddle)
        let evs = try SymmetricEigen(try f.hessian(saddle), vectors: false).values
        #expect(evs.first! < 0)
        #expect(Self.gap(s.lambdaMin, evs.first!, scale: max(abs(evs.first!), evs.last!)) <= 1e-8)
    }

    @Test func certifyAtOrBelowTheLimitStaysDense() throws {
        let f = try TestNetworks.theorem5()
        let c = try Certifier.certify(f, params: [1, 2, 2, 0, 1, 2, 3, 0])
        #expect(c.curvatureMethod == .dense && c.lanczos == nil && c.hessianEigenvalues?.count == 8)
        #expect(CurvatureMethod.chosen(forParameterCount: Certifier.denseSpectrumParameterLimit) == .dense)
        #expect(CurvatureMethod.chosen(forParameterCount: Certifier.denseSpectrumParameterLimit + 1) == .lanczos)
    }
}
