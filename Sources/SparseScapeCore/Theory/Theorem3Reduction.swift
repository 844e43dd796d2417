/// Theorem 3: in a two-layer network, a hidden node with full out-degree and a single input can be projected away.
///
/// Minimising over that node's weights leaves ½‖(I − P_{x_i})(Y − Σ_other X_S w aᵀ)‖²: the same problem on data
/// projected onto the complement of its input feature x_i, without the node and without x_i. The global minima
/// agree, and the node adds no spurious minimum.
public struct Theorem3Reduction: Sendable {
    /// The removable hidden node (0-based) and its single input feature.
    public let node: Int
    /// Its only input feature (0-based).
    public let feature: Int
    /// The reduced problem (nil when nothing is left: every output is then fitted by the node alone).
    public let reduced: LossFunction?
    /// ½‖(I − P_{x_i})Y‖² when nothing is left, else nil.
    public let constantLoss: Double?

    /// Every node Theorem 3 applies to (two-layer networks only).
    public static func candidates(_ arch: NetworkArchitecture) -> [(node: Int, feature: Int)] {
        guard arch.depth == 2 else { return [] }
        let dx = arch.inputWidth, h = arch.widths[1], dy = arch.outputWidth
        var out: [(Int, Int)] = []
        for j in 0..<h {
            let ins = (0..<dx).filter { arch.masks[0][$0 * h + j] }
            let fullOut = (0..<dy).allSatisfy { arch.masks[1][j * dy + $0] }
            if ins.count == 1 && fullOut { out.append((j, ins[0])) }
        }
        return out
    }

    /// The reduction for `node` (which must be a candidate).
    public init(_ f: LossFunction, node: Int, feature: Int) throws {
        let arch = f.architecture
        let dx = arch.inputWidth, h = arch.widths[1], dy = arch.outputWidth
        self.node = node
        self.feature = feature
        let keepX = (0..<dx).filter { $0 != feature }
        let keepH = (0..<h).filter { $0 != node }
        let y = try ProjectedData.complement(of: f.dataset.x, columns: [feature], applyTo: f.dataset.y)
        guard !keepX.isEmpty, !keepH.isEmpty else {
            reduced = nil
            constantLoss = 0.5 * y.frobeniusNormSquared
            return
        }
        let x = try ProjectedData.complement(of: f.dataset.x, columns: [feature],
                                             applyTo: f.dataset.x.submatrix(rows: Array(0..<f.dataset.x.rows), cols: keepX))
        let m1 = keepX.flatMap { i in keepH.map { j in arch.masks[0][i * h + j] } }
        let m2 = keepH.flatMap { j in (0..<dy).map { k in arch.masks[1][j * dy + k] } }
        let a = try NetworkArchitecture(widths: [keepX.count, keepH.count, dy], masks: [m1, m2])
        reduced = try LossFunction(architecture: a, dataset: try Dataset(x: x, y: y))
        constantLoss = nil
    }
}
