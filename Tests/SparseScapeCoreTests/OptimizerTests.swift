import Testing
@testable import SparseScapeCore

/// Optimizers: monotonicity where promised, masks respected, stopping rules and failure detection.
@Suite struct OptimizerTests {
    /// A two-layer network with a sparse first layer and dense second layer (where BCD applies).
    static func twoLayer(seed: UInt64) throws -> LossFunction {
        var g = SeededGenerator(seed: seed)
        let dx = 5, h = 3, dy = 3
        var m1 = (0..<(dx * h)).map { _ in g.uniform() < 0.6 }
        for j in 0..<h { m1[j] = true }  // every neuron sees feature 0
        let arch = try NetworkArchitecture(widths: [dx, h, dy], masks: [m1, [Bool](repeating: true, count: h * dy)])
        let x = Matrix(rows: 9, cols: dx, data: g.gaussianVector(9 * dx))
        let y = Matrix(rows: 9, cols: dy, data: g.gaussianVector(9 * dy))
        return try LossFunction(architecture: arch, dataset: try Dataset(x: x, y: y))
    }

    /// Runs `steps` single steps and returns the loss after each (starting with the initial loss).
    static func trace(_ f: LossFunction, _ kind: OptimizerKind, lr: Double? = nil, start: [Double], steps: Int) throws -> [Double] {
        let opt = try OptimizerSettings(kind: kind, learningRate: lr).makeOptimizer(for: f)
        var x = start
        var g = [Double](repeating: 0, count: x.count)
        let ws = f.makeWorkspace()
        var losses: [Double] = []
        x.withUnsafeMutableBufferPointer { xp in
            g.withUnsafeMutableBufferPointer { gp in
                var loss = f.evaluate(xp.baseAddress!, gradient: gp.baseAddress!, workspace: ws)
                losses.append(loss)
                for _ in 0..<steps {
                    if !opt.step(xp.baseAddress!, loss: &loss, gradient: gp.baseAddress!) { break }
                    losses.append(loss)
                }
            }
        }
        return losses
    }

    @Test(arguments: [OptimizerKind.bcd, .armijo])
    func neverRaisesTheLoss(_ kind: OptimizerKind) throws {
        for seed in UInt64(0)..<6 {
            let f = try Self.twoLayer(seed: seed)
            let start = TestNetworks.point(f, seed: seed + 11, scale: 1.5)
            let losses = try Self.trace(f, kind, start: start, steps: 300)
            #expect(losses.count > 10)
            for i in 1..<losses.count {
                #expect(losses[i] <= losses[i - 1] * (1 + 1e-13) + 1e-15, "\(kind) raised the loss at step \(i): \(losses[i - 1]) → \(losses[i])")
            }
            #expect(losses.last! < losses.first!)
        }
    }

