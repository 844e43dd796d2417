import Foundation
import Testing
@testable import SparseScapeCore

/// Mask enumeration modulo hidden-node permutations, sharding, merging, and the theorem checks.
@Suite struct SweepTests {
    /// Burnside's count of orbits, from the group action alone (no canonical forms): the mean number of fixed masks.
    static func burnside(_ widths: [Int]) throws -> Int {
        let canon = try MaskCanonicalizer(widths: widths)
        let hidden = Array(1..<(widths.count - 1))
        var elements: [[[Int]]] = [[]]
        for l in hidden { elements = elements.flatMap { e in MaskCanonicalizer.permutations(of: widths[l]).map { e + [$0] } } }
        var fixed = 0
        for c in 0..<(UInt64(1) << UInt64(canon.weightCount)) {
            let bits = canon.bits(code: c)
            for e in elements {
                var moved = bits
                for (k, l) in hidden.enumerated() { moved = canon.permuting(moved, layer: l, by: e[k]) }
                if moved == bits { fixed += 1 }
            }
        }
        #expect(fixed % elements.count == 0)
        return fixed / elements.count
    }

    @Test func twoTwoOneHasBurnsideCount() throws {
        let e = try MaskEnumeration.exact(widths: [2, 2, 1])
        #expect(e.count == 36)  // (2^6 + 2^3) / 2
        #expect(e.representedMasks == 64)
        #expect(try Self.burnside([2, 2, 1]) == 36)
    }

