import Foundation
import Testing
@testable import SparseScapeEngine
import SparseScapeCore

extension EngineTests {
    @Test func pauseStopsAndStepAdvancesExactlyOne() throws {
        let engine = try EngineTestSupport.engine("theorem5")
        defer { engine.stop() }
        EngineTestSupport.waitFor(engine, timeout: 3) { $0.iteration > 1000 }
        engine.send(.toggleRunning)
        let (paused, ok) = EngineTestSupport.waitFor(engine, timeout: 3) { !$0.running }
        #expect(ok)
        #expect(paused.verdict == .paused)
        Thread.sleep(forTimeInterval: 0.15)
        let i = engine.latestSnapshot().iteration
        Thread.sleep(forTimeInterval: 0.15)
        #expect(engine.latestSnapshot().iteration == i, "the iteration count moved while paused")
        engine.send(.step)
        let (stepped, one) = EngineTestSupport.waitFor(engine, timeout: 3) { $0.iteration != i }
        #expect(one)
        #expect(stepped.iteration == i + 1)
        Thread.sleep(forTimeInterval: 0.1)
        #expect(engine.latestSnapshot().iteration == i + 1)
        engine.send(.step)
        engine.send(.step)
        let (two, more) = EngineTestSupport.waitFor(engine, timeout: 3) { $0.iteration == i + 3 }
        #expect(more, "iteration \(two.iteration), expected \(i + 3)")
        engine.send(.toggleRunning)
        let (resumed, runs) = EngineTestSupport.waitFor(engine, timeout: 3) { $0.iteration > i + 1000 }
        #expect(runs)
        #expect(resumed.running)
    }

    @Test func resetReturnsToTheStartAndIterationZero() throws {
        let config = try PresetLibrary.load("theorem5")
        let engine = try EngineTestSupport.engine("theorem5")
        defer { engine.stop() }
        EngineTestSupport.waitFor(engine, timeout: 3) { $0.iteration > 5000 }
        engine.send(.toggleEdge(layer: 1, row: 0, col: 2))
        EngineTestSupport.waitFor(engine, timeout: 3) { $0.params.count == 9 }
        engine.send(.toggleRunning)
        EngineTestSupport.waitFor(engine, timeout: 3) { !$0.running }
        engine.send(.reset)
        let (s, ok) = EngineTestSupport.waitFor(engine, timeout: 3) { $0.iteration == 0 }
        #expect(ok)
        #expect(s.params == config.start!)
        #expect(s.architecture == config.architecture)
        #expect(s.maskChanges.isEmpty)
        #expect(s.history.count == 1)
        #expect(s.history.first?.iteration == 0)
        #expect(abs(s.loss - 83.60057957) < 1e-6)
        #expect(!s.running)
    }

    @Test func randomRestartAndPerturbMoveThePoint() throws {
        let engine = try EngineTestSupport.engine("theorem5", startRunning: false)
        defer { engine.stop() }
        let start = engine.latestSnapshot().params
        engine.send(.randomRestart)
        let (r, moved) = EngineTestSupport.waitFor(engine, timeout: 3) { $0.params != start }
        #expect(moved)
        // Gaussian of scale 0.5 over 8 weights: the norm is about 0.5·√8 ≈ 1.4, far from the start's 2.2 pattern.
        let norm = r.params.reduce(0) { $0 + $1 * $1 }.squareRoot()
        #expect(norm > 0.2 && norm < 4)
        var rng = SeededGenerator(seed: 1, stream: 1)
        #expect(r.params == rng.gaussianVector(8, scale: 0.5))
        engine.send(.perturb)
        let (p, perturbed) = EngineTestSupport.waitFor(engine, timeout: 3) { $0.params != r.params }
        #expect(perturbed)
        let shift = zip(p.params, r.params).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
        #expect(shift > 0 && shift < 0.5, "perturbation of size \(shift)")
        #expect(p.iteration == 0)
    }

    @Test func scaleStepSizeChangesTheLearningRateWithinBounds() throws {
        let engine = try EngineTestSupport.engine("theorem5", startRunning: false)
        defer { engine.stop() }
        engine.send(.scaleStepSize(0.5))
        let (s, ok) = EngineTestSupport.waitFor(engine, timeout: 3) { $0.learningRate != 0.05 }
        #expect(ok)
        #expect(abs(s.learningRate - 0.025) < 1e-15)
        engine.send(.scaleStepSize(1e12))
        let (big, capped) = EngineTestSupport.waitFor(engine, timeout: 3) { $0.learningRate != s.learningRate }
        #expect(capped)
        #expect(big.learningRate == 1e3)
        engine.send(.scaleStepSize(1e-30))
        let (small, floored) = EngineTestSupport.waitFor(engine, timeout: 3) { $0.learningRate != 1e3 }
        #expect(floored)
        #expect(small.learningRate == 1e-8)
    }

