import Foundation
import Testing
@testable import SparseScapeCore

/// Minimum-energy paths: a closed-form saddle, theorem5's pass, symmetry handling, the dense comparison.
@Suite struct PathTests {
    static func settings(symmetry: Bool = true, dense: Bool = true) throws -> PathSettings {
        PathSettings(band: try ElasticBandSettings(images: 21, maxIterations: 4000), alignSymmetries: symmetry, dense: dense)
    }

    /// L(a, b) = ½(y − ab)² with y = 2: the minima ab = 2 form two branches; between (√2, √2) and (−√2, −√2) the
    /// minimum-energy path crosses the saddle (0, 0), where L = ½y² = 2 and the Hessian [[0, −2], [−2, 0]] has
    /// index 1. With the symmetries the target is the sign flip of the start: the same point, no barrier.
    @Test func closedFormSaddleOfAScalarChain() throws {
        let arch = try NetworkArchitecture(widths: [1, 1, 1], masks: [[true], [true]])
        let f = try LossFunction(architecture: arch, dataset: try Dataset(x: Matrix([[1]]), y: Matrix([[2]])))
        let r2 = 2.0.squareRoot()
        let plain = try MinimumEnergyPath.run(f, from: [r2, r2], to: [-r2, -r2], settings: try Self.settings(symmetry: false, dense: false))
        let s = try #require(plain.path.saddle)
        #expect(s.index == 1 && s.classification == .saddle)
        #expect(abs(s.loss - 2) < 1e-10)
        #expect(s.params.allSatisfy { abs($0) < 1e-6 })
        #expect(abs(plain.path.barrier - 2) < 1e-10 && abs(plain.path.barrierFromEnd - 2) < 1e-10)
        #expect(!plain.path.monotone)
        let aligned = try MinimumEnergyPath.run(f, from: [r2, r2], to: [-r2, -r2], settings: try Self.settings(dense: false))
        #expect(aligned.path.saddle == nil && aligned.path.barrier < 1e-12)
    }

    /// theorem5: from the spurious minimum to the global one the pass is an index-1 saddle at L = 8.0450687…, the
    /// same critical point `critical` finds, far below the straight line's barrier; in the dense network the same
    /// endpoints are joined by a path that never rises.
    @Test func theorem5PassIsAnIndexOneSaddleThatTheMaskCreates() throws {
        let config = try PresetLibrary.resolve("theorem5")
        let f = try config.lossFunction()
        let r = try MinimumEnergyPath.run(f, from: try config.resolvePoint("spurious-minimum"), to: try config.resolvePoint("best-found"),
                                          settings: try Self.settings())
        let s = try #require(r.path.saddle)
        #expect(s.index == 1 && s.classification == .saddle && s.gradientNorm < 1e-10)
        let critical = try CriticalPointSearch.run(f, settings: try CriticalSearchSettings(starts: 40, seed: 0))
        #expect(critical.points.contains { $0.index == 1 && abs($0.loss - s.loss) < 1e-9 })
        #expect(abs(r.path.startLoss - 8) < 1e-9)
        #expect(abs(r.path.barrier - (s.loss - r.path.startLoss)) < 1e-12)
        #expect(r.path.barrier > 0.04 && r.path.barrier < 0.05)
        #expect(r.path.lineBarrier > 10 * r.path.barrier)
        #expect(r.path.converged)
        let d = try #require(r.dense)
        #expect(d.barrier == 0 && d.monotone)
        #expect(d.losses.last! < d.losses.first!)
    }

    /// Table 1, row 1: every sign pattern of the target is tried (some bands start through steep regions and are
    /// recovered by FIRE's back-off); the pass is the index-1 saddle at L = 0.797005746913 that `critical` finds.
    @Test func table1PassIsTheCriticalIndexOneSaddle() throws {
        let config = try PresetLibrary.resolve("table1-row1")
        let f = try config.lossFunction()
        let settings = PathSettings(band: try ElasticBandSettings(images: 25, maxIterations: 4000), dense: false)
        let r = try MinimumEnergyPath.run(f, from: try config.resolvePoint("spurious-minimum"), to: try config.resolvePoint("global-minimum"),
                                          settings: settings)
        #expect(r.representativesTried == 3)
        let s = try #require(r.path.saddle)
        #expect(s.index == 1 && abs(s.loss - 0.797005746913103) < 1e-9)
        #expect(r.path.converged)
    }

    /// A sign-flipped target is the same minimum: the barrier does not change.
    @Test func signFlippedTargetGivesTheSameBarrier() throws {
        let config = try PresetLibrary.resolve("theorem5")
        let f = try config.lossFunction()
        let a = try config.resolvePoint("spurious-minimum"), b = try config.resolvePoint("best-found")
        // Flip hidden node 1 of b: its incoming W1[·,1] and outgoing W2[1,·] weights change sign.
        let arch = f.architecture
        var flipped = b
        for i in 0..<3 { if let k = arch.parameterIndex(layer: 0, row: i, col: 0) { flipped[k] = -flipped[k] } }
        for q in 0..<3 { if let k = arch.parameterIndex(layer: 1, row: 0, col: q) { flipped[k] = -flipped[k] } }
        #expect(abs(f.loss(flipped) - f.loss(b)) < 1e-12)
        let settings = try Self.settings(dense: false)
        let plain = try MinimumEnergyPath.run(f, from: a, to: b, settings: settings)
        let other = try MinimumEnergyPath.run(f, from: a, to: flipped, settings: settings)
        #expect(abs(plain.path.barrier - other.path.barrier) < 1e-9)
    }

