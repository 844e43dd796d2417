import Foundation
import Testing
@testable import SparseScapeCore

/// Random pruning, SNIP scores, iterative magnitude pruning with rewinding, one-shot levels, and the shipped digits data.
@Suite struct PruningMethodsTests {
    static let arch = try! NetworkArchitecture.dense(widths: [6, 4, 3])   // W1: 24 weights, W2: 12 weights

    @Test func randomPruningReachesTheSparsityExactlyAndIsReproducibleBySeed() throws {
        let a = try RandomPruning.choose(fraction: 0.5, architecture: Self.arch, seed: 7)
        #expect(a.count == 18)
        #expect(Set(a).count == 18)
        #expect(try MagnitudePruning.pruning(a, from: Self.arch).parameterCount == 18)
        // Layerwise: half of every layer.
        let l = try RandomPruning.choose(fraction: 0.5, architecture: Self.arch, scope: .layerwise, seed: 7)
        #expect(l.filter { $0.layer == 0 }.count == 12 && l.filter { $0.layer == 1 }.count == 6)
        // The same seed gives the same choice; another seed another one.
        #expect(try RandomPruning.choose(fraction: 0.5, architecture: Self.arch, seed: 7) == a)
        #expect(try RandomPruning.choose(fraction: 0.5, architecture: Self.arch, seed: 8) != a)
        // Nested: a smaller fraction chooses a subset.
        let quarter = try RandomPruning.choose(fraction: 0.25, architecture: Self.arch, seed: 7)
        #expect(quarter.count == 9 && Set(quarter).isSubset(of: Set(a)))
        // The digits widths: exactly 592 of 1184 at 50%, and 90% leaves 118 (1066 = round(0.9·1184)).
        let digits = try NetworkArchitecture.dense(widths: [64, 16, 10])
        #expect(try RandomPruning.choose(fraction: 0.5, architecture: digits, seed: 1).count == 592)
        #expect(try MagnitudePruning.pruning(try RandomPruning.choose(fraction: 0.9, architecture: digits, seed: 1), from: digits).parameterCount == 118)
    }

