import Foundation
import Testing
@testable import SparseScapeCore

/// Trust-region Newton, L-BFGS, the trust-region subproblem, the strong-Wolfe search and the Newton polish.
@Suite struct SecondOrderTests {
    /// Runs `optimizer` from `start`, returning the loss, the gradient norms after each step, and the end point.
    static func iterate(_ f: LossFunction, _ optimizer: any Optimizer, start: [Double], steps: Int) -> (loss: Double, norms: [Double], params: [Double]) {
        var x = start
        var g = [Double](repeating: 0, count: f.parameterCount)
        let ws = f.makeWorkspace()
        var loss = 0.0
        var norms: [Double] = []
        x.withUnsafeMutableBufferPointer { xp in
            g.withUnsafeMutableBufferPointer { gp in
                loss = f.evaluate(xp.baseAddress!, gradient: gp.baseAddress!, workspace: ws)
                norms.append(gp.reduce(0) { $0 + $1 * $1 }.squareRoot())
                for _ in 0..<steps {
                    if !optimizer.step(xp.baseAddress!, loss: &loss, gradient: gp.baseAddress!) { break }
                    norms.append(gp.reduce(0) { $0 + $1 * $1 }.squareRoot())
                }
            }
        }
        return (loss, norms, x)
    }

    @Test func newtonConvergesQuadraticallyToTheorem5sMinima() throws {
        let f = try TestNetworks.theorem5()
        for center in [[1.0, 2, 2, 0, 1, 2, 3, 0], [0.6702482314361741, 3.1583534015614423, 0, 2, 0.6702482314361741, 3.1583534015614423, 0, 2]] {
            var rng = SeededGenerator(seed: 4)
            let start = zip(center, rng.gaussianVector(8, scale: 0.02)).map { $0 + $1 }
            let run = Self.iterate(f, TrustRegionNewton(f), start: start, steps: 40)
            let g = run.norms
            #expect(g.last! < 1e-12)
            // Quadratic: once ‖∇L‖ < 1e-4 (and above the rounding floor), ‖g_{k+1}‖ ≤ C‖g_k‖² with C ≤ 100.
            var checked = 0
            for k in 0..<(g.count - 1) where g[k] < 1e-4 && g[k] > 1e-9 {
                #expect(g[k + 1] <= 100 * g[k] * g[k] + 1e-13, "step \(k): \(g[k]) → \(g[k + 1])")
                checked += 1
            }
            #expect(checked >= 1)
            #expect(abs(run.loss - f.loss(center)) < 1e-10)
        }
    }

    /// Scalar output: every local minimum is global (Theorems 1/6), so both solvers must reach the closed form.
    @Test(arguments: [OptimizerKind.newton, .lbfgs])
    func secondOrderSolversReachTheClosedFormWithScalarOutput(kind: OptimizerKind) throws {
        for seed in UInt64(1)...4 {
            let f = try TestNetworks.random(widths: [4, 3, 2, 1], density: 0.7, samples: 9, seed: seed)
            let exact = try #require(try GlobalMinimum.closedForm(f)).value
            let r = try Trainer.train(f, start: TestNetworks.point(f, seed: seed + 10), settings: try OptimizerSettings(kind: kind),
                                      rules: try StoppingRules(maxSteps: 5000, gradientTolerance: 1e-11))
            let end = NewtonPolish.run(f, start: r.params)
            #expect(end.gradientNorm < 1e-9)
            #expect(abs(end.loss - exact) < 1e-9 * max(1, exact), "seed \(seed): \(end.loss) vs \(exact)")
        }
    }

