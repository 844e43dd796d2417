import Foundation
import Testing
@testable import SparseScapeEngine
import SparseScapeCore

extension EngineTests {
    @Test func lossHistoryHalvesAndDoublesItsStride() {
        var h = LossHistory()
        h.clear(at: 0)
        var it = 0
        while it < 3_000_000 {
            if it >= h.nextIteration { h.record(iteration: it, loss: Double(it), gradientNorm: 1) }
            it += 1
        }
        #expect(h.points.count < LossHistory.capacity)
        #expect(h.points.count >= LossHistory.capacity / 2)
        #expect(h.stride >= 1024)
        #expect(h.points.allSatisfy { $0.iteration % h.stride == 0 })
        #expect(h.points.first?.iteration == 0)
        let its = h.points.map(\.iteration)
        #expect(Set(its).count == its.count && its == its.sorted())
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

    @Test func reviveRuleIsStated() {
        #expect(ExplorerEngine.reviveRule.contains("0.1"))
        #expect(ExplorerEngine.reviveRule.contains("RMS"))
    }
}