    @Test func snipScoresMatchAHandComputation() throws {
        // 2-1-1 network, X = [[1, 2], [0, 1]], Y = [[1], [3]]; weights a, b (W1) and c (W2).
        // Prediction: row 1 c(a + 2b), row 2 bc; residuals r1 = 1 − c(a + 2b), r2 = 3 − bc.
        // ∂L/∂a = −r1·c, ∂L/∂b = −2c·r1 − c·r2, ∂L/∂c = −(a + 2b)·r1 − b·r2.
        // At (a, b, c) = (1, −1, 2): r1 = 3, r2 = 5, gradient (−6, −22, 8), scores |g·w| = (6, 22, 16).
        let f = try LossFunction(architecture: try NetworkArchitecture.dense(widths: [2, 1, 1]),
                                 dataset: try Dataset(x: Matrix([[1, 2], [0, 1]]), y: Matrix([[1], [3]])))
        let s = try SNIPScores.scores(f, at: [1, -1, 2])
        #expect(s.count == 3)
        for (got, want) in zip(s, [6.0, 22, 16]) { #expect(abs(got - want) < 1e-12, "\(s)") }
        // The lowest score goes first: W1[1,1] (a).
        #expect(try SNIPScores.lowest(fraction: 1.0 / 3, f, at: [1, -1, 2]) == [EdgePosition(layer: 0, row: 0, col: 0)])
        #expect(throws: SparseScapeError.self) { try SNIPScores.scores(f, at: [1, 2]) }
    }

    @Test func impRewindsTheSurvivorsToTheStartAndKeepsPrunedWeightsPruned() throws {
        let config = try PresetLibrary.load("dense-baseline")
        let f = try config.lossFunction()
        let start = try #require(config.start)
        let settings = try PruneSettings(method: .imp, levels: 3, rate: 0.25, searchRestarts: 2)
        let r = try IterativeMagnitudePruning.run(f, name: "dense-baseline", start: start, settings: settings)
        #expect(r.levels.map(\.freeWeights) == [12, 9, 7, 5])   // 25% of 12, 9, 7 rounded: 3, 2, 2
        for l in r.levels.dropFirst() {
            let previous = r.levels[l.level - 1]
            // Every weight live at this level was live before; the pruned ones are gone from the mask.
            for layer in 0..<2 { for k in l.architecture.masks[layer].indices where l.architecture.masks[layer][k] { #expect(previous.architecture.masks[layer][k]) } }
            for e in l.prunedEdges { #expect(l.architecture.parameterIndex(layer: e.layer, row: e.row, col: e.col) == nil) }
            #expect(l.prunedEdges.count == previous.freeWeights - l.freeWeights)
            // The pruned edges are the smallest |w| of the previous level's trained point.
            let pruned = l.prunedEdges.map { abs(previous.params[previous.architecture.parameterIndex(layer: $0.layer, row: $0.row, col: $0.col)!]) }
            let kept = (0..<l.freeWeights).map { k -> Double in
                let p = l.architecture.location(ofParameter: k)
                return abs(previous.params[previous.architecture.parameterIndex(layer: p.layer, row: p.row, col: p.col)!])
            }
            #expect(pruned.max()! <= kept.min()!)
            // Rewinding: each surviving weight starts at its value in the original start point.
            #expect(l.rewindStep == 0)
            for k in 0..<l.freeWeights {
                let p = l.architecture.location(ofParameter: k)
                #expect(l.start[k] == start[f.architecture.parameterIndex(layer: p.layer, row: p.row, col: p.col)!])
            }
            // Trained weights live in the mask: the dense matrices are zero wherever the mask is.
            let w = l.architecture.weights(from: l.params)
            for layer in 0..<2 { for k in w[layer].data.indices where !l.architecture.masks[layer][k] { #expect(w[layer].data[k] == 0) } }
        }
    }

    @Test func rewindingToStepKRestoresTheWeightsAfterKStepsOfTheUnprunedRun() throws {
        let config = try PresetLibrary.load("dense-baseline")
        let f = try config.lossFunction()
        let start = try #require(config.start)
        let settings = try PruneSettings(method: .imp, levels: 1, rate: 0.25, rewind: 5, searchRestarts: 0)
        let recorded = try IterativeMagnitudePruning.trainRecording(f, start: start, settings: settings)
        // The same optimizer for exactly 5 steps from the start lands on the recorded point.
        let five = try Trainer.train(f, start: start, settings: settings.optimizer, rules: try StoppingRules(maxSteps: 5, gradientTolerance: 0))
        #expect(recorded.rewindStep == 5)
        #expect(recorded.rewound == five.params)
        #expect(recorded.rewound != start)
        // The recording does not change the run: the whole run equals one without the stop.
        let whole = try Trainer.train(f, start: start, settings: settings.optimizer,
                                      rules: try RunJudge(f).bounded(settings.rules))
        #expect(recorded.result.params == whole.params && recorded.result.steps == whole.steps)
        let r = try IterativeMagnitudePruning.run(f, name: "d", start: start, settings: settings)
        let l1 = try #require(r.levels.last)
        #expect(l1.level == 1 && l1.rewindStep == 5)
        #expect(l1.start == IterativeMagnitudePruning.rewoundStart(five.params, base: f.architecture, mask: l1.architecture))
        #expect(l1.start.count == 9)
    }

    @Test func oneShotLevelsPruneFromTheConfigMaskAndAreCertified() throws {
        // theorem5 from its start: L-BFGS stalls at the spurious L = 8 minimum (global value 0.1656410451).
        let config = try PresetLibrary.load("theorem5")
        let f = try config.lossFunction()
        let settings = try PruneSettings(method: .random, sparsity: 0.5, levels: 2, seed: 3, optimizer: try OptimizerSettings(kind: .lbfgs),
                                         searchRestarts: 8)
        let r = try Pruner.run(f, name: "theorem5", start: try #require(config.start), settings: settings)
        #expect(r.levels.map(\.freeWeights) == [8, 6, 4])
        #expect(abs(r.denseOptimum.value - 0.1656410450607) < 1e-10)
        let l0 = r.levels[0]
        #expect(abs(l0.loss - 8) < 1e-9)
        #expect(l0.verdict == .spurious && !l0.reachesBest)
        #expect(abs(l0.bestKnownLoss - 0.1656410450607) < 1e-9)
        #expect(abs(l0.denseGap - (8 - 0.1656410450607)) < 1e-9)
        // Random levels are nested (same scores) and start from the start restricted to the mask.
        #expect(Set(r.levels[1].prunedEdges).isSubset(of: Set(r.levels[2].prunedEdges)))
        for l in r.levels.dropFirst() {
            #expect(l.start == ParameterRemap.remap(try #require(config.start), from: f.architecture, to: l.architecture))
            #expect(l.certificate != nil && l.verdict != .failed)
            #expect(l.loss >= l.bestKnownLoss - 1e-12)
        }
    }

    @Test func aPointAtTheProvenGlobalValueButAboveTheGradientToleranceIsGlobalInValueOnly() throws {
        // dense-baseline's global minimum, one weight moved by 3e-6: the loss stays within the margin 1e-8·L of the
        // Eckart–Young value while ‖∇L‖ exceeds 1e-6; moved by 1e-2 it is plainly not critical.
        let config = try PresetLibrary.load("dense-baseline")
        let f = try config.lossFunction()
        let minimum = try #require(config.point("global-minimum"))
        let value = try #require(try GlobalMinimum.closedForm(f)).value
        let margin = ProblemScale(f).lossMargin(1e-8, at: value)
        func verdict(_ delta: Double) throws -> (PruneVerdict, Certificate) {
            var p = minimum
            p[0] += delta
            let c = try Certifier.certify(f, params: p)
            return (PruneVerdict.of(c, outcome: .unconverged, margin: margin), c)
        }
        let (near, c) = try verdict(3e-6)
        try #require(c.gradientNorm > 1e-6 && c.loss - value < margin && c.classification == .notCritical)
        #expect(near == .globalValue)
        let (far, d) = try verdict(1e-2)
        #expect(d.loss - value > margin && far == .notCritical)
        #expect(PruneVerdict.of(c, outcome: .escaping, margin: margin) == .escaping)
        #expect(PruneVerdict.of(nil, outcome: .diverged) == .failed)
    }

    @Test func theDigitsPresetLoadsWithItsShapesAndItsStoredHashes() throws {
        let config = try PresetLibrary.load("digits")
        #expect(config.architecture.widths == [64, 16, 10] && config.architecture.isDense)
        #expect(config.architecture.parameterCount == 1184)
        #expect(config.dataset.x.rows == 1797 && config.dataset.x.cols == 64)
        #expect(config.dataset.y.rows == 1797 && config.dataset.y.cols == 10)
        let dir = try #require(PresetLibrary.directory)
        let note = try String(contentsOf: dir.appendingPathComponent("digits-PROVENANCE.md"), encoding: .utf8)
        let stored = ["digits-X.npy": "84e34dfd073e173e62b7e90ab6550519c1385e422238d3dc05cfae96b09f530d",
                      "digits-Y.npy": "82e44511bf500ff074d64967e2671cee2d7e88423fb54a7c1d2902e0585d6dde"]
        #expect(SHA256Digest.hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        for (file, hash) in stored {
            let bytes = try Data(contentsOf: dir.appendingPathComponent(file))
            #expect(SHA256Digest.hex(bytes) == hash, "\(file)")
            #expect(note.contains("\(hash)  \(file)"), "the provenance note gives another hash for \(file)")
            #expect(config.xFile?.hasSuffix("/digits-X.npy") == true && config.yFile?.hasSuffix("/digits-Y.npy") == true)
        }
        // X = pixels/16 centred: 16·X plus the column's mean pixel is an integer in 0…16; every column sums to ≈ 0.
        let x = config.dataset.x, y = config.dataset.y
        for j in 0..<64 {
            let column = (0..<1797).map { x[$0, j] }
            #expect(abs(column.reduce(0, +)) < 1e-9)
            let mean = -16 * column.min()!                  // the mean pixel (every column has a 0 pixel)
            for v in column.prefix(200) { let p = 16 * v + mean; #expect(abs(p - p.rounded()) < 1e-9 && p.rounded() >= 0 && p.rounded() <= 16) }
        }
        // Y = one-hot centred: adding back each column's mean (minus its minimum, the 0 entries) gives 0/1 rows with
        // exactly one 1; the class counts sum to 1797 and each column's mean is its class frequency.
        let means = (0..<10).map { k in -(0..<1797).map { y[$0, k] }.min()! }
        var counts = [Int](repeating: 0, count: 10)
        for i in 0..<1797 {
            let row = (0..<10).map { y[i, $0] + means[$0] }
            #expect(row.allSatisfy { abs($0) < 1e-12 || abs($0 - 1) < 1e-12 } && row.filter { $0 > 0.5 }.count == 1, "row \(i)")
            counts[row.firstIndex { $0 > 0.5 } ?? 0] += 1
        }
        for k in 0..<10 { #expect(abs(means[k] - Double(counts[k]) / 1797) < 1e-12) }
        #expect(counts.reduce(0, +) == 1797 && counts.allSatisfy { $0 >= 170 && $0 <= 190 })
    }

    @Test func aLevelAsAConfigKeepsTheDataFilesAndReadsBack() throws {
        let config = try PresetLibrary.load("theorem5")
        let f = try config.lossFunction()
        let settings = try PruneSettings(method: .magnitude, sparsity: 0.25, levels: 1, searchRestarts: 4)
        let r = try Pruner.run(f, name: "theorem5", start: try #require(config.start), settings: settings)
        let c = try PrunedConfig.config(r, level: 1, from: config) { l, _ in "level \(l.level)" }
        #expect(c.description == "level 1")
        let back = try NetworkConfig.parse(Data(c.jsonText(referencingDataFilesFrom: "/tmp").utf8), name: "t", baseDirectory: "/tmp")
        #expect(back.architecture == r.levels[1].architecture)
        #expect(back.start == r.levels[1].start)
        #expect(back.point("trained") == r.levels[1].params)
        #expect(back.dataset == config.dataset)
        #expect(throws: SparseScapeError.self) { try PrunedConfig.config(r, level: 2, from: config) { _, _ in "" } }
        // File data is referenced, relative inside the directory and absolute outside it.
        let digits = try PresetLibrary.load("digits")
        let xFile = try #require(digits.xFile)
        let dir = URL(fileURLWithPath: xFile).deletingLastPathComponent().path
        #expect(NetworkConfig.reference(to: xFile, from: dir) == "digits-X.npy")
        #expect(NetworkConfig.reference(to: xFile, from: "/nowhere") == xFile)
    }
}
