import Foundation
import Testing
@testable import SparseScapeCore

/// The Hessian's spectral density and trace: exact from LAPACK dsyevd, and stochastic Lanczos quadrature against it.
@Suite struct SpectralDensityTests {
    /// A dense 20-20-10 network (600 weights) on 60 random samples, at a random point: an indefinite Hessian.
    static func midSize() throws -> (f: LossFunction, x: [Double], h: Matrix) {
        let f = try TestNetworks.random(widths: [20, 20, 10], density: 1, samples: 60, seed: 2020)
        let x = TestNetworks.point(f, seed: 11, scale: 0.3)
        return (f, x, try f.hessian(x))
    }

    /// ∫|ρ₁ − ρ₂| on a fine grid covering both.
    static func l1Distance(_ a: SpectralDensityResult, _ b: SpectralDensityResult, points: Int = 2000) -> Double {
        let lo = min(a.grid.first!, b.grid.first!), hi = max(a.grid.last!, b.grid.last!)
        let h = (hi - lo) / Double(points)
        return (0...points).reduce(0.0) { s, k in
            let t = lo + h * Double(k)
            return s + abs(a.density(at: t) - b.density(at: t)) * h
        }
    }

    @Test func exactDensityIsANormalisedMeasureWithTheHessiansTrace() throws {
        let (f, x, h) = try Self.midSize()
        let d = try SpectralDensity.compute(f, params: x)   // auto: 600 ≤ 3000 weights, so exact
        #expect(d.method == .exact)
        #expect(d.nodes.count == 600 && d.nodes == d.nodes.sorted())
        #expect(abs(d.weights.reduce(0, +) - 1) <= 1e-12)
        // The trace against the Hessian's diagonal and ⟨λ²⟩ against ‖H‖²_F / p: neither goes through the eigensolver.
        var diagonal = 0.0, frobenius = 0.0
        for i in 0..<h.rows {
            diagonal += h[i, i]
            for j in 0..<h.cols { frobenius += h[i, j] * h[i, j] }
        }
        #expect(abs(d.trace - diagonal) <= 1e-10 * abs(diagonal), "trace \(d.trace) vs Σ H_ii \(diagonal)")
        #expect(abs(d.trace - d.nodes.reduce(0, +)) <= 1e-12 * abs(diagonal))
        #expect(abs(d.meanEigenvalue - diagonal / 600) <= 1e-10 * abs(diagonal / 600))
        #expect(abs(d.secondMoment - frobenius / 600) <= 1e-10 * frobenius / 600)
        #expect(d.traceStandardError == 0)
        #expect(d.lambdaMin == d.nodes.first! && d.lambdaMax == d.nodes.last! && d.lambdaMin < 0)
        // The broadened density integrates to 1 on its grid, which reaches 6σ past both ends.
        #expect(abs(d.gridMass - 1) <= 1e-8, "∫ρ = \(d.gridMass)")
        #expect(d.grid.count == SpectralDensity.defaultBins)
        #expect(abs(d.grid.first! - (d.lambdaMin - 6 * d.sigma)) <= 1e-9 * d.sigma && abs(d.grid.last! - (d.lambdaMax + 6 * d.sigma)) <= 1e-9 * d.sigma)
        #expect(abs(d.sigma - 0.01 * (d.lambdaMax - d.lambdaMin)) <= 1e-12 * d.sigma)
        // ρ at one point is the sum of the eigenvalues' Gaussians.
        let t = d.grid[100]
        let direct = d.nodes.reduce(0.0) { $0 + exp(-0.5 * pow((t - $1) / d.sigma, 2)) } / (600 * d.sigma * (2 * Double.pi).squareRoot())
        #expect(abs(d.density[100] - direct) <= 1e-12 * direct)
        // The histogram counts the eigenvalues.
        let (edges, mass) = d.histogram(count: 16)
        #expect(edges.count == 17 && edges.first == d.lambdaMin && edges.last == d.lambdaMax)
        #expect(abs(mass.reduce(0, +) - 1) <= 1e-12)
        let inThird = d.nodes.filter { $0 >= edges[3] && $0 < edges[4] }.count
        #expect(abs(mass[3] * 600 - Double(inThird)) <= 1e-9)
        // The CSV reads back.
        let rows = d.csv().split(separator: "\n")
        #expect(rows.first == "lambda,density" && rows.count == d.grid.count + 1)
        #expect(rows[1] == "\(d.grid[0]),\(d.density[0])")
    }

