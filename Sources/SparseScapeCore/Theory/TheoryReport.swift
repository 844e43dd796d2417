/// Everything `analyze` says about a network: structure, verdict, reductions.
public struct TheoryReport: Encodable, Sendable {
    /// A Theorem 3 reduction, summarised.
    public struct Theorem3Summary: Encodable, Sendable {
        /// The node (1-based label) and its single input.
        public var node: String, feature: String
        /// Widths of the reduced network (nil when nothing is left).
        public var reducedWidths: [Int]?
        /// The constant loss when nothing is left.
        public var constantLoss: Double?
    }

    /// A Theorem 4 check, summarised.
    public struct Theorem4Summary: Encodable, Sendable {
        /// Whether the conditions hold.
        public var applies: Bool
        /// The sets and conditions.
        public var explanation: String
        /// Widths of the reduced network.
        public var reducedWidths: [Int]?
    }

    /// The network's name.
    public var network: String
    /// Widths.
    public var widths: [Int]
    /// Free weights.
    public var parameterCount: Int
    /// Appendix C.
    public var structure: StructureAnalysis
    /// Widths and free weights of the effective network (nil when no input reaches an output).
    public var effectiveWidths: [Int]?
    /// Free weights of the effective network.
    public var effectiveParameterCount: Int?
    /// Which theorem applies, with its checks.
    public var theory: TheoryAssessment
    /// Theorem 3 reductions (two-layer networks).
    public var theorem3: [Theorem3Summary]
    /// Theorem 4 (two layers, d_y = 2), or nil.
    public var theorem4: Theorem4Summary?

    /// Analyses `f`.
    public init(_ f: LossFunction, name: String) throws {
        let arch = f.architecture
        network = name
        widths = arch.widths
        parameterCount = arch.parameterCount
        structure = StructureAnalysis(arch)
        let eff = try EffectiveNetwork(f)
        effectiveWidths = eff?.loss.architecture.widths
        effectiveParameterCount = eff?.loss.parameterCount
        theory = try TheoryAssessment.assess(f)
        theorem3 = try Theorem3Reduction.candidates(arch).map { c in
            let r = try Theorem3Reduction(f, node: c.node, feature: c.feature)
            return Theorem3Summary(node: "h\(c.node + 1)", feature: "x\(c.feature + 1)", reducedWidths: r.reduced?.architecture.widths,
                                   constantLoss: r.constantLoss)
        }
        theorem4 = try Theorem4Reduction(f).map {
            Theorem4Summary(applies: $0.applies, explanation: $0.explanation, reducedWidths: $0.reduced?.architecture.widths)
        }
    }

    /// The report for people.
    public var text: String {
        var lines = ["\(network): widths \(SafeText.list(widths)), \(parameterCount) free weights"]
        lines.append("")
        lines.append("Structure (Appendix C):")
        if structure.isClean && structure.unreachableOutputs.isEmpty {
            lines.append("  no useless nodes or connections: every node lies on an input-to-output path")
        } else {
            for n in structure.nodes { lines.append("  useless node \(n.label): \(n.reasons.map(\.rawValue).joined(separator: ", "))") }
            if !structure.edges.isEmpty {
                lines.append("  useless connections: " + structure.edges.map { "W\($0.layer + 1)[\($0.row + 1),\($0.col + 1)]" }.joined(separator: ", "))
            }
            if !structure.unusedInputs.isEmpty { lines.append("  unused inputs: " + structure.unusedInputs.map { "x\($0 + 1)" }.joined(separator: ", ")) }
            if !structure.unreachableOutputs.isEmpty { lines.append("  outputs no input reaches (always 0): " + structure.unreachableOutputs.map { "y\($0 + 1)" }.joined(separator: ", ")) }
            if let w = effectiveWidths, let p = effectiveParameterCount { lines.append("  effective network: widths \(w), \(p) free weights (same loss at every point)") }
        }
        lines.append("")
        lines.append("Verdict: \(theory.summary)")
        for c in theory.checks { lines.append("  [\(c.holds ? "x" : " ")] \(c.name): \(c.detail)") }
        if !theorem3.isEmpty || theorem4 != nil {
            lines.append("")
            lines.append("Reductions:")
            for t in theorem3 {
                lines.append("  Theorem 3: \(t.node) has the single input \(t.feature) and full out-degree: project \(t.feature) away → "
                             + (t.reducedWidths.map { "reduced widths \($0)" } ?? "nothing left, loss \(NumberFormat.g(t.constantLoss ?? 0, 10))"))
            }
            if let t = theorem4 {
                lines.append("  Theorem 4 (d_y = 2): " + (t.applies ? "applies" : "does not apply") + " — \(t.explanation)"
                             + (t.reducedWidths.map { "; reduced network widths \($0), dense second layer" } ?? ""))
            }
        }
        return lines.joined(separator: "\n")
    }
}
