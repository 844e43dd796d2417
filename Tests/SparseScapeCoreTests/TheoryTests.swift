import Testing
@testable import SparseScapeCore

/// Appendix C, the verdicts, and Theorems 3 and 4 on constructed and preset networks.
@Suite struct TheoryTests {
    /// A network in the spirit of the paper's Figure 3 (inputs, two hidden layers of 4, one output) showing all
    /// four cases: h(2)3 has no outgoing edge (zero out-degree I); h(1)1 feeds only h(2)3 (zero out-degree II);
    /// h(1)4 and h(2)4 have no incoming edge (zero in-degree I); h(2)2 is fed only by h(1)4 (zero in-degree II).
    static func figure3() throws -> LossFunction {
        func mask(_ r: Int, _ c: Int, _ on: [(Int, Int)]) -> [Bool] {
            var m = [Bool](repeating: false, count: r * c)
            for (i, j) in on { m[i * c + j] = true }
            return m
        }
        let m1 = mask(3, 4, [(0, 0), (1, 1), (1, 2), (2, 2)])                 // x → h(1); h(1)4 gets nothing
        let m2 = mask(4, 4, [(0, 2), (1, 0), (2, 0), (3, 1)])                 // h(1)1 → h(2)3 only; h(1)4 → h(2)2 only
        let m3 = mask(4, 1, [(0, 0), (1, 0)])                                 // h(2)1, h(2)2 → y; h(2)3 has no out edge
        let arch = try NetworkArchitecture(widths: [3, 4, 4, 1], masks: [m1, m2, m3])
        var g = SeededGenerator(seed: 3)
        let x = Matrix(rows: 6, cols: 3, data: g.gaussianVector(18)), y = Matrix(rows: 6, cols: 1, data: g.gaussianVector(6))
        return try LossFunction(architecture: arch, dataset: try Dataset(x: x, y: y))
    }

    @Test func appendixCFindsEveryKindOfUselessNode() throws {
        let f = try Self.figure3()
        let s = StructureAnalysis(f.architecture)
        func reasons(_ l: Int, _ n: Int) -> [StructureAnalysis.Reason] { s.nodes.first { $0.layer == l && $0.node == n }?.reasons ?? [] }
        #expect(reasons(2, 2) == [.zeroOutDegreeI])
        #expect(reasons(1, 0) == [.zeroOutDegreeII])
        #expect(reasons(1, 3).contains(.zeroInDegreeI))
        #expect(reasons(2, 3).contains(.zeroInDegreeI))
        #expect(reasons(2, 1) == [.zeroInDegreeII])
        #expect(reasons(1, 1).isEmpty && reasons(1, 2).isEmpty && reasons(2, 0).isEmpty)
        #expect(s.unusedInputs == [0])  // x1 feeds only h(1)1
        // Every edge touching a useless node is useless; the useful path x2,x3 → h(1)2,h(1)3 → h(2)1 → y is kept.
        #expect(s.edges.count == 4)
        let eff = try #require(try EffectiveNetwork(f))
        #expect(eff.loss.architecture.widths == [2, 2, 1, 1])
        #expect(eff.loss.parameterCount == f.parameterCount - s.edges.count)
        for seed in UInt64(0)..<5 {
            let p = TestNetworks.point(f, seed: seed)
            #expect(abs(f.loss(p) - eff.loss.loss(eff.restrict(p))) <= 1e-12 * max(1, f.loss(p)))
        }
    }

    @Test func deadNetworkHasNoEffectivePartAndConstantLoss() throws {
        let arch = try NetworkArchitecture(widths: [2, 2, 1], masks: [[true, false, true, false], [false, true]])
        let f = try LossFunction(architecture: arch, dataset: try Dataset(x: Matrix([[1, 2], [3, 4]]), y: Matrix([[1], [2]])))
        #expect(try EffectiveNetwork(f) == nil)
        let a = try TheoryAssessment.assess(f)
        #expect(a.verdict == .constant && a.benign)
    }

    @Test(arguments: [("theorem1-scalar", TheoryAssessment.Verdict.scalarOutput, true),
                      ("deep-scalar", .scalarOutput, true),
                      ("theorem2-disjoint", .disjointOrthogonal, true),
                      ("dense-baseline", .dense, true),
                      ("table1-row1", .lowRankCoupling, false),
                      ("table2-gram", .lowRankCoupling, false),
                      ("theorem5", .subNetwork, false)])
    func presetVerdicts(_ name: String, _ verdict: TheoryAssessment.Verdict, _ benign: Bool) throws {
        let a = try TheoryAssessment.assess(try PresetLibrary.load(name).lossFunction())
        #expect(a.verdict == verdict)
        #expect(a.benign == benign)
        #expect(!a.checks.isEmpty)
    }

