import SparseScapeCore
import SparseScapeUI

extension ColorQuantizer {
    /// How much more lightness and hue errors count than chroma errors when quantising a ramp.
    ///
    /// Lightness carries the order of a scale, so tracking it closely gives more distinct steps; a hue error is
    /// more visible than the same chroma error (as in CIEDE2000), so the steps keep the ramp's hue rather than
    /// wobbling around it.
    static let rampLightnessWeight = 2.0, rampHueWeight = 2.0
    /// How much a chroma error counts when the ramp colour is grey (chroma below `OKLab.achromaticChroma`).
    ///
    /// A grey scale should stay grey rather than borrow a coloured step of a closer lightness.
    static let rampGreyChromaWeight = 8.0

    /// The ramp distance √(2ΔL² + ΔC² + 2ΔH²) from ramp colour `x` to terminal colour `y`.
    ///
    /// ΔH² = Δa² + Δb² − ΔC² is the hue part of the difference; ΔC² weighs 8 instead of 1 when `x` is grey.
    static func rampDistance(_ x: OKLab, _ y: OKLab) -> Double {
        let cx = x.chroma
        let dl = x.L - y.L, dc = cx - y.chroma
        let da = x.a - y.a, db = x.b - y.b
        let dh2 = max(0, da * da + db * db - dc * dc)
        let wc = cx < OKLab.achromaticChroma ? rampGreyChromaWeight : 1
        return (rampLightnessWeight * dl * dl + wc * dc * dc + rampHueWeight * dh2).squareRoot()
    }

    /// Terminal colour numbers for an ordered gradient (low to high) whose OKLab lightness never steps backwards.
    ///
    /// Nearest-colour quantisation of each entry on its own can pick a slightly darker colour of a closer hue in
    /// the middle of a brightening ramp, so a heatmap would show false valleys. This chooses, by dynamic
    /// programming over the terminal's colours sorted by lightness, the sequence that minimises the summed
    /// `rampDistance` subject to lightness moving only in the ramp's own direction (the direction from its first
    /// to its last colour). Direct-colour terminals get each colour unchanged.
    public func indices(ofRamp ramp: [RGB]) -> [Int] {
        if isDirect || ramp.count < 2 || entries.isEmpty { return ramp.map { index(of: $0) } }
        let labs = ramp.map { OKLab($0) }
        let sign = labs[labs.count - 1].L >= labs[0].L ? 1.0 : -1.0
        let order = entries.indices.sorted { sign * entries[$0].lab.L < sign * entries[$1].lab.L }
        let keys = order.map { sign * entries[$0].lab.L }
        let n = order.count
        func cost(_ c: OKLab, _ s: Int) -> Double { Self.rampDistance(c, entries[order[s]].lab) }
        var total = (0..<n).map { cost(labs[0], $0) }
        var from = [[Int]]()
        from.reserveCapacity(labs.count - 1)
        for c in labs.dropFirst() {
            // Best predecessor among the colours no lighter (in the ramp's direction), ties of equal lightness included.
            var bestBefore = [Int](repeating: 0, count: n)
            var best = 0
            var s = 0
            while s < n {
                var g = s
                while g < n, keys[g] == keys[s] {
                    if total[g] < total[best] { best = g }
                    g += 1
                }
                for k in s..<g { bestBefore[k] = best }
                s = g
            }
            from.append(bestBefore)
            total = (0..<n).map { total[bestBefore[$0]] + cost(c, $0) }
        }
        var s = total.indices.min { total[$0] < total[$1] } ?? 0
        var path = [s]
        for step in from.reversed() {
            s = step[s]
            path.append(s)
        }
        return path.reversed().map { entries[order[$0]].index }
    }
}