    @Test func cycleOptimizerSkipsBCDOnTheorem5() throws {
        let engine = try EngineTestSupport.engine("theorem5", startRunning: false)
        defer { engine.stop() }
        var seen: [OptimizerKind] = [engine.latestSnapshot().optimizer]
        for _ in 0..<6 {
            let before = engine.latestSnapshot().optimizer
            engine.send(.cycleOptimizer)
            let (s, ok) = EngineTestSupport.waitFor(engine, timeout: 3) { $0.optimizer != before }
            #expect(ok)
            seen.append(s.optimizer)
        }
        #expect(seen == [.gd, .armijo, .momentum, .adam, .lbfgs, .newton, .gd])
        // Each optimizer keeps its own step size: back at gd, the preset's 0.05.
        #expect(engine.latestSnapshot().learningRate == 0.05)
    }

    @Test func cycleOptimizerReachesBCDOnTable1Row1() throws {
        let engine = try EngineTestSupport.engine("table1-row1", kind: .gd, lr: 0.05, startRunning: false)
        defer { engine.stop() }
        var seen: [OptimizerKind] = [engine.latestSnapshot().optimizer]
        for _ in 0..<7 {
            let before = engine.latestSnapshot().optimizer
            engine.send(.cycleOptimizer)
            let (s, ok) = EngineTestSupport.waitFor(engine, timeout: 3) { $0.optimizer != before }
            #expect(ok)
            seen.append(s.optimizer)
        }
        #expect(seen == [.gd, .armijo, .momentum, .adam, .bcd, .lbfgs, .newton, .gd])
    }

    @Test func bcdRunsOnTable1Row1AndCertifiesTheSpuriousMinimum() throws {
        let engine = try EngineTestSupport.engine("table1-row1")
        defer { engine.stop() }
        #expect(engine.latestSnapshot().optimizer == .bcd)
        let (s, ok) = EngineTestSupport.waitFor(engine, timeout: 8) { EngineTestSupport.isSpurious($0.verdict) }
        #expect(ok, "verdict \(s.verdict.text), loss \(s.loss)")
        #expect(abs(s.loss - 0.6781647585270727) < 1e-6)
    }

    @Test func hugeStepDivergesPausesAndStaysFinite() throws {
        let engine = try EngineTestSupport.engine("theorem5", kind: .gd, lr: 10)
        defer { engine.stop() }
        let (s, ok) = EngineTestSupport.waitFor(engine, timeout: 5) { $0.verdict == .diverged }
        #expect(ok, "verdict \(s.verdict.text)")
        #expect(!s.running)
        #expect(EngineTestSupport.allFinite(s))
        #expect(s.loss < 1e8 * 84.7)
        #expect(s.message?.contains("diverged") == true)
        // It stays paused and finite.
        Thread.sleep(forTimeInterval: 0.3)
        let later = engine.latestSnapshot()
        #expect(later.iteration == s.iteration)
        #expect(later.verdict == .diverged)
        #expect(EngineTestSupport.allFinite(later))
        // A smaller step and a restart recover.
        engine.send(.scaleStepSize(0.005))
        engine.send(.reset)
        engine.send(.toggleRunning)
        let (recovered, fine) = EngineTestSupport.waitFor(engine, timeout: 5) { $0.running && $0.iteration > 1000 && $0.loss < 10 }
        #expect(fine, "after recovery: \(recovered.verdict.text), loss \(recovered.loss)")
    }

    @Test func historyStaysBoundedOverAMillionIterations() throws {
        let engine = try EngineTestSupport.engine("theorem5")
        defer { engine.stop() }
        let (s, ok) = EngineTestSupport.waitFor(engine, timeout: 10) { $0.iteration > 1_000_000 }
        #expect(ok, "only \(s.iteration) iterations")
        #expect(s.history.count <= 2000)
        #expect(s.history.count >= 500)
        #expect(s.history.first?.iteration == 0)
        let iterations = s.history.map(\.iteration)
        #expect(iterations == iterations.sorted())
        #expect((s.history.last?.iteration ?? 0) > s.iteration / 2)
    }

