import Testing
@testable import SparseScapeCore

/// Classification of points whose nature is known analytically.
@Suite struct CertificationTests {
    @Test func theorem5StallIsASpuriousLocalMinimum() throws {
        let f = try TestNetworks.theorem5()
        let r = 10.0.squareRoot()
        let better = [r / 5, r, 0, 2, r / 5, r, 0, 2]
        let c = try Certifier.certify(f, params: [1, 2, 2, 0, 1, 2, 3, 0], known: [KnownPoint(loss: f.loss(better), source: "paper", params: better)])
        #expect(c.classification == .localMinimum)
        #expect(c.symmetryZeroCount == 2)
        #expect(c.spurious == true)
        #expect(abs(c.firstBeyondSymmetry! - 0.191640) < 1e-6)
        #expect(c.bestKnown?.loss == f.loss(better))
        #expect(c.lowerBound != nil && c.globalMinimum == nil)
    }

    @Test func originOfATwoLayerNetworkIsASaddle() throws {
        let f = try TestNetworks.theorem5()
        let c = try Certifier.certify(f, params: [Double](repeating: 0, count: 8))
        #expect(c.gradientNorm == 0)
        #expect(c.classification == .saddle)
        #expect(c.lambdaMin < 0)
        #expect(c.spurious == nil)
    }

    @Test(arguments: [UInt64(8), 9, 10])
    func originOfADeepNetworkIsAThirdOrderSaddle(seed: UInt64) throws {
        // With three layers the gradient and Hessian vanish at the origin, but the cubic term −⟨XᵀY, D₁D₂D₃⟩ does not.
        let f = try TestNetworks.random(widths: [3, 2, 2, 2], density: 1, seed: seed)
        let zero = [Double](repeating: 0, count: f.parameterCount)
        let c = try Certifier.certify(f, params: zero)
        #expect(c.hessianEigenvalues!.allSatisfy { abs($0) < 1e-12 })
        #expect(c.classification == .saddle)
        #expect(c.saddleOrder == 3 && c.index == 0)
        let e = try #require(c.higherOrder)
        let d = try #require(e.direction), poly = try #require(e.coefficients)
        #expect(e.kernelDimension == f.parameterCount)
        // The reported polynomial is the loss along the line: c₀ = L(0), c₁ = c₂ = 0, c₃ = −⟨XᵀY, D₁D₂D₃⟩ < 0.
        #expect(abs(poly[0] - f.loss(zero)) < 1e-12)
        #expect(abs(poly[1]) < 1e-12 && abs(poly[2]) < 1e-12 && poly[3] < 0)
        let w = f.architecture.weights(from: d)
        let product = w[0].multiplied(by: w[1]).multiplied(by: w[2])
        #expect(abs(poly[3] + product.frobeniusDot(f.statistics.cross)) < 1e-10)
        // And the loss really is lower at the reported step, evaluated directly from the residual.
        let t = try #require(e.step)
        let moved = d.map { t * $0 }
        #expect(f.residualLoss(moved) < f.residualLoss(zero) - 0.5 * e.decrease!)
        for t in [1e-3, 1e-2, 0.1] { #expect(f.residualLoss(d.map { t * $0 }) < f.residualLoss(zero)) }
    }

    /// At theorem5's strict spurious minimum the Hessian's kernel is exactly the two rescalings: nothing to search.
    @Test func higherOrderTestFindsNothingWhereTheKernelIsSymmetry() throws {
        let f = try TestNetworks.theorem5()
        let x: [Double] = [1, 2, 2, 0, 1, 2, 3, 0]
        let e = try HigherOrderTest.run(f, params: x, hessian: try f.hessian(x), tolerance: 1e-8, symmetryThreshold: 1e-9)
        #expect(e.order == nil && e.kernelDimension == 0)
    }

    @Test func randomPointIsNotCritical() throws {
        let f = try TestNetworks.random(widths: [3, 3, 2], seed: 2)
        #expect(try Certifier.certify(f, params: TestNetworks.point(f, seed: 1)).classification == .notCritical)
    }

    @Test func globalMinimumOfADenseNetworkIsNotSpurious() throws {
        let f = try TestNetworks.random(widths: [4, 2, 3], density: 1, seed: 21)
        let s = try SearchSettings(restarts: 8, seed: 1, optimizer: try OptimizerSettings(kind: .bcd),
                                   rules: try StoppingRules(maxSteps: 5000, gradientTolerance: 1e-12))
        let best = try MultiStartSearch.run(f, settings: s).minima.first!
        let c = try Certifier.certify(f, params: best.params)
        #expect(c.classification == .globalMinimum)
        #expect(c.globalReason?.contains("closed-form") == true)
        #expect(c.spurious == false)
        #expect(abs(c.loss - c.globalMinimum!.value) < 1e-9)
        // GL(2) acts on the dense hidden layer: 4 symmetry zeros, and the Hessian has exactly 4 eigenvalues ≈ 0.
        #expect(c.symmetryZeroCount == 4)
        #expect(c.hessianEigenvalues!.filter { abs($0) < 1e-7 }.count == 4)
        #expect(try SymmetryAnalysis.allowedMixings(f.architecture).count == 4)
    }

    /// Every allowed mixing direction is a Hessian null vector at a critical point.
    @Test func symmetryDirectionsAreHessianNullVectors() throws {
        let f = try TestNetworks.theorem5()
        let x: [Double] = [1, 2, 2, 0, 1, 2, 3, 0]
        let h = try f.hessian(x)
        // Rescaling of hidden node 0: (w1, w2) scaled up, (w5, w6) scaled down.
        let t: [Double] = [1, 2, 0, 0, -1, -2, 0, 0]
        let ht = (0..<8).map { i in (0..<8).reduce(0.0) { $0 + h[i, $1] * t[$1] } }
        #expect(ht.allSatisfy { abs($0) < 1e-12 })
        #expect(try SymmetryAnalysis.allowedMixings(f.architecture).count == 2)
        #expect(try SymmetryAnalysis.zeroEigenvalueCount(f.architecture, x, threshold: 1e-9) == 2)
    }

    @Test func symmetryCountIgnoresDeadNodes() throws {
        let f = try TestNetworks.theorem5()
        #expect(Certifier.symmetryCount(f.architecture, [1, 2, 2, 0, 1, 2, 3, 0], threshold: 1e-9) == 2)
        #expect(Certifier.symmetryCount(f.architecture, [1, 2, 0, 0, 1, 2, 3, 0], threshold: 1e-9) == 1)
        #expect(Certifier.symmetryCount(f.architecture, [1, 2, 2, 1, 0, 0, 0, 0], threshold: 1e-9) == 0)
    }

    @Test func printedValuesCompareToTheirDigits() {
        #expect(PrintedValue("0.6805528480352").matches(0.6805528480352803))   // truncated
        #expect(PrintedValue("0.6781647585271").matches(0.6781647585270727))   // rounded
        #expect(!PrintedValue("0.6781647585271").matches(0.6781647585269))
        #expect(PrintedValue("1.4e-1").matches(0.1459))
        #expect(!PrintedValue("1.4e-1").matches(0.1509))
        #expect(PrintedValue("0.191640").unit == 1e-6)
    }
}
