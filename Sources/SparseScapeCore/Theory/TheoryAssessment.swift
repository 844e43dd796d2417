/// Which of the paper's results apply to a network and its data, with every check made visible.
public struct TheoryAssessment: Codable, Equatable, Sendable {
    /// One check behind the verdict.
    public struct Check: Codable, Equatable, Sendable {
        /// What was checked.
        public var name: String
        /// Whether it holds.
        public var holds: Bool
        /// The numbers behind it.
        public var detail: String
    }

    /// The landscape class.
    public enum Verdict: String, Codable, Sendable {
        /// Scalar output (Theorems 1, 6): every local minimum is global.
        case scalarOutput = "scalar-output"
        /// Disjoint orthogonal first-layer supports, dense later layers (Theorems 2, 7): no spurious minima.
        case disjointOrthogonal = "disjoint-orthogonal"
        /// A fully connected network: every local minimum is global (Kawaguchi; Lu & Kawaguchi).
        case dense
        /// d_y = 2 with overlapping or non-orthogonal supports: spurious minima can exist (Table 1, Algorithm 1/2).
        case lowRankCoupling = "low-rank-coupling"
        /// d_y ≥ 3 with a sparse structure: spurious minima can exist, e.g. a sub-network's global minimum (Theorem 5).
        case subNetwork = "sub-network"
        /// No input reaches an output: the loss is constant.
        case constant
    }

    /// The class.
    public var verdict: Verdict
    /// True when theory guarantees that every local minimum is global.
    public var benign: Bool
    /// One line for people.
    public var summary: String
    /// The checks made.
    public var checks: [Check]

    /// Assesses the network (on its effective part: useless nodes and edges removed) and data.
    public static func assess(_ original: LossFunction) throws -> TheoryAssessment {
        var checks: [Check] = []
        let structure = StructureAnalysis(original.architecture)
        checks.append(Check(name: "no useless nodes or connections (Appendix C)", holds: structure.isClean,
                            detail: structure.isClean ? "every node lies on an input-to-output path"
                                : "\(structure.nodes.count) useless hidden nodes, \(structure.edges.count) useless edges, \(structure.unusedInputs.count) unused inputs: assessed on the effective network"))
        guard let effective = try EffectiveNetwork(original) else {
            return TheoryAssessment(verdict: .constant, benign: true,
                                    summary: "no input reaches an output: the loss is the constant ½‖Y‖², every point is a global minimum",
                                    checks: checks)
        }
        let f = effective.loss
        let arch = f.architecture
        let dy = arch.outputWidth
        checks.append(Check(name: "scalar output (d_y = 1)", holds: dy == 1, detail: "d_y = \(dy)"))
        if dy == 1 {
            return TheoryAssessment(verdict: .scalarOutput, benign: true,
                                    summary: "Theorems 1/6: scalar output, so every local minimum is global, whatever the sparsity and depth",
                                    checks: checks)
        }
        let dense = arch.isDense
        checks.append(Check(name: "fully connected", holds: dense,
                            detail: "\(arch.parameterCount) of \(arch.masks.reduce(0) { $0 + $1.count }) weights free"))
        if dense {
            return TheoryAssessment(verdict: .dense, benign: true,
                                    summary: "dense linear network: every local minimum is global (Kawaguchi 2016; Lu & Kawaguchi 2017)",
                                    checks: checks)
        }
        let t2 = theorem2Checks(f)
        checks += t2
        if t2.allSatisfy(\.holds) {
            return TheoryAssessment(verdict: .disjointOrthogonal, benign: true,
                                    summary: "Theorems 2/7: disjoint orthogonal first-layer supports and dense later layers, so no spurious minima",
                                    checks: checks)
        }
        // The conditions of Theorem 2 that do not hold, named as conditions not met (not as if they held).
        let failed = t2.filter { !$0.holds }.map(\.name).joined(separator: "; ")
        if dy == 2 {
            return TheoryAssessment(verdict: .lowRankCoupling, benign: false,
                                    summary: "d_y = 2 and Theorem 2 does not apply (conditions not met: \(failed)): spurious minima can exist from a low-rank coupling (Table 1)",
                                    checks: checks)
        }
        return TheoryAssessment(verdict: .subNetwork, benign: false,
                                summary: "d_y = \(dy) ≥ 3 and Theorem 2 does not apply (conditions not met: \(failed)): spurious minima can exist, e.g. a sub-network's global minimum (Theorem 5)",
                                checks: checks)
    }

