/// The network without its useless nodes, edges and unused inputs: the same loss on every point.
public struct EffectiveNetwork: Sendable {
    /// The reduced loss function (inputs without a path to an output are dropped from X).
    public let loss: LossFunction
    /// For each effective parameter, its index in the original canonical vector.
    public let parameterMap: [Int]
    /// Kept input features (original indices).
    public let keptInputs: [Int]
    /// Kept nodes per layer (original indices; outputs are all kept).
    public let keptNodes: [[Int]]

    /// Removes what Appendix C shows cannot matter; nil when a hidden layer loses every node (then every
    /// output is identically 0 and the loss is the constant ½‖Y‖²).
    public init?(_ f: LossFunction) throws {
        let arch = f.architecture
        let reach = Reachability(arch)
        let depth = arch.depth
        var kept: [[Int]] = []
        for l in 0...depth {
            if l == 0 { kept.append((0..<arch.widths[0]).filter { reach.toOutput[0][$0] }) }
            else if l == depth { kept.append(Array(0..<arch.widths[depth])) }
            else { kept.append((0..<arch.widths[l]).filter { reach.toOutput[l][$0] && reach.fromInput[l][$0] }) }
        }
        if kept.contains(where: { $0.isEmpty }) { return nil }
        var masks: [[Bool]] = []
        var map: [Int] = []
        for l in 0..<depth {
            var m: [Bool] = []
            for i in kept[l] {
                for j in kept[l + 1] {
                    let on = arch.masks[l][i * arch.widths[l + 1] + j]
                    m.append(on)
                    if on { map.append(arch.parameterIndex(layer: l, row: i, col: j)!) }
                }
            }
            masks.append(m)
        }
        let effArch = try NetworkArchitecture(widths: kept.map(\.count), masks: masks)
        if effArch == arch {
            loss = f  // nothing is useless
        } else {
            // Dropping inputs drops rows and columns of XᵀX and rows of XᵀY: no second pass over the data.
            let s = f.statistics
            let stats = SufficientStatistics(gram: s.gram.submatrix(rows: kept[0], cols: kept[0]),
                                             cross: s.cross.submatrix(rows: kept[0], cols: Array(0..<s.cross.cols)),
                                             targetNormSquared: s.targetNormSquared)
            let x = f.dataset.x.submatrix(rows: Array(0..<f.dataset.x.rows), cols: kept[0])
            loss = LossFunction(architecture: effArch, dataset: try Dataset(x: x, y: f.dataset.y), statistics: stats)
        }
        parameterMap = map
        keptInputs = kept[0]
        keptNodes = kept
    }

    /// The effective parameters of an original point.
    public func restrict(_ params: [Double]) -> [Double] { parameterMap.map { params[$0] } }
}

extension NetworkConfig {
    /// This config's effective network (Appendix C's useless parts removed, start and points restricted), or nil
    /// when no input reaches an output.
    public func effective() throws -> NetworkConfig? {
        guard let eff = try EffectiveNetwork(try lossFunction()) else { return nil }
        return NetworkConfig(name: name + "-effective",
                             description: "The effective network of \(name): its useless nodes, connections and inputs removed (Appendix C); the same loss at every point.",
                             architecture: eff.loss.architecture, dataset: eff.loss.dataset, start: start.map { eff.restrict($0) },
                             optimizer: optimizer, learningRate: learningRate, points: points.map { ($0.label, eff.restrict($0.params)) })
    }
}
