/// Theorem 4 (d_y = 2, two layers): when the hidden nodes fed by the features that only full-out-degree nodes see
/// are fed by nothing else, the problem reduces to a sub-network with a dense second layer on projected data.
///
/// R₁, R₂: hidden nodes connected only to output 1 (resp. 2); R: nodes connected to both. T_k: features connected
/// to no node of R_k. U(T): hidden nodes fed by a feature of T. The conditions are U(T₁∩T₂) ∩ U(T₁∖T₂) = ∅ and
/// U(T₁∩T₂) ∩ U(T₂∖T₁) = ∅; the reduced network has inputs T₁∩T₂, hidden nodes U(T₁∩T₂) (all in R, so the second
/// layer is dense) and data projected onto the complement of the other features.
public struct Theorem4Reduction: Sendable {
    /// Hidden nodes connected only to output 1, only to output 2, and to both.
    public let r1: [Int], r2: [Int], r: [Int]
    /// T₁ and T₂ (features, 0-based).
    public let t1: [Int], t2: [Int]
    /// Whether both conditions hold.
    public let applies: Bool
    /// The conditions, in words with the sets.
    public let explanation: String
    /// The reduced problem when the conditions hold and it is non-empty.
    public let reduced: LossFunction?
    /// Inputs and hidden nodes of the reduced network (original indices).
    public let reducedInputs: [Int], reducedHidden: [Int]

    /// Checks Theorem 4 on a two-layer network with two outputs; nil when d_y ≠ 2 or the depth is not 2.
    public init?(_ f: LossFunction) throws {
        let arch = f.architecture
        guard arch.depth == 2, arch.outputWidth == 2 else { return nil }
        let dx = arch.inputWidth, h = arch.widths[1]
        func out(_ j: Int) -> (Bool, Bool) { (arch.masks[1][j * 2], arch.masks[1][j * 2 + 1]) }
        func feeds(_ i: Int, _ j: Int) -> Bool { arch.masks[0][i * h + j] }
        let set1 = (0..<h).filter { out($0) == (true, false) }
        let set2 = (0..<h).filter { out($0) == (false, true) }
        let full = (0..<h).filter { out($0) == (true, true) }
        let feat1 = (0..<dx).filter { i in !set1.contains { feeds(i, $0) } }
        let feat2 = (0..<dx).filter { i in !set2.contains { feeds(i, $0) } }
        r1 = set1; r2 = set2; r = full; t1 = feat1; t2 = feat2
        let both = feat1.filter { feat2.contains($0) }
        let only1 = feat1.filter { !feat2.contains($0) }, only2 = feat2.filter { !feat1.contains($0) }
        func u(_ t: [Int]) -> Set<Int> { Set((0..<h).filter { j in t.contains { feeds($0, j) } }) }
        let ub = u(both)
        let c1 = ub.intersection(u(only1)), c2 = ub.intersection(u(only2))
        let ok = c1.isEmpty && c2.isEmpty
        applies = ok
        func names(_ s: [Int], _ p: String) -> String { s.isEmpty ? "∅" : "{" + s.map { "\(p)\($0 + 1)" }.joined(separator: ",") + "}" }
        explanation = (set1.isEmpty && set2.isEmpty ? "trivially (the second layer is already dense): " : "") + "R1 = \(names(set1, "h")), R2 = \(names(set2, "h")), R = \(names(full, "h")); T1 = \(names(feat1, "x")), T2 = \(names(feat2, "x")); "
            + "U(T1∩T2) ∩ U(T1∖T2) = \(names(c1.sorted(), "h")), U(T1∩T2) ∩ U(T2∖T1) = \(names(c2.sorted(), "h"))"
        let hidden = ub.sorted()
        reducedInputs = both
        reducedHidden = hidden
        if ok && !both.isEmpty && !hidden.isEmpty {
            let rest = (0..<dx).filter { !both.contains($0) }
            let x = try ProjectedData.complement(of: f.dataset.x, columns: rest,
                                                 applyTo: f.dataset.x.submatrix(rows: Array(0..<f.dataset.x.rows), cols: both))
            let y = try ProjectedData.complement(of: f.dataset.x, columns: rest, applyTo: f.dataset.y)
            let m1 = both.flatMap { i in hidden.map { j in feeds(i, j) } }
            let a = try NetworkArchitecture(widths: [both.count, hidden.count, 2], masks: [m1, [Bool](repeating: true, count: hidden.count * 2)])
            reduced = try LossFunction(architecture: a, dataset: try Dataset(x: x, y: y))
        } else {
            reduced = nil
        }
    }
}
