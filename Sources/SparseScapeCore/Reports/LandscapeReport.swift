/// Renders a landscape map for people: minima, saddles, valleys, the disconnectivity merges and the lowest barriers.
public enum LandscapeReport {
    /// The map as text.
    public static func text(_ m: LandscapeMap, name: String) -> String {
        typealias N = NumberFormat
        var lines = ["\(name): landscape from \(m.starts) critical-point starts: \(m.minima.count) minima, \(m.saddles.count) index-1 saddles, \(m.valleys.count) valleys at infinity"]
        lines.append("minima:")
        for x in m.minima {
            lines.append("  M\(x.id)  L = \(N.pad(N.g(x.loss, 12), 20)) \(x.classification.rawValue)\(x.spurious == true ? ", spurious" : "")  (reached by \(x.count) solves)")
        }
        lines.append("index-1 saddles (each descended along ± its negative eigenvector):")
        if m.saddles.isEmpty { lines.append("  none found") }
        for s in m.saddles {
            lines.append("  S\(s.id)  L = \(N.pad(N.g(s.loss, 12), 20)) joins \(s.sides.joined(separator: " and "))  (\(s.source))")
        }
        for v in m.valleys { lines.append("valley at infinity: L → \(N.g(v, 10))") }
        lines.append("disconnectivity graph (basins merge at the saddle levels):")
        var merged = false
        var groups = m.minima.map { Set([$0.id]) }
        for s in m.saddles.sorted(by: { $0.loss < $1.loss }) {
            let ids = s.joins.compactMap { $0 }
            guard ids.count == 2, let a = groups.firstIndex(where: { $0.contains(ids[0]) }), let b = groups.firstIndex(where: { $0.contains(ids[1]) }), a != b else { continue }
            lines.append("  at L = \(N.g(s.loss, 10)) (S\(s.id)): {\(groups[a].sorted().map { "M\($0)" }.joined(separator: ", "))} + {\(groups[b].sorted().map { "M\($0)" }.joined(separator: ", "))}")
            groups[a].formUnion(groups[b]); groups.remove(at: b)
            merged = true
        }
        if !merged { lines.append("  no two basins are joined by a known saddle") }
        lines.append("lowest barriers between minima:")
        for b in m.barriers {
            let pair = "M\(b.minima[0])–M\(b.minima[1])"
            if let level = b.level, let h = b.barrier {
                lines.append("  \(N.pad(pair, 9)) pass at L = \(N.g(level, 10)), \(N.g(h, 8)) above the higher minimum")
            } else {
                lines.append("  \(N.pad(pair, 9)) not joined by the saddles found")
            }
        }
        return lines.joined(separator: "\n")
    }
}
