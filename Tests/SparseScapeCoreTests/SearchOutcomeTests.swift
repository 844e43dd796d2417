import Foundation
import Testing
@testable import SparseScapeCore

/// Multi-start search with its Newton polish, escapes stated as what they are, and critical points of every index.
@Suite struct SearchOutcomeTests {
    static func preset(_ name: String) throws -> LossFunction { try PresetLibrary.resolve(name).lossFunction() }

    @Test func theorem5SearchFindsBothMinimaAndTheValleyToEightAndAHalf() throws {
        let f = try Self.preset("theorem5")
        let s = try SearchSettings(restarts: 80, seed: 0, optimizer: try OptimizerSettings(kind: .lbfgs),
                                   rules: try StoppingRules(maxSteps: 20000, gradientTolerance: 1e-10))
        let r = try MultiStartSearch.run(f, settings: s)
        // Every run is accounted for, by restart, with an outcome and a reason.
        #expect(r.runs.count == 80 && Set(r.runs.map(\.restart)) == Set(0..<80))
        #expect(r.runs.allSatisfy { !$0.reason.isEmpty })
        #expect(r.runs.filter { $0.outcome == .critical }.count == r.minima.reduce(0) { $0 + $1.count })
        // The global minimum equals the dense Eckart–Young bound, so it is certified global; L = 8 is spurious.
        let global = try #require(r.minima.first)
        #expect(abs(global.loss - 0.16564104506071) < 1e-11)
        #expect(global.certificate.classification == .globalMinimum && global.certificate.spurious == false)
        let eight = try #require(r.minima.first { abs($0.loss - 8) < 1e-9 })
        #expect(eight.certificate.classification == .localMinimum && eight.certificate.spurious == true)
        #expect(r.minima.allSatisfy { $0.certificate.gradientNorm < 1e-12 })
        // Theorem 5's valley at infinity: L → 8.5 from above while ‖θ‖ → ∞.
        for run in r.runs where run.outcome == .escaping {
            let limit = try #require(run.valleyLimit)
            // The reported limit is the lowest loss reached along the valley: an upper bound, never below 8.5, and the
            // run is followed until the loss's falls have shrunk to a thousandth of its total fall.
            #expect(limit >= 8.5 - 1e-9 && limit < 8.5 + 1e-3, "limit \(limit)")
            #expect(run.valley == 0)
        }
        if r.escaping > 0 { #expect(r.valleys.count == 1 && r.valleys[0].count == r.escaping) }
        #expect(r.unconverged == 0)
    }

    @Test func appendixAsValleyIsReportedWithItsLimit() throws {
        let f = try Self.preset("appendix-a")
        let s = try SearchSettings(restarts: 40, seed: 0, optimizer: try OptimizerSettings(kind: .lbfgs),
                                   rules: try StoppingRules(maxSteps: 20000, gradientTolerance: 1e-10))
        let r = try MultiStartSearch.run(f, settings: s)
        let limit = (3 - 5.0.squareRoot()) / 4
        let valley = try #require(r.valleys.first)
        #expect(valley.limit >= limit - 1e-9 && valley.limit < limit + 1e-5, "limit \(valley.limit)")
        #expect(r.minima.first.map { $0.loss < 1e-12 && $0.certificate.classification == .globalMinimum } == true)
        // An escaping run is never a result: no minimum of the search lies near the valley's loss.
        #expect(!r.minima.contains { abs($0.loss - limit) < 1e-3 })
    }

    /// A run that converges is never called an escape, however its norm grew: a digits-sized regression (1,797
    /// samples of 64 features, ten one-hot classes, 64-32-10 with half the first layer pruned), trained by gradient
    /// descent with momentum from 5% of a minimum, so that ‖θ‖ grows all the way to convergence.
    @Test func convergingRunOnRealSizedDataIsNotAnEscape() throws {
        var rng = SeededGenerator(seed: 3)
        let n = 1797, dx = 64, h = 32, dy = 10
        let x = Matrix(rows: n, cols: dx, data: rng.gaussianVector(n * dx, scale: 1 / Double(n).squareRoot()))
        var y = Matrix(rows: n, cols: dy)
        for i in 0..<n { y[i, Int(rng.uniform() * Double(dy))] = 1 }
        let masks = [(0..<(dx * h)).map { _ in rng.uniform() < 0.5 }, [Bool](repeating: true, count: h * dy)]
        let f = try LossFunction(architecture: try NetworkArchitecture(widths: [dx, h, dy], masks: masks), dataset: try Dataset(x: x, y: y))
        var g = SeededGenerator(seed: 5)
        let lb = try Trainer.train(f, start: f.architecture.randomPoint(&g), settings: try OptimizerSettings(kind: .lbfgs),
                                   rules: try StoppingRules(maxSteps: 3000, gradientTolerance: 1e-8))
        let minimum = NewtonPolish.run(f, start: lb.params).params
        let r = try Trainer.train(f, start: minimum.map { 0.05 * $0 }, settings: try OptimizerSettings(kind: .momentum, learningRate: 0.001),
                                  rules: try StoppingRules(maxSteps: 60000, gradientTolerance: 1e-8))
        #expect(r.stopReason == .converged && r.steps >= 1024)
        // ‖θ‖ grew twentyfold on the way: growth alone says nothing about escaping.
        #expect(r.parameterNorm > 10 * minimum.reduce(0) { $0 + $1 * $1 }.squareRoot() * 0.05)
        let finished = RunFinisher.finish(f, restart: 0, result: r, judge: try RunJudge(f))
        #expect(finished.run.outcome == .critical, "\(finished.run.reason)")
        #expect(finished.run.gradientNorm < 1e-9)
    }

    @Test func scalarOutputMinimaAreCertifiedGlobal() throws {
        for name in ["theorem1-scalar", "deep-scalar"] {
            let f = try Self.preset(name)
            let s = try SearchSettings(restarts: 24, seed: 1, optimizer: try OptimizerSettings(kind: .lbfgs),
                                       rules: try StoppingRules(maxSteps: 20000, gradientTolerance: 1e-10))
            let r = try MultiStartSearch.run(f, settings: s)
            let exact = try #require(try GlobalMinimum.closedForm(f)).value
            let minima = r.minima.filter { $0.certificate.classification.isMinimum }
            #expect(!minima.isEmpty)
            for m in minima {
                #expect(m.certificate.classification == .globalMinimum, "\(name): \(m.loss)")
                #expect(abs(m.loss - exact) < 1e-9 * max(1, exact))
                #expect(m.certificate.spurious == false)
            }
        }
    }

    @Test func criticalOnTheorem5FindsBothMinimaAndIndexOneSaddles() throws {
        let f = try Self.preset("theorem5")
        let r = try CriticalPointSearch.run(f, settings: try CriticalSearchSettings(starts: 60, seed: 0))
        #expect(r.points.map(\.loss) == r.points.map(\.loss).sorted())
        #expect(r.points.contains { abs($0.loss - 0.16564104506071) < 1e-10 && $0.classification == .globalMinimum && $0.index == 0 })
        #expect(r.points.contains { abs($0.loss - 8) < 1e-10 && $0.classification == .localMinimum && $0.certificate.spurious == true })
        let saddles = r.points.filter { $0.classification == .saddle && $0.index == 1 }
        #expect(!saddles.isEmpty)
        for p in r.points {
            // Each point is critical to machine precision and its index is the count of negative eigenvalues of H.
            #expect(f.lossAndGradient(p.params).gradient.reduce(0) { $0 + $1 * $1 }.squareRoot() < 1e-9)
            let ev = try SymmetricEigen(try f.hessian(p.params), vectors: false).values
            #expect(ev.filter { $0 < -1e-8 * max(1, abs(ev.first!), abs(ev.last!)) }.count == p.index)
            #expect(abs(f.loss(p.params) - p.loss) < 1e-12 * max(1, p.loss))
        }
        // A saddle of index 1 between the basins: one negative eigenvalue, loss between the spurious minimum and the
        // highest saddle found.
        #expect(saddles.contains { $0.loss > 8 && $0.loss < 11 })
    }

    /// The verdicts do not depend on units: theorem5 with X scaled by a and Y by b has the same landscape with losses
    /// scaled by b², so the same global minimum and the same spurious minimum must be found and certified.
    @Test(arguments: [(1e-3, 1e-5), (1e2, 1e4)])
    func verdictsDoNotDependOnUnits(a: Double, b: Double) throws {
        let base = try TestNetworks.theorem5()
        let x = Matrix(rows: 3, cols: 3, data: Matrix.identity(3).data.map { a * $0 })
        let y = Matrix(rows: 3, cols: 3, data: base.dataset.y.data.map { b * $0 })
        let f = try LossFunction(architecture: base.architecture, dataset: try Dataset(x: x, y: y))
        let s = try SearchSettings(restarts: 48, seed: 0, optimizer: try OptimizerSettings(kind: .lbfgs),
                                   rules: try StoppingRules(maxSteps: 3000, gradientTolerance: 1e-10))
        let r = try MultiStartSearch.run(f, settings: s)
        let b2 = b * b
        let global = try #require(r.minima.first)
        #expect(abs(global.loss / b2 - 0.16564104506071) < 1e-9)
        #expect(global.certificate.classification == .globalMinimum)
        let eight = try #require(r.minima.first { abs($0.loss / b2 - 8) < 1e-8 })
        #expect(eight.certificate.classification == .localMinimum && eight.certificate.spurious == true)
        // No other point is called a minimum.
        #expect(r.minima.filter { $0.certificate.classification.isMinimum }.count == 2)
        let c = try CriticalPointSearch.run(f, settings: try CriticalSearchSettings(starts: 20, seed: 0))
        #expect(c.points.contains { abs($0.loss / b2 - 8.04506870262312) < 1e-8 && $0.index == 1 && $0.classification == .saddle })
        #expect(c.points.filter { $0.classification.isMinimum }.allSatisfy { abs($0.loss / b2 - 0.16564104506071) < 1e-9 || abs($0.loss / b2 - 8) < 1e-9 })
    }
}