    @Test func slqMatchesTheExactSpectrumOnADense20x20x10Network() throws {
        let (f, x, h) = try Self.midSize()
        let exact = try SpectralDensity.compute(f, params: x, method: .exact)
        let sigma = 0.03 * (exact.lambdaMax - exact.lambdaMin)
        let slq = try SpectralDensity.compute(f, params: x, method: .slq(probes: 32, steps: 40), sigma: sigma, seed: 3)
        #expect(slq.method == .slq && slq.probes == 32 && slq.lanczosSteps == 40 && slq.seed == 3)
        #expect(slq.hessianVectorProducts == 32 * 40)
        #expect(slq.nodes.count == 32 * 40)
        #expect(abs(slq.weights.reduce(0, +) - 1) <= 1e-12)
        #expect(abs(slq.gridMass - 1) <= 1e-8)
        // Trace: within three standard errors, and within 5% (the standard error is about 2%).
        let se = try #require(slq.traceStandardError)
        #expect(se > 0 && se < 0.04 * exact.trace, "standard error \(se) of a trace \(exact.trace)")
        #expect(abs(slq.trace - exact.trace) <= 3 * se, "trace \(slq.trace) ± \(se) vs \(exact.trace)")
        #expect(abs(slq.trace - exact.trace) <= 0.05 * exact.trace)
        // The standard error matches Hutchinson's variance for Rademacher probes, 2·Σ_{i≠j} H_ij², within sampling noise.
        var offDiagonal = 0.0
        for i in 0..<h.rows { for j in 0..<h.cols where i != j { offDiagonal += h[i, j] * h[i, j] } }
        let theory = (2 * offDiagonal / 32).squareRoot()
        #expect(se > 0.5 * theory && se < 2 * theory, "standard error \(se), theory \(theory)")
        // Spectral moments ⟨λ⟩ and ⟨λ²⟩.
        #expect(abs(slq.meanEigenvalue - exact.meanEigenvalue) <= 0.05 * abs(exact.meanEigenvalue))
        #expect(abs(slq.secondMoment - exact.secondMoment) <= 0.05 * exact.secondMoment,
                "⟨λ²⟩ \(slq.secondMoment) vs \(exact.secondMoment)")
        // Extreme Ritz values: inside the spectrum (Rayleigh quotients) and converged.
        let width = exact.lambdaMax - exact.lambdaMin
        #expect(slq.lambdaMin >= exact.lambdaMin - 1e-9 * width && slq.lambdaMin - exact.lambdaMin <= 1e-3 * width)
        #expect(slq.lambdaMax <= exact.lambdaMax + 1e-9 * width && exact.lambdaMax - slq.lambdaMax <= 1e-6 * width)
        // The densities, broadened alike, are close in L¹ (the largest possible distance is 2).
        let sameSigma = try SpectralDensity.exact(eigenvalues: exact.nodes, sigma: sigma)
        let distance = Self.l1Distance(slq, sameSigma)
        #expect(distance < 0.05, "∫|ρ_slq − ρ_exact| = \(distance)")
        // Two Lanczos steps fewer than needed show: a 3-step quadrature is visibly coarser than 40 steps.
        let coarse = try SpectralDensity.compute(f, params: x, method: .slq(probes: 32, steps: 3), sigma: 0.01 * width, seed: 3)
        let fine = try SpectralDensity.compute(f, params: x, method: .slq(probes: 32, steps: 40), sigma: 0.01 * width, seed: 3)
        let sharp = try SpectralDensity.exact(eigenvalues: exact.nodes, sigma: 0.01 * width)
        #expect(Self.l1Distance(coarse, sharp, points: 1000) > 2 * Self.l1Distance(fine, sharp, points: 1000))
        // ...but its trace is the same: vᵀHv needs one step.
        #expect(abs(coarse.trace - fine.trace) <= 1e-9 * abs(fine.trace))
    }

    @Test func slqIsExactWhenTheOperatorHasFewDistinctEigenvalues() throws {
        // A = Q·diag(1 ×10, 3 ×5, −2 ×5)·Qᵀ with Q a Householder reflection: the Krylov space is exhausted after 3 steps.
        let n = 20
        let values = [Double](repeating: 1, count: 10) + [Double](repeating: 3, count: 5) + [Double](repeating: -2, count: 5)
        var g = SeededGenerator(seed: 9)
        let u = g.gaussianVector(n)
        let uu = u.reduce(0) { $0 + $1 * $1 }
        var a = Matrix(rows: n, cols: n)
        for i in 0..<n { for j in 0..<n {
            var s = 0.0
            for k in 0..<n {
                let qik = (i == k ? 1 : 0) - 2 * u[i] * u[k] / uu, qjk = (j == k ? 1 : 0) - 2 * u[j] * u[k] / uu
                s += qik * values[k] * qjk
            }
            a[i, j] = s
        } }
        func apply(_ m: Matrix) -> (UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Void {
            { x, y in for i in 0..<n { var s = 0.0; for j in 0..<n { s += m[i, j] * x[j] }; y[i] = s } }
        }
        let d = try SpectralDensity.stochastic(dimension: n, probes: 8, steps: 10, seed: 4, apply: apply(a))
        #expect(d.hessianVectorProducts == 8 * 3, "steps per probe: the Krylov space has dimension 3")
        for node in d.nodes { #expect([-2.0, 1, 3].contains { abs(node - $0) <= 1e-10 }, "Ritz value \(node)") }
        #expect(abs(d.lambdaMin + 2) <= 1e-10 && abs(d.lambdaMax - 3) <= 1e-10)
        // On the diagonal matrix every Rademacher probe sees each eigenvalue with weight multiplicity/n, exactly.
        var diagonal = Matrix(rows: n, cols: n)
        for i in 0..<n { diagonal[i, i] = values[i] }
        let e = try SpectralDensity.stochastic(dimension: n, probes: 8, steps: 10, seed: 4, apply: apply(diagonal))
        for (value, share) in [(-2.0, 0.25), (1, 0.5), (3, 0.25)] {
            let mass = zip(e.nodes, e.weights).filter { abs($0.0 - value) <= 1e-10 }.reduce(0) { $0 + $1.1 }
            #expect(abs(mass - share) <= 1e-12, "mass at \(value): \(mass)")
        }
        #expect(abs(e.trace - 15) <= 1e-12 && (e.traceStandardError ?? 1) <= 1e-12)
        // One probe: no standard error.
        #expect(try SpectralDensity.stochastic(dimension: n, probes: 1, steps: 5, apply: apply(a)).traceStandardError == nil)
    }

    @Test func seedsReproduceAndAutoSwitchesAtTheDenseLimit() throws {
        let f = try TestNetworks.random(widths: [8, 6, 4], density: 0.7, samples: 15, seed: 77)
        let x = TestNetworks.point(f, seed: 2)
        let a = try SpectralDensity.compute(f, params: x, method: .slq(probes: 4, steps: 6), seed: 10)
        #expect(try SpectralDensity.compute(f, params: x, method: .slq(probes: 4, steps: 6), seed: 10) == a)
        #expect(try SpectralDensity.compute(f, params: x, method: .slq(probes: 4, steps: 6), seed: 11).trace != a.trace)
        // Probe i comes from stream i: more probes keep the first ones.
        let op = f.hessianOperator(at: x)
        let first4 = try StochasticLanczosQuadrature.run(dimension: f.parameterCount, probes: 4, steps: 6, seed: 10) { op.apply($0, into: $1) }
        let first5 = try StochasticLanczosQuadrature.run(dimension: f.parameterCount, probes: 5, steps: 6, seed: 10) { op.apply($0, into: $1) }
        #expect(Array(first5.prefix(4)) == first4)
        let more = try SpectralDensity.compute(f, params: x, method: .slq(probes: 5, steps: 6), seed: 10)
        #expect(abs(more.trace * 5 - (a.trace * 4 + first5[4].quadraticForm)) <= 1e-9 * abs(more.trace * 5))
        let limit = Certifier.denseSpectrumParameterLimit
        #expect(SpectralDensityMethod.auto.resolved(forParameterCount: limit) == .exact)
        #expect(SpectralDensityMethod.auto.resolved(forParameterCount: limit + 1, probes: 7, steps: 9) == .slq(probes: 7, steps: 9))
        #expect(SpectralDensityMethod.exact.resolved(forParameterCount: limit + 1) == .exact)
        #expect(try SpectralDensityMethod.parse("SLQ", probes: 3, steps: 4) == .slq(probes: 3, steps: 4))
    }

    @Test func badSettingsAreRefusedWithTheirReason() throws {
        let f = try TestNetworks.random(widths: [5, 4, 3], samples: 9, seed: 5)
        let x = TestNetworks.point(f, seed: 1)
        func message(_ body: () throws -> Void) -> String {
            do { try body(); return "" } catch { return "\(error)" }
        }
        #expect(message { _ = try SpectralDensity.compute(f, params: x, method: .slq(probes: 0, steps: 5)) }.contains("at least 1 probe"))
        #expect(message { _ = try SpectralDensity.compute(f, params: x, method: .slq(probes: 2, steps: 0)) }.contains("at least 1 Lanczos step"))
        #expect(message { _ = try SpectralDensity.compute(f, params: x, bins: 1) }.contains("2 to"))
        #expect(message { _ = try SpectralDensity.compute(f, params: x, sigma: -1) }.contains("positive and finite"))
        let fine = message { _ = try SpectralDensity.compute(f, params: x, bins: 50, sigma: 1e-4) }
        #expect(fine.contains("finer than the grid") && fine.contains("bins"), "\(fine)")
        #expect(message { _ = try SpectralDensity.compute(f, params: Array(x.dropLast())) }.contains("free weights"))
        #expect(message { _ = try SpectralDensityMethod.parse("lanczos") }.contains("auto, exact, slq"))
        // The suggested number of bins is enough.
        let d = try SpectralDensity.compute(f, params: x)
        let needed = Int(((d.lambdaMax - d.lambdaMin) / 1e-2 + 12).rounded(.up)) + 1
        #expect(try SpectralDensity.compute(f, params: x, bins: needed, sigma: 1e-2).gridMass > 1 - 1e-8)
    }
}
