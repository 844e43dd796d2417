import Foundation
import Testing
@testable import SparseScapeEngine
import SparseScapeCore

extension EngineTests {
    @Test func lossHistoryKeepsTheDescentAndEveryMaskChangeDenseWhileStayingBounded() {
        var h = LossTrace(capacity: SessionTrajectory.historyCapacity)
        h.clear(at: 0)
        let changes = [700_000, 1_900_000]
        var it = 0
        while it < 3_000_000 {
            if changes.contains(it) { h.startSegment(at: it) }
            if it >= h.nextIteration { h.record(iteration: it, loss: 1 / Double(it + 1), gradientNorm: 1) }
            it += 1
        }
        #expect(h.points.count <= SessionTrajectory.historyCapacity)
        let its = h.points.map(\.iteration)
        #expect(Set(its).count == its.count && its == its.sorted())
        // The first steps of the run and of each segment survive one by one.
        for start in [0] + changes {
            for k in 0..<20 { #expect(its.contains(start + k), "iteration \(start + k) lost") }
        }
        // Log-spaced: every decade of the first segment keeps points (none is squeezed out).
        for decade in [10, 100, 1_000, 10_000, 100_000] {
            #expect(its.contains { $0 >= decade && $0 < 10 * decade }, "no point in [\(decade), \(10 * decade))")
        }
        // The newest iterations are recent (the history follows the run).
        #expect(its.last! >= 3_000_000 - 3_000_000 / LossTrace.density - 1)
    }

    @Test func pathRingKeepsTheNewestPoints() {
        var ring = PathRing(capacity: 3)
        for i in 0..<5 { ring.append([Double(i)]) }
        #expect(ring.points == [[2], [3], [4]])
        #expect(ring.last == [4])
        ring.remap { $0[0] == 3 ? nil : [$0[0] * 10] }
        #expect(ring.points == [[20], [40]])
    }

    @Test func parameterRemapFollowsTheMask() throws {
        let arch = try PresetLibrary.load("theorem5").architecture
        let pruned = try arch.toggling(layer: 0, row: 1, col: 0)  // drops parameter 1
        let p: [Double] = [1, 2, 3, 4, 5, 6, 7, 8]
        #expect(ParameterRemap.remap(p, from: arch, to: pruned) == [1, 3, 4, 5, 6, 7, 8])
        #expect(ParameterRemap.realize(p, from: arch, to: pruned) == nil)
        var zeroed = p
        zeroed[1] = 0
        #expect(ParameterRemap.realize(zeroed, from: arch, to: pruned) == [1, 3, 4, 5, 6, 7, 8])
        let revived = try arch.toggling(layer: 1, row: 0, col: 2)  // adds W2[0,2] after parameter 5
        #expect(ParameterRemap.remap(p, from: arch, to: revived) == [1, 2, 3, 4, 5, 6, 0, 7, 8])
        let back = ParameterRemap.remap([1, 2, 3, 4, 5, 6, 0, 7, 8], from: revived, to: arch)
        #expect(back == p)
    }

    @Test func exportNamesAreTimestampedAndNeverReused() throws {
        let dir = try EngineTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var parts = DateComponents()
        parts.year = 2026; parts.month = 11; parts.day = 24; parts.hour = 19; parts.minute = 35; parts.second = 12
        let date = try #require(Calendar.current.date(from: parts))
        let first = try ExportNaming.freshPath(directory: dir + "/", kind: "slice", ext: "csv", sidecarExt: "json", date: date)
        #expect(first == dir + "/sparsescape-slice-20261124-193512.csv")
        try "a".write(toFile: dir + "/sparsescape-slice-20261124-193512.json", atomically: true, encoding: .utf8)
        let second = try ExportNaming.freshPath(directory: dir, kind: "slice", ext: "csv", sidecarExt: "json", date: date)
        #expect(second == dir + "/sparsescape-slice-20261124-193512-2.csv")
        try "a".write(toFile: second, atomically: true, encoding: .utf8)
        let third = try ExportNaming.freshPath(directory: dir, kind: "slice", ext: "csv", sidecarExt: "json", date: date)
        #expect(third == dir + "/sparsescape-slice-20261124-193512-3.csv")
    }
}

extension EngineTests {
    /// The engine's verdict is the certificate's reading: a local minimum with nothing proven is local, never global.
    @Test func verdictOfACertificateSaysNoMoreThanItProves() throws {
        let config = try PresetLibrary.load("theorem5")
        let f = try config.lossFunction()
        let better = try #require(config.point("paper-better"))
        var c = try Certifier.certify(f, params: try #require(config.point("spurious-minimum")),
                                      known: [KnownPoint(loss: f.loss(better), source: "paper", params: better)])
        #expect(EngineVerdict(certificate: c, bestKnown: nil) == .spuriousMinimum(loss: c.loss, bestKnown: f.loss(better)))
        #expect(EngineVerdict(certificate: c, bestKnown: 0.1) == .spuriousMinimum(loss: c.loss, bestKnown: 0.1))
        c.spurious = nil
        #expect(EngineVerdict(certificate: c, bestKnown: nil) == .localMinimum(loss: c.loss))
        c.spurious = false
        #expect(EngineVerdict(certificate: c, bestKnown: nil) == .globalMinimum(loss: c.loss))
    }
}