    /// Theorem 2's data checks can fail on their own: the disjoint preset with a non-orthogonal or rank-deficient X.
    @Test func theorem2NeedsOrthogonalFullRankData() throws {
        let c = try PresetLibrary.load("theorem2-disjoint")
        var x = c.dataset.x
        for i in 0..<x.rows { x[i, 5] += 0.3 * x[i, 0] }  // mixes block 1 into block 3
        let bent = try LossFunction(architecture: c.architecture, dataset: try Dataset(x: x, y: c.dataset.y))
        let a = try TheoryAssessment.assess(bent)
        #expect(!a.benign)
        #expect(a.checks.first { $0.name.hasPrefix("feature blocks orthogonal") }?.holds == false)
        var r = c.dataset.x
        for i in 0..<r.rows { r[i, 1] = r[i, 0] }  // duplicate column: rank 5
        let deficient = try LossFunction(architecture: c.architecture, dataset: try Dataset(x: r, y: c.dataset.y))
        #expect(try TheoryAssessment.assess(deficient).checks.first { $0.name.hasPrefix("X has full column rank") }?.holds == false)
    }

    /// Theorem 3: the node with one input and full out-degree projects away; the global minima agree.
    @Test func theorem3ReductionKeepsTheGlobalMinimum() throws {
        // h1 ← x1 only, full out-degree; h2 ← x1, x2, x3.
        let arch = try NetworkArchitecture(widths: [3, 2, 2], masks: [[true, true, false, true, false, true], [true, true, true, true]])
        var g = SeededGenerator(seed: 11)
        let f = try LossFunction(architecture: arch, dataset: try Dataset(x: Matrix(rows: 7, cols: 3, data: g.gaussianVector(21)),
                                                                           y: Matrix(rows: 7, cols: 2, data: g.gaussianVector(14))))
        let cands = Theorem3Reduction.candidates(arch)
        #expect(cands.count == 1 && cands[0].node == 0 && cands[0].feature == 0)
        let r = try Theorem3Reduction(f, node: 0, feature: 0)
        let reduced = try #require(r.reduced)
        #expect(reduced.architecture.widths == [2, 1, 2])
        // The reduced network is dense: its global minimum is Eckart–Young; the original's comes from a search.
        let closed = try #require(try GlobalMinimum.closedForm(reduced))
        let s = try SearchSettings(restarts: 24, seed: 2, optimizer: try OptimizerSettings(kind: .bcd),
                                   rules: try StoppingRules(maxSteps: 3000, gradientTolerance: 1e-12))
        let best = try MultiStartSearch.run(f, settings: s).minima.first!.loss
        #expect(abs(best - closed.value) <= 1e-9 * max(1, best), "original \(best) vs reduced \(closed.value)")
    }

    /// Theorem 4: h1 → y1 only, h2 → y2 only, h3 → both; x1 → h1, x2 → h2, x3 → h3. The reduction keeps x3 and h3.
    @Test func theorem4DetectsItsConditions() throws {
        func net(_ extra: Bool) throws -> LossFunction {
            var m1 = [Bool](repeating: false, count: 9)
            m1[0 * 3 + 0] = true; m1[1 * 3 + 1] = true; m1[2 * 3 + 2] = true
            if extra { m1[1 * 3 + 2] = true }  // x2 also feeds h3: U(T1∩T2) meets U(T1∖T2)
            let m2 = [true, false, false, true, true, true]
            var g = SeededGenerator(seed: 5)
            return try LossFunction(architecture: try NetworkArchitecture(widths: [3, 3, 2], masks: [m1, m2]),
                                    dataset: try Dataset(x: Matrix(rows: 6, cols: 3, data: g.gaussianVector(18)),
                                                         y: Matrix(rows: 6, cols: 2, data: g.gaussianVector(12))))
        }
        let yes = try #require(try Theorem4Reduction(try net(false)))
        #expect(yes.applies)
        #expect(yes.r1 == [0] && yes.r2 == [1] && yes.r == [2])
        #expect(yes.t1 == [1, 2] && yes.t2 == [0, 2])
        #expect(yes.reducedInputs == [2] && yes.reducedHidden == [2])
        let reduced = try #require(yes.reduced)
        #expect(reduced.architecture.widths == [1, 1, 2] && reduced.architecture.masks[1].allSatisfy { $0 })
        let no = try #require(try Theorem4Reduction(try net(true)))
        #expect(!no.applies)
        #expect(try Theorem4Reduction(try TestNetworks.theorem5()) == nil)  // d_y = 3
    }

    @Test func reportTextNamesEverything() throws {
        let r = try TheoryReport(try Self.figure3(), name: "fig3")
        #expect(r.text.contains("zero out-degree II"))
        #expect(r.text.contains("zero in-degree II"))
        #expect(r.text.contains("effective network: widths [2, 2, 1, 1]"))
        #expect(r.theory.verdict == .scalarOutput)
    }
}
