import Testing
@testable import SparseScapeCore

/// The config's known points (one home: `NetworkConfig.knownPoints(under:)`) and the certificate's typed standing.
@Suite struct KnownPointsTests {
    @Test func knownPointsAreTheConfigsPointsEvaluatedUnderTheMask() throws {
        let config = try PresetLibrary.load("theorem5")
        let f = try config.lossFunction()
        let known = config.knownPoints(under: f)
        #expect(known.map(\.source) == config.points.map { "reference point '\($0.label)'" })
        for (k, p) in zip(known, config.points) {
            #expect(k.params == p.params && k.loss == f.loss(p.params))
        }
        #expect(abs((known.first { $0.source.contains("spurious-minimum") }?.loss ?? 0) - 8) < 1e-12)
    }

    @Test func underAnotherMaskAPointNeedingAPrunedWeightIsDroppedAndTheOthersKeepTheirLoss() throws {
        let config = try PresetLibrary.load("theorem5")
        let f = try config.lossFunction()
        let arch = f.architecture
        // The weight with parameter index 2: 2 in spurious-minimum, 0 in paper-better and best-found.
        var edge: EdgePosition?
        for l in 0..<arch.depth {
            for r in 0..<arch.widths[l] { for c in 0..<arch.widths[l + 1] where arch.parameterIndex(layer: l, row: r, col: c) == 2 {
                edge = EdgePosition(layer: l, row: r, col: c)
            } }
        }
        let e = try #require(edge)
        let pruned = try f.with(architecture: try arch.toggling(layer: e.layer, row: e.row, col: e.col))
        let known = config.knownPoints(under: pruned)
        let kept = config.points.filter { $0.params[2] == 0 }
        #expect(kept.count == 2 && known.count == 2)
        for (k, p) in zip(known, kept) {
            #expect(k.params?.count == pruned.parameterCount)
            // The pruned weight was zero at these points: the network, and so the loss, is unchanged.
            #expect(abs(k.loss - f.loss(p.params)) <= 1e-12 * max(1, abs(k.loss)))
        }
    }

    @Test func theStandingReadsSpuriousAsTheCertificateMeansIt() throws {
        let f = try TestNetworks.theorem5()
        let r = 10.0.squareRoot()
        let better = [r / 5, r, 0, 2, r / 5, r, 0, 2]
        var c = try Certifier.certify(f, params: [1, 2, 2, 0, 1, 2, 3, 0], known: [KnownPoint(loss: f.loss(better), source: "paper", params: better)])
        #expect(c.classification == .localMinimum && c.spurious == true)
        #expect(c.standing == .spurious(bestKnown: f.loss(better)))
        c.spurious = nil
        #expect(c.standing == .noLowerPointKnown)   // a local minimum without proof is never "global"
        c.spurious = false
        #expect(c.standing == .global)
        c.classification = .saddle
        #expect(c.standing == nil)
    }
}