    /// Newton and L-BFGS from the same start near a strict minimum end at the same end-to-end product.
    @Test func newtonAndLBFGSAgree() throws {
        let f = try TestNetworks.random(widths: [5, 3, 3], density: 0.6, samples: 8, seed: 31)
        let rules = try StoppingRules(maxSteps: 20000, gradientTolerance: 1e-12)
        let lb = try Trainer.train(f, start: TestNetworks.point(f, seed: 2), settings: try OptimizerSettings(kind: .lbfgs), rules: rules)
        let minimum = NewtonPolish.run(f, start: lb.params).params
        var rng = SeededGenerator(seed: 9)
        let start = zip(minimum, rng.gaussianVector(f.parameterCount, scale: 1e-3)).map { $0 + $1 }
        let a = try Trainer.train(f, start: start, settings: try OptimizerSettings(kind: .newton), rules: rules)
        let b = try Trainer.train(f, start: start, settings: try OptimizerSettings(kind: .lbfgs), rules: rules)
        // L-BFGS's line search stops where the loss reaches rounding level; Newton goes on to machine precision.
        #expect(a.gradientNorm <= 1e-12 && b.gradientNorm <= 1e-6)
        #expect(abs(a.loss - b.loss) < 1e-10 * max(1, a.loss))
        let pa = f.endToEnd(a.params), pb = f.endToEnd(b.params)
        #expect((pa - pb).frobeniusNormSquared.squareRoot() < 1e-5)
        #expect(a.steps < b.steps)
    }

