/// Moves canonical parameter vectors between two masks of the same widths.
public enum ParameterRemap {
    /// `params` (in `from`'s order) in `to`'s order: weights new to `to` get `fill`, weights dropped by `to` are lost.
    public static func remap(_ params: [Double], from: NetworkArchitecture, to: NetworkArchitecture, fill: Double = 0) -> [Double] {
        var out = [Double](repeating: fill, count: to.parameterCount)
        for l in 0..<to.depth {
            let cols = to.widths[l + 1]
            for (k, flat) in to.freePositions[l].enumerated() {
                if let i = from.parameterIndex(layer: l, row: flat / cols, col: flat % cols) { out[to.parameterOffsets[l] + k] = params[i] }
            }
        }
        return out
    }

    /// `params` in `to`'s order when the point is realizable there (every weight `to` prunes is exactly 0), else nil.
    public static func realize(_ params: [Double], from: NetworkArchitecture, to: NetworkArchitecture) -> [Double]? {
        guard params.count == from.parameterCount else { return nil }
        if from == to { return params }
        for l in 0..<from.depth {
            for (k, flat) in from.freePositions[l].enumerated() where params[from.parameterOffsets[l] + k] != 0 && !to.masks[l][flat] {
                return nil
            }
        }
        return remap(params, from: from, to: to)
    }
}