    @Test(arguments: [[3, 2, 2], [2, 3, 1], [1, 2, 2, 1], [2, 2, 2, 1]])
    func orbitCountsMatchBurnside(widths: [Int]) throws {
        let e = try MaskEnumeration.exact(widths: widths)
        #expect(e.count == (try Self.burnside(widths)))
        #expect(e.representedMasks == 1 << MaskEnumeration.weightCount(widths))
        if widths == [3, 2, 2] { #expect(e.count == 528) }  // (2^10 + 2^5) / 2
        if widths == [2, 3, 1] { #expect(e.count == 120) }  // (512 + 3·64 + 2·8) / 6
    }

    @Test func canonicalFormIsInvariantAndMinimal() throws {
        for widths in [[3, 3, 2], [2, 3, 2, 2]] {
            let canon = try MaskCanonicalizer(widths: widths)
            var g = SeededGenerator(seed: 11)
            for _ in 0..<40 {
                let bits = (0..<canon.weightCount).map { _ in g.uniform() < 0.5 }
                let c = canon.canonicalCode(bits)
                #expect(c <= canon.code(bits))
                var moved = bits
                for l in 1..<(widths.count - 1) {
                    var perm = Array(0..<widths[l])
                    perm.shuffle(using: &g)
                    moved = canon.permuting(moved, layer: l, by: perm)
                }
                #expect(canon.canonicalCode(moved) == c)
                #expect(canon.canonicalCode(canon.bits(code: c)) == c)
            }
        }
    }

    @Test func refusesAbsurdEnumerations() {
        #expect(throws: SparseScapeError.self) { try MaskEnumeration.exact(widths: [6, 3, 3]) }
        #expect(throws: SparseScapeError.self) { try MaskCanonicalizer(widths: [1, 9, 1]) }
        #expect(throws: SparseScapeError.self) { try SweepShard(parsing: "0/3") }
        #expect(throws: SparseScapeError.self) { try SweepShard(parsing: "4/3") }
        #expect(throws: SparseScapeError.self) { try SweepShard(parsing: "x/y") }
        #expect(throws: SparseScapeError.self) { try SweepSettings(sample: 0) }
    }

    @Test func samplesAreDeterministicByIndex() throws {
        let a = try MaskEnumeration.sample(widths: [6, 5, 4], count: 50, seed: 3)
        let b = try MaskEnumeration.sample(widths: [6, 5, 4], count: 10, seed: 3)
        #expect(a.masks(at: 7) == b.masks(at: 7))
        #expect(a.masks(at: 7) != a.masks(at: 8))
        #expect(a.orbitSize(at: 0) == nil)
    }

    static func tinyConfig() throws -> NetworkConfig {
        let text = #"{"name": "tiny", "widths": [2, 2, 1], "masks": [[[1, 0], [1, 1]], [[1], [1]]], "X": [[1, 0.5], [0, 1], [1, 1], [2, -1]], "Y": [[1], [2], [3], [-1]]}"#
        return try NetworkConfig.parse(Data(text.utf8), name: "tiny", baseDirectory: nil)
    }

    static func lines(_ plan: SweepPlan, _ shard: SweepShard) throws -> [String] {
        var out: [String] = []
        try SweepRunner.run(plan, shard: shard) { out.append(try $0.jsonLine()) }
        return out
    }

    @Test func shardsReproduceTheWholeSweepAndMerge() throws {
        let plan = try SweepPlan(config: try Self.tinyConfig(), settings: try SweepSettings(restarts: 3, seed: 5, steps: 400))
        let whole = try Self.lines(plan, .whole)
        #expect(whole.count == 36)
        var parts: [String] = []
        for k in 1...3 { parts += try Self.lines(plan, try SweepShard(index: k, count: 3)) }
        #expect(parts.sorted() == whole.sorted())
        #expect(Set(whole).count == 36)

        let parse = { (ls: [String]) in try SweepSummary.records(fromLines: ls.joined(separator: "\n"), source: "test") }
        let merged = try SweepSummary(try parse(parts.reversed() + parts.prefix(5)))  // shuffled, with duplicates
        #expect(merged == (try SweepSummary(try parse(whole))))
        #expect(merged.missingCount == 0 && merged.received == 36)
        #expect(merged.all.representedMasks == 64)
        #expect(merged.benignViolations.isEmpty)
        #expect(merged.configMask?.configMask == true)
        let partial = try SweepSummary(try parse(Array(parts.prefix(10))))
        #expect(partial.missingCount == 26)
        #expect(partial.text().contains("INCOMPLETE"))

        let other = try SweepPlan(config: try Self.tinyConfig(), settings: try SweepSettings(restarts: 3, seed: 6, steps: 400))
        #expect(other.sweepId != plan.sweepId)
        var foreign = try parse([whole[0]])[0]
        foreign.sweepId = other.sweepId
        foreign.index = 1
        do {
            _ = try SweepSummary(try parse(whole) + [foreign])
            Issue.record("records of another sweep were accepted")
        } catch let e as SparseScapeError {
            #expect(e.message.contains("different sweep"))
        }
        var conflicting = try parse([whole[2]])[0]
        conflicting.certifiedSpurious += 1
        #expect(throws: SparseScapeError.self) { try SweepSummary(try parse(whole) + [conflicting]) }
    }

    @Test func theorem5MaskHasACertifiedSpuriousMinimum() throws {
        let plan = try SweepPlan(config: try PresetLibrary.load("theorem5"), settings: try SweepSettings(restarts: 24, seed: 0))
        #expect(plan.enumeration.count == 2080)
        let index = try #require(plan.configMaskIndex)
        let r = try SweepRunner.run(plan, index: index)
        #expect(r.configMask && r.verdict == "sub-network" && !r.benign)
        #expect(r.orbitSize == 2)
        #expect(r.certifiedSpurious >= 1)
        #expect(r.minima.contains { $0.spurious == true && abs($0.loss - 8) < 1e-6 })
    }

    @Test func smallTheoremVerificationFindsNoViolation() throws {
        let report = try TheoremVerification.run(trials: 3, seed: 1, restarts: 8)
        #expect(report.classes.count == 6)
        #expect(report.violations == 0)
        for c in report.classes where c.benign { #expect(c.withSpurious == 0) }
        #expect(report.classes.filter(\.benign).count == 2)
        // Near the paper's examples the non-benign classes do show certified spurious minima.
        #expect(report.classes.filter { !$0.benign }.reduce(0) { $0 + $1.withSpurious } >= 1)
    }
}