    /// The subproblem's solution meets the Moré–Sorensen conditions: (H + μI)s = −g, H + μI ⪰ 0, μ(Δ − ‖s‖) = 0.
    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func trustRegionSubproblemMeetsItsOptimalityConditions(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let n = 7
        let a = Matrix(rows: n, cols: n, data: rng.gaussianVector(n * n))
        let h = 0.5 * (a + a.transposed)
        let g = rng.gaussianVector(n)
        let lowest = try SymmetricEigen(h, vectors: false).values[0]
        let sub = try TrustRegionSubproblem(hessian: h, gradient: g)
        for radius in [0.05, 0.5, 5.0, 50.0] {
            let (s, pred, _) = sub.solve(radius: radius)
            let norm = s.reduce(0) { $0 + $1 * $1 }.squareRoot()
            #expect(norm <= radius * (1 + 1e-9))
            let hs = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + h[i, $1] * s[$1] } }
            // μ from the first condition, then check it holds componentwise.
            let mu = -zip(s, zip(hs, g).map { $0 + $1 }).reduce(0) { $0 + $1.0 * $1.1 } / (norm * norm)
            for i in 0..<n { #expect(abs(hs[i] + mu * s[i] + g[i]) < 1e-8 * (1 + abs(g[i]))) }
            #expect(mu >= -1e-9 && mu >= -lowest - 1e-7)
            if mu > 1e-9 { #expect(abs(norm - radius) < 1e-8 * radius) }
            let model = zip(g, s).reduce(0) { $0 + $1.0 * $1.1 } + 0.5 * zip(s, hs).reduce(0) { $0 + $1.0 * $1.1 }
            #expect(abs(-model - pred) < 1e-9 * max(1, pred))
            // No random point of the ball does better.
            for _ in 0..<200 {
                var v = rng.gaussianVector(n)
                let vn = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
                let r = radius * rng.uniform().squareRoot()
                v = v.map { $0 / vn * r }
                let hv = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + h[i, $1] * v[$1] } }
                let m = zip(g, v).reduce(0) { $0 + $1.0 * $1.1 } + 0.5 * zip(v, hv).reduce(0) { $0 + $1.0 * $1.1 }
                #expect(m >= model - 1e-9 * max(1, abs(model)))
            }
        }
    }

    /// The hard case: g orthogonal to the most negative eigenvector; the step must still reach the boundary along it.
    @Test func trustRegionSubproblemHandlesTheHardCase() throws {
        let h = Matrix([[-2, 0, 0], [0, 1, 0], [0, 0, 3]])
        let sub = try TrustRegionSubproblem(hessian: h, gradient: [0, 1, 1])
        let (s, _, boundary) = sub.solve(radius: 2)
        #expect(boundary)
        #expect(abs(s.reduce(0) { $0 + $1 * $1 }.squareRoot() - 2) < 1e-10)
        // μ = 2: s₂ = −1/3, s₃ = −1/5, and s₁ fills the rest of the radius.
        #expect(abs(s[1] + 1.0 / 3) < 1e-10 && abs(s[2] + 0.2) < 1e-10)
        #expect(abs(abs(s[0]) - (4 - 1.0 / 9 - 1.0 / 25).squareRoot()) < 1e-10)
        // With g = 0 at a saddle, Newton still moves (along the negative eigenvector).
        let zero = try TrustRegionSubproblem(hessian: h, gradient: [0, 0, 0]).solve(radius: 1)
        #expect(abs(abs(zero.step[0]) - 1) < 1e-12 && zero.predictedReduction > 0.99)
    }

    @Test func strongWolfeStepsMeetBothConditions() throws {
        let f = try TestNetworks.random(widths: [4, 3, 3], seed: 12)
        for seed in UInt64(1)...5 {
            let x = TestNetworks.point(f, seed: seed)
            let (l0, g) = f.lossAndGradient(x)
            let d = g.map { -$0 }
            let slope = -g.reduce(0) { $0 + $1 * $1 }
            let search = StrongWolfeLineSearch(f)
            let found = x.withUnsafeBufferPointer { xp in d.withUnsafeBufferPointer { dp in
                search.search(x: xp.baseAddress!, d: dp.baseAddress!, loss: l0, slope: slope, initialStep: 1)
            } }
            let p = try #require(found)
            let moved = zip(x, d).map { $0 + p.step * $1 }
            let (l, gm) = f.lossAndGradient(moved)
            #expect(abs(l - p.loss) < 1e-12 * max(1, l))
            #expect(l <= l0 + search.c1 * p.step * slope)
            // The gradient handed back is the one at the accepted point.
            #expect(TestNetworks.relativeError(Array(UnsafeBufferPointer(start: search.acceptedGradient, count: gm.count)), gm) < 1e-12)
            #expect(abs(zip(gm, d).reduce(0) { $0 + $1.0 * $1.1 }) <= -search.c2 * slope + 1e-12)
        }
    }

    @Test func lbfgsNeverRaisesTheLossAndKeepsMasks() throws {
        let f = try TestNetworks.random(widths: [5, 3, 2, 3], density: 0.5, seed: 7)
        let opt = LimitedMemoryBFGS(f)
        let run = Self.iterate(f, opt, start: TestNetworks.point(f, seed: 3), steps: 300)
        #expect(run.norms.count > 10)
        var x = TestNetworks.point(f, seed: 3)
        var g = [Double](repeating: 0, count: f.parameterCount)
        let ws = f.makeWorkspace()
        opt.reset()
        x.withUnsafeMutableBufferPointer { xp in
            g.withUnsafeMutableBufferPointer { gp in
                var loss = f.evaluate(xp.baseAddress!, gradient: gp.baseAddress!, workspace: ws)
                for _ in 0..<200 {
                    let before = loss
                    if !opt.step(xp.baseAddress!, loss: &loss, gradient: gp.baseAddress!) { break }
                    #expect(loss <= before)
                }
            }
        }
        // Pruned weights are not parameters: the dense weights keep exact zeros where the mask prunes.
        let w = f.architecture.weights(from: run.params)
        for l in 0..<w.count { for (k, free) in f.architecture.masks[l].enumerated() where !free { #expect(w[l].data[k] == 0) } }
    }

    /// Balancing moves along the rescaling orbit: the loss and the end-to-end product are unchanged.
    @Test func balancingKeepsTheLossAndEqualisesNorms() throws {
        let f = try TestNetworks.random(widths: [4, 3, 3, 2], density: 0.8, seed: 5)
        var x = TestNetworks.point(f, seed: 8)
        x = x.enumerated().map { $0.offset % 3 == 0 ? 40 * $0.element : $0.element }
        let balanced = NodeBalancing(f.architecture).balanced(x)
        #expect(abs(f.loss(balanced) - f.loss(x)) < 1e-9 * max(1, f.loss(x)))
        #expect((f.endToEnd(balanced) - f.endToEnd(x)).frobeniusNormSquared.squareRoot() < 1e-9 * max(1, f.endToEnd(x).frobeniusNormSquared.squareRoot()))
        let w = f.architecture.weights(from: balanced)
        for l in 1..<f.architecture.depth {
            for j in 0..<f.architecture.widths[l] {
                let inNorm = (0..<w[l - 1].rows).reduce(0.0) { $0 + w[l - 1][$1, j] * w[l - 1][$1, j] }
                let outNorm = (0..<w[l].cols).reduce(0.0) { $0 + w[l][j, $1] * w[l][j, $1] }
                if inNorm > 0 && outNorm > 0 { #expect(abs(inNorm - outNorm) < 1e-4 * (inNorm + outNorm)) }
            }
        }
    }
}