    /// A permuted copy of a dense network's minimum (its two hidden nodes swapped) is the same point: no barrier.
    @Test func permutedTargetInADenseNetworkIsTheSamePoint() throws {
        let config = try PresetLibrary.resolve("dense-baseline")
        let f = try config.lossFunction()
        let s = try SearchSettings(restarts: 4, seed: 1, optimizer: try OptimizerSettings(kind: .lbfgs),
                                   rules: try StoppingRules(maxSteps: 3000, gradientTolerance: 1e-10))
        let a = try #require(try MultiStartSearch.run(f, settings: s).minima.first).params
        let moved = HiddenNodeSymmetries.permuted(f.architecture, a, [[1, 0]])
        #expect(TestNetworks.relativeError(moved, a) > 0.1)
        #expect(abs(f.loss(moved) - f.loss(a)) < 1e-12)
        #expect(HiddenNodeSymmetries.maskPermutations(f.architecture).count == 2)
        let r = try MinimumEnergyPath.run(f, from: a, to: moved, settings: try Self.settings(dense: false))
        #expect(r.path.barrier < 1e-9)
        #expect(r.target.contains("permuted"))
    }

    /// The plane through start, saddle and end puts them at (0, 0), (1, 0) and (0, 1) of an exact slice.
    @Test func planeThroughStartSaddleAndEnd() throws {
        let config = try PresetLibrary.resolve("theorem5")
        let f = try config.lossFunction()
        let a = try config.resolvePoint("spurious-minimum"), b = try config.resolvePoint("best-found")
        let r = try MinimumEnergyPath.run(f, from: a, to: b, settings: try Self.settings(dense: false))
        let saddle = try #require(r.path.saddle).params
        let start = r.path.images.first!, end = r.path.images.last!
        let (d1, d2) = try SliceDirections.make(f, center: start, choice: .plane(labels: ["saddle", "end"], first: saddle, second: end),
                                                seed: 0, orthogonalize: false)
        let poly = try SlicePolynomial(f, center: start, d1: d1, d2: d2)
        #expect(abs(poly.value(0, 0) - f.loss(start)) < 1e-10)
        #expect(abs(poly.value(1, 0) - f.loss(saddle)) < 1e-9)
        #expect(abs(poly.value(0, 1) - f.loss(end)) < 1e-9)
        // Three points on one line span no plane.
        let beyond = (0..<start.count).map { start[$0] + 2 * (saddle[$0] - start[$0]) }
        #expect(throws: SparseScapeError.self) {
            _ = try SliceDirections.make(f, center: start, choice: .plane(labels: ["a", "b"], first: saddle, second: beyond),
                                         seed: 0, orthogonalize: false)
        }
    }
}

/// The landscape map of theorem5 and of a Table 1 row.
@Suite struct LandscapeTests {
    @Test func theorem5MapJoinsTheTwoMinimaAtTheIndexOneSaddle() throws {
        let f = try PresetLibrary.resolve("theorem5").lossFunction()
        let m = try Landscape.map(f, starts: 40, seed: 0, pathMinima: 2)
        #expect(m.minima.count == 2)
        #expect(abs(m.minima[0].loss - 0.16564104506071) < 1e-10 && m.minima[0].classification == .globalMinimum)
        #expect(abs(m.minima[1].loss - 8) < 1e-10 && m.minima[1].spurious == true)
        // Every saddle is index 1 and critical; the lowest one joins M1 and M2.
        for s in m.saddles {
            #expect(s.index == 1)
            #expect(f.gradient(s.params).reduce(0) { $0 + $1 * $1 }.squareRoot() < 1e-9)
            let ev = try SymmetricEigen(try f.hessian(s.params), vectors: false).values
            #expect(ev.filter { $0 < -1e-8 }.count == 1)
        }
        let low = try #require(m.saddles.first)
        #expect(Set(low.joins.compactMap { $0 }) == [1, 2])
        let b = try #require(m.barriers.first)
        #expect(b.minima == [1, 2])
        #expect(abs((b.level ?? 0) - low.loss) < 1e-12 && abs((b.barrier ?? 0) - (low.loss - 8)) < 1e-9)
        #expect(b.barrier! > 0.04 && b.barrier! < 0.05)
        // Theorem 5's valley at infinity (L → 8.5) is reached from a saddle.
        #expect(m.valleys.contains { $0 >= 8.5 - 1e-9 && $0 < 8.5 + 1e-3 })
        let dot = m.dot(name: "theorem5")
        #expect(dot.hasPrefix("graph \"theorem5\" {") && dot.hasSuffix("}\n"))
        #expect(dot.contains("s1 -- m1;") && dot.contains("s1 -- m2;"))
    }

    /// Minimax levels: three minima joined by saddles at 5 (M1–M2) and 3 (M2–M3) merge M1 with M3 at 5.
    @Test func lowestBarriersFollowTheMinimaxChain() {
        let minima = (1...3).map { LandscapeMinimum(id: $0, loss: Double($0), classification: .localMinimum, spurious: nil, count: 1, params: []) }
        let saddles = [LandscapeSaddle(id: 1, loss: 3, index: 1, joins: [2, 3], sides: [], source: "t", params: []),
                       LandscapeSaddle(id: 2, loss: 5, index: 1, joins: [1, 2], sides: [], source: "t", params: []),
                       LandscapeSaddle(id: 3, loss: 9, index: 1, joins: [1, 3], sides: [], source: "t", params: [])]
        let b = Landscape.lowestBarriers(minima, saddles)
        let level = Dictionary(uniqueKeysWithValues: b.map { ($0.minima, $0.level) })
        #expect(level[[1, 2]] == 5 && level[[2, 3]] == 3 && level[[1, 3]] == 5)
        #expect(b.first { $0.minima == [1, 3] }?.barrier == 2)
    }
}