    @Test func armijoNeverRaisesTheLossOnDeepNetworks() throws {
        for seed in UInt64(0)..<4 {
            let f = try TestNetworks.random(widths: [4, 3, 3, 2], seed: seed + 40)
            let losses = try Self.trace(f, .armijo, start: TestNetworks.point(f, seed: seed), steps: 500)
            for i in 1..<losses.count { #expect(losses[i] <= losses[i - 1]) }
        }
    }

    /// Each BCD block update is the exact minimiser over that block: right after a sweep, the gradient with
    /// respect to the last neuron's (w, a) vanishes.
    @Test func bcdBlockUpdateIsExact() throws {
        let f = try Self.twoLayer(seed: 3)
        let bcd = try BlockCoordinateDescent(f)
        var x = TestNetworks.point(f, seed: 9)
        var g = [Double](repeating: 0, count: x.count)
        var loss = 0.0
        x.withUnsafeMutableBufferPointer { xp in g.withUnsafeMutableBufferPointer { gp in
            loss = f.evaluate(xp.baseAddress!, gradient: gp.baseAddress!, workspace: f.makeWorkspace())
            _ = bcd.step(xp.baseAddress!, loss: &loss, gradient: gp.baseAddress!)
        } }
        let last = bcd.neurons.last!
        let blockGrad = (last.inIndices + last.outIndices).map { g[$0] }
        #expect(blockGrad.allSatisfy { abs($0) < 1e-10 }, "\(blockGrad)")
        // a has unit norm, w carries the singular value.
        let aNorm = last.outIndices.reduce(0.0) { $0 + x[$1] * x[$1] }.squareRoot()
        #expect(abs(aNorm - 1) < 1e-12)
    }

    /// Masked optimisation equals projected optimisation of the dense network: pruned weights stay exactly 0.
    @Test(arguments: [OptimizerKind.gd, .armijo, .momentum, .adam, .bcd])
    func masksAreRespected(_ kind: OptimizerKind) throws {
        let sparse = try Self.twoLayer(seed: 5)
        let arch = sparse.architecture
        let dense = try LossFunction(architecture: try .dense(widths: arch.widths), dataset: sparse.dataset)
        let start = TestNetworks.point(sparse, seed: 1)
        let r = try Trainer.train(sparse, start: start, settings: try OptimizerSettings(kind: kind, learningRate: kind == .bcd ? nil : 0.01),
                                  rules: try StoppingRules(maxSteps: 200, gradientTolerance: 0))
        let weights = arch.weights(from: r.params)
        for l in 0..<arch.depth { for k in 0..<arch.masks[l].count where !arch.masks[l][k] { #expect(weights[l].data[k] == 0) } }
        // The dense network's gradient at the embedded point, restricted to the mask, equals the sparse gradient.
        let embedded = dense.architecture.parameters(from: weights)
        let gDense = dense.gradient(embedded)
        let gSparse = sparse.gradient(r.params)
        let restricted = dense.architecture.weights(from: gDense).enumerated().flatMap { l, w in arch.freePositions[l].map { w.data[$0] } }
        #expect(TestNetworks.relativeError(gSparse, restricted) < 1e-12)
        #expect(abs(dense.loss(embedded) - sparse.loss(r.params)) < 1e-12 * max(1, sparse.loss(r.params)))
        if kind == .gd {
            // Projected dense GD from the same start follows the same path.
            let mask = arch.masks.flatMap { $0 }
            var x = dense.architecture.parameters(from: arch.weights(from: start))
            for _ in 0..<200 {
                let g = dense.gradient(x)
                for i in x.indices where mask[i] { x[i] -= 0.01 * g[i] }
            }
            #expect(TestNetworks.relativeError(embedded, x) < 1e-12)
        }
    }

    @Test func zeroToleranceRunsExactlyTheStepBudget() throws {
        let f = try TestNetworks.theorem5()
        let r = try Trainer.train(f, start: [1, 2, 2, 0, 1, 2, 3, 0], settings: try OptimizerSettings(kind: .gd, learningRate: 0.01),
                                  rules: try StoppingRules(maxSteps: 37, gradientTolerance: 0))
        #expect(r.steps == 37)
        #expect(r.stopReason == .maxSteps)
        let c = try Trainer.train(f, start: [1, 2, 2, 0, 1, 2, 3, 0], settings: try OptimizerSettings(kind: .gd, learningRate: 0.01),
                                  rules: try StoppingRules(maxSteps: 37, gradientTolerance: 1e-9))
        #expect(c.steps == 0 && c.stopReason == .converged)
    }

    @Test func divergenceIsDetectedNotReported() throws {
        let f = try TestNetworks.theorem5()
        let r = try Trainer.train(f, start: [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5], settings: try OptimizerSettings(kind: .gd, learningRate: 5),
                                  rules: try StoppingRules(maxSteps: 10_000))
        #expect(r.stopReason == .diverged)
        #expect(r.stopReason.isFailure)
    }

    /// Appendix A's decreasing path: started far along it with a small norm bound, descent is reported as escaping.
    @Test func escapeToInfinityIsDetected() throws {
        let arch = try NetworkArchitecture(widths: [3, 2, 2], masks: [[true, false, true, true, false, true], [true, true, true, true]])
        let f = try LossFunction(architecture: arch, dataset: try Dataset(x: .identity(3), y: Matrix([[1, 0], [0, 1], [1, 1]])))
        let k = 400.0
        let theta = [-1 / k.squareRoot(), -k.squareRoot(), 1, 1, 1 / k.squareRoot(), 0, 1, 1]
        let r = try Trainer.train(f, start: theta, settings: try OptimizerSettings(kind: .gd, learningRate: 0.01),
                                  rules: try StoppingRules(maxSteps: 100_000, gradientTolerance: 0, maximumParameterNorm: 20.5))
        #expect(r.stopReason == .escaping || r.stopReason == .maxSteps)
        let tight = try Trainer.train(f, start: theta, settings: try OptimizerSettings(kind: .gd, learningRate: 0.01),
                                      rules: try StoppingRules(maxSteps: 10, maximumParameterNorm: 10))
        #expect(tight.stopReason == .escaping)
    }

    /// From appendix-a's escape-start, small-step descent drifts off to infinity with a falling loss: the finish proves
    /// the valley (‖θ‖ doubled, the loss falling toward a limit above the proven bound, near (3 − √5)/4); the genuine
    /// theorem5 stall is a critical point, not a valley.
    @Test func slowEscapeIsProvenButAStallIsNot() throws {
        let appendix = try PresetLibrary.load("appendix-a")
        let af = try appendix.lossFunction()
        let escape = try Trainer.train(af, start: try #require(appendix.point("escape-start")),
                                       settings: try OptimizerSettings(kind: .gd, learningRate: 0.01),
                                       rules: try StoppingRules(maxSteps: 40_000, gradientTolerance: 0))
        #expect(escape.normDoublings.count >= 2)
        let judged = RunFinisher.finish(af, restart: 0, result: escape, judge: try RunJudge(af))
        #expect(judged.run.outcome == .escaping, "\(judged.run.reason)")
        let limit = try #require(judged.run.valleyLimit)
        #expect(limit >= 0 && limit <= judged.run.loss)
        #expect(abs(limit - (3 - 5.0.squareRoot()) / 4) < 1e-3)
        let t5 = try PresetLibrary.load("theorem5")
        let tf = try t5.lossFunction()
        let stall = try Trainer.train(tf, start: t5.start!, settings: try OptimizerSettings(kind: .gd, learningRate: 0.05),
                                      rules: try StoppingRules(maxSteps: 40_000, gradientTolerance: 0))
        #expect(abs(stall.loss - 8) < 1e-12)
        let stalled = RunFinisher.finish(tf, restart: 0, result: stall, judge: try RunJudge(tf))
        #expect(stalled.run.outcome == .critical && abs(stalled.run.loss - 8) < 1e-12)
    }

    /// Random starts: N(0, 0.25) on the paper's small networks, N(0, 1/d) on a layer of input width d > 4.
    @Test func randomStartsScaleWithFanIn() throws {
        let small = try TestNetworks.theorem5().architecture
        var a = SeededGenerator(seed: 9), b = SeededGenerator(seed: 9)
        #expect(small.randomPoint(&a) == b.gaussianVector(small.parameterCount, scale: 0.5))
        let wide = try NetworkArchitecture.dense(widths: [400, 3, 1])
        var g = SeededGenerator(seed: 2)
        let p = wide.randomPoint(&g)
        let first = p[0..<1200], second = p[1200...]
        let sd1 = (first.reduce(0) { $0 + $1 * $1 } / 1200).squareRoot()
        #expect(abs(sd1 - 0.05) < 0.005, "first-layer sd \(sd1)")   // 1/√400
        #expect(second.allSatisfy { abs($0) < 0.5 * 5 })
    }

    @Test func invalidSettingsAreRejected() {
        #expect(throws: SparseScapeError.self) { try OptimizerSettings(kind: .gd, learningRate: 0) }
        #expect(throws: SparseScapeError.self) { try OptimizerSettings(kind: .gd, learningRate: -1) }
        #expect(throws: SparseScapeError.self) { try OptimizerSettings(kind: .gd, learningRate: .nan) }
        #expect(throws: SparseScapeError.self) { try OptimizerSettings(kind: .gd, learningRate: .infinity) }
        #expect(throws: SparseScapeError.self) { try StoppingRules(maxSteps: -1) }
        #expect(throws: SparseScapeError.self) { try OptimizerKind.parse("sgd") }
        #expect(throws: SparseScapeError.self) { try BlockCoordinateDescent(try TestNetworks.theorem5()) }
    }
}
