import SparseScapeCore
import SparseScapeUI

extension ColorQuantizer {
    /// How much more lightness and hue errors count than chroma errors when quantising a ramp.
    ///
    /// Lightness carries the order of a scale, so tracking it closely gives more distinct steps; a hue error is
    /// more visible than the same chroma error (as in CIEDE2000), so the steps keep the ramp's hue rather than
    /// wobbling around it.
    static let rampLightnessWeight = 2.0, rampHueWeight = 2.0
    /// How much a chroma error counts when exactly one of the ramp colour and the terminal colour is grey (chroma
    /// below `OKLab.achromaticChroma`).
    ///
    /// A grey scale should stay grey rather than borrow a coloured step of a closer lightness, and a coloured ramp
    /// should not borrow a grey (a grey has no hue, so the hue term alone would not see the loss of colour).
    static let rampGreyChromaWeight = 8.0

    /// The ramp distance √(2ΔL² + ΔC² + 2ΔH²) from ramp colour `x` to terminal colour `y`.
    ///
    /// ΔH² = Δa² + Δb² − ΔC² is the hue part of the difference; ΔC² weighs 8 instead of 1 when one of `x` and `y` is grey.
    static func rampDistance(_ x: OKLab, _ y: OKLab) -> Double {
        let cx = x.chroma
        let dl = x.L - y.L, dc = cx - y.chroma
        let da = x.a - y.a, db = x.b - y.b
        let dh2 = max(0, da * da + db * db - dc * dc)
        let wc = (cx < OKLab.achromaticChroma) != (y.chroma < OKLab.achromaticChroma) ? rampGreyChromaWeight : 1
        return (rampLightnessWeight * dl * dl + wc * dc * dc + rampHueWeight * dh2).squareRoot()
    }

    /// How far (in OKLab chroma) a quantised ramp may step against the ramp's own chroma trend.
    ///
    /// Without this a light ramp on 256 colours alternates between greys (whose lightness steps are fine) and
    /// blues of the cube (whose hue is right): monotone in lightness, but seen as grey and blue bands.
    static let rampChromaSlack = 0.015

    /// Terminal colour numbers for an ordered gradient (low to high) whose OKLab lightness never steps backwards and
    /// whose chroma follows the ramp's (no grey and coloured bands).
    ///
    /// Nearest-colour quantisation of each entry on its own can pick a slightly darker colour of a closer hue in
    /// the middle of a brightening ramp, so a heatmap would show false valleys; and it can pick a grey for one step
    /// and a coloured entry for the next, so a smooth ramp shows bands. This chooses, by dynamic programming over
    /// the terminal's colours, the sequence that minimises the summed `rampDistance` subject to lightness moving only
    /// in the ramp's own direction (from its first to its last colour) and chroma never moving more than
    /// `rampChromaSlack` against the ramp's chroma at that step. When no such sequence exists the chroma rule is
    /// dropped. Direct-colour terminals get each colour unchanged.
    public func indices(ofRamp ramp: [RGB]) -> [Int] {
        if isDirect || ramp.count < 2 || entries.isEmpty { return ramp.map { index(of: $0) } }
        let labs = ramp.map { OKLab($0) }
        return rampPath(labs, followChroma: true) ?? rampPath(labs, followChroma: false) ?? labs.map { index(of: $0.rgb) }
    }

    /// The cheapest monotone sequence of colour numbers for `labs`, or nil when the constraints leave none.
    func rampPath(_ labs: [OKLab], followChroma: Bool) -> [Int]? {
        let sign = labs[labs.count - 1].L >= labs[0].L ? 1.0 : -1.0
        let n = entries.count
        let keys = entries.map { sign * $0.lab.L }
        let chroma = entries.map { $0.lab.chroma }
        var total = (0..<n).map { Self.rampDistance(labs[0], entries[$0].lab) }
        var from = [[Int]]()
        from.reserveCapacity(labs.count - 1)
        for k in 1..<labs.count {
            let c = labs[k]
            let trend = c.chroma - labs[k - 1].chroma
            var back = [Int](repeating: -1, count: n)
            var next = [Double](repeating: .infinity, count: n)
            for s in 0..<n {
                var best = -1, bestTotal = Double.infinity
                for p in 0..<n where total[p] < bestTotal && keys[p] <= keys[s] {
                    if followChroma {
                        let dc = chroma[s] - chroma[p]
                        if trend > 0 && dc < -Self.rampChromaSlack { continue }
                        if trend < 0 && dc > Self.rampChromaSlack { continue }
                    }
                    best = p
                    bestTotal = total[p]
                }
                guard best >= 0 else { continue }
                back[s] = best
                next[s] = bestTotal + Self.rampDistance(c, entries[s].lab)
            }
            from.append(back)
            total = next
        }
        guard var s = total.indices.min(by: { total[$0] < total[$1] }), total[s].isFinite else { return nil }
        var path = [s]
        for step in from.reversed() {
            s = step[s]
            path.append(s)
        }
        return path.reversed().map { entries[$0].index }
    }
}