    /// A short form for a status line, e.g. "Thm 1/6: no spurious minima".
    public var shortText: String {
        switch verdict {
        case .scalarOutput: return "Thm 1/6: no spurious minima"
        case .disjointOrthogonal: return "Thm 2/7: no spurious minima"
        case .dense: return "dense: no spurious minima"
        case .constant: return "no input reaches an output"
        case .lowRankCoupling: return "d_y = 2: spurious minima possible"
        case .subNetwork: return "Thm 5: spurious minima possible"
        }
    }

    /// Theorem 2/7's hypotheses, each as a check.
    static func theorem2Checks(_ f: LossFunction) -> [Check] {
        let arch = f.architecture
        var out: [Check] = []
        guard arch.depth >= 2 else {
            return [Check(name: "at least two layers", holds: false, detail: "depth \(arch.depth)")]
        }
        let d1 = arch.widths[1], dx = arch.inputWidth
        let laterDense = (1..<arch.depth).allSatisfy { arch.masks[$0].allSatisfy { $0 } }
        out.append(Check(name: "layers after the first are dense", holds: laterDense,
                         detail: (1..<arch.depth).map { "W\($0 + 1): \(arch.masks[$0].filter { $0 }.count)/\(arch.masks[$0].count)" }.joined(separator: ", ")))
        let need = min(d1, arch.outputWidth)
        let narrow = (2..<max(2, arch.depth)).filter { arch.widths[$0] < need }
        out.append(Check(name: "widths d_i ≥ min(d_1, d_y) for i ≥ 2", holds: narrow.isEmpty,
                         detail: arch.depth > 2 ? "widths \(SafeText.list(arch.widths)), need ≥ \(need)" : "two layers: nothing to check"))
        let blocks = (0..<d1).map { j in (0..<dx).filter { arch.masks[0][$0 * d1 + j] } }
        var owners = [Int](repeating: 0, count: dx)
        for b in blocks { for i in b { owners[i] += 1 } }
        let shared = owners.indices.filter { owners[$0] > 1 }
        out.append(Check(name: "first-layer supports are disjoint", holds: shared.isEmpty,
                         detail: shared.isEmpty ? "each input feeds at most one hidden node" : "inputs \(shared.map { "x\($0 + 1)" }.joined(separator: ", ")) feed several hidden nodes"))
        let g = f.statistics.gram
        var worst = 0.0
        for (a, ba) in blocks.enumerated() {
            for (b, bb) in blocks.enumerated() where b > a {
                for i in ba { for k in bb where i != k { worst = max(worst, abs(g[i, k])) } }
            }
        }
        let scale = (0..<dx).map { g[$0, $0] }.max() ?? 1
        out.append(Check(name: "feature blocks orthogonal (X_iᵀX_j = 0)", holds: worst <= 1e-10 * max(scale, 1e-300),
                         detail: "max |X_iᵀX_j| = \(NumberFormat.g(worst, 3)) (diagonal scale \(NumberFormat.g(scale, 3)))"))
        let rank: Int
        if let ev = try? SymmetricEigen(g, vectors: false).values {
            let top = ev.last ?? 0
            rank = ev.filter { $0 > 1e-12 * max(top, 1e-300) }.count
        } else { rank = -1 }
        out.append(Check(name: "X has full column rank", holds: rank == dx, detail: "rank \(rank) of \(dx) columns"))
        return out
    }
}
