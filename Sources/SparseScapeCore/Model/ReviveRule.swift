/// Where a revived (un-pruned) weight starts: small against its layer, so that reviving does not jump the point.
public enum ReviveRule {
    /// The rule in words (for help screens).
    public static let text =
        "a revived weight starts at 0.1·s·N(0,1), where s is the RMS of its layer's current free weights (1 if they are all zero)"

    /// The starting value for a weight revived in `layer`, given the current point `params` under `arch` and a
    /// standard normal draw `z`.
    public static func value(layer: Int, params: [Double], arch: NetworkArchitecture, normal z: Double) -> Double {
        let off = arch.parameterOffsets[layer], n = arch.freePositions[layer].count
        var s2 = 0.0
        for k in 0..<n { s2 += params[off + k] * params[off + k] }
        let rms = n > 0 ? (s2 / Double(n)).squareRoot() : 0
        return 0.1 * (rms > 0 && rms.isFinite ? rms : 1) * z
    }
}