    @Test func slicesAppearAreFiniteAndFollowTheDirectionCycle() throws {
        let engine = try EngineTestSupport.engine("theorem5")
        defer { engine.stop() }
        let (s, ok) = EngineTestSupport.waitFor(engine, timeout: 5) { $0.slice != nil }
        #expect(ok)
        guard let slice = s.slice else { return }
        #expect(slice.grid == 21)
        #expect(slice.values.count == 21 * 21)
        #expect(slice.directions == "random")
        #expect(slice.values.allSatisfy { $0.isFinite })
        #expect(slice.center.count == 8 && slice.d1.count == 8 && slice.d2.count == 8)
        #expect(!slice.frozen)
        // The center value (grid middle) is the loss at the center.
        let f = try PresetLibrary.load("theorem5").lossFunction()
        #expect(abs(slice.values[10 * 21 + 10] - f.loss(slice.center)) < 1e-9 * max(1, f.loss(slice.center)))
        var names = [slice.directions]
        for _ in 0..<4 {
            engine.send(.cycleDirections)
            let last = names.last!
            let (n, changed) = EngineTestSupport.waitFor(engine, timeout: 5) { ($0.slice?.directions ?? last) != last }
            #expect(changed)
            names.append(n.slice?.directions ?? "?")
        }
        #expect(names == ["random", "normalized", "hessian", "toward:best", "random"])
    }

    @Test func towardBestPutsTheBestPointAtAlphaOne() throws {
        let engine = try EngineTestSupport.engine("theorem5")
        defer { engine.stop() }
        EngineTestSupport.waitFor(engine, timeout: 5) { EngineTestSupport.isSpurious($0.verdict) }
        for _ in 0..<3 { engine.send(.cycleDirections) }
        let (s, ok) = EngineTestSupport.waitFor(engine, timeout: 5) { $0.slice?.directions == "toward:best" }
        #expect(ok)
        let best = try #require(s.slice?.bestKnown)
        #expect(abs(best.alpha - 1) < 1e-9 && abs(best.beta) < 1e-9)
    }

    @Test func toggleFollowFreezesThePlane() throws {
        let engine = try EngineTestSupport.engine("theorem5")
        defer { engine.stop() }
        let (s, ok) = EngineTestSupport.waitFor(engine, timeout: 5) { $0.slice != nil }
        #expect(ok)
        engine.send(.toggleFollow)
        let (f, frozen) = EngineTestSupport.waitFor(engine, timeout: 5) { $0.slice?.frozen == true }
        #expect(frozen)
        #expect(f.slice?.center == s.slice?.center || f.slice?.frozen == true)
        let center = f.slice?.center
        engine.send(.perturb)
        let (moved, after) = EngineTestSupport.waitFor(engine, timeout: 5) { $0.slice?.frozen == true && $0.slice?.current != f.slice?.current }
        #expect(after)
        #expect(moved.slice?.center == center)
        engine.send(.toggleFollow)
        let (followed, unfrozen) = EngineTestSupport.waitFor(engine, timeout: 5) { $0.slice?.frozen == false }
        #expect(unfrozen)
        #expect(followed.slice?.frozen == false)
    }

    @Test func searchFindsTheBestKnownPoint() throws {
        let engine = try EngineTestSupport.engine("theorem5")
        defer { engine.stop() }
        engine.send(.runSearch)
        let (s, ok) = EngineTestSupport.waitFor(engine, timeout: 10) { $0.message?.hasPrefix("search:") == true }
        #expect(ok, "message \(s.message ?? "nil")")
        #expect(s.message?.contains("16 restarts") == true)
        #expect((s.bestKnown?.loss ?? 1) < 0.1657)
    }
}

extension EngineTests {
    @Test func everyOptimizerKeepsDescendingFinitely() throws {
        let engine = try EngineTestSupport.engine("theorem5", kind: .gd, lr: 0.01)
        defer { engine.stop() }
        for _ in 0..<4 {
            let before = engine.latestSnapshot()
            let (s, ok) = EngineTestSupport.waitFor(engine, timeout: 5) { $0.iteration > before.iteration + 2000 }
            #expect(ok, "\(s.optimizer) made no progress")
            #expect(EngineTestSupport.allFinite(s))
            #expect(s.loss <= 83.60057957, "\(s.optimizer) raised the loss above the start's")
            engine.send(.cycleOptimizer)
            EngineTestSupport.waitFor(engine, timeout: 3) { $0.optimizer != before.optimizer }
        }
    }
}
