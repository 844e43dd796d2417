import SparseScapeCore

/// Renders a landscape map for people: minima, saddles, valleys, the disconnectivity merges and the lowest barriers.
public enum LandscapeReport {
    /// The map as text.
    public static func text(_ m: LandscapeMap, name: String) -> String {
        typealias N = NumberFormat
        var lines = ["\(name): landscape from \(Plural.count(m.starts, "critical-point start")): \(Plural.count(m.minima.count, "minimum", "minima")), "
                     + "\(Plural.count(m.saddles.count, "index-1 saddle")), \(Plural.count(m.valleys.count, "valley", "valleys")) at infinity"]
        lines.append("minima:")
        for x in m.minima {
            lines.append("  M\(x.id)  L = \(N.pad(N.g(x.loss, 12), 20)) \(x.classification.rawValue)\(x.spurious == true ? ", spurious" : "")  (reached by \(Plural.count(x.count, "solve")))")
        }
        lines.append("index-1 saddles (each descended along ± its negative eigenvector):")
        if m.saddles.isEmpty { lines.append("  none found") }
        for s in m.saddles {
            lines.append("  S\(s.id)  L = \(N.pad(N.g(s.loss, 12), 20)) joins \(s.sides.joined(separator: " and "))  (\(s.source))")
        }
        for v in m.valleys { lines.append("valley at infinity: limit ≤ \(N.g(v, 10)) (the lowest loss reached)") }
        // The tree puts the highest merge on the first line and the minima at the leaves: the loss falls down the lines, as
        // it falls down the SVG figure's axis.
        lines.append("disconnectivity graph (highest merge first: each ┬ is a saddle's level joining the basins under it, down to the minima):")
        lines.append(contentsOf: tree(m).map { "  " + $0 })
        // Barriers exist between two minima or more: a map with one minimum has no such section.
        if !m.barriers.isEmpty { lines.append("lowest barriers between minima:") }
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

    /// A node of the disconnectivity tree: a minimum, or two subtrees merging at a saddle.
    indirect enum TreeNode {
        case minimum(LandscapeMinimum)
        case merge(level: Double, saddle: Int, children: [TreeNode])
    }

    /// The disconnectivity tree drawn with box characters: merges (saddle level) above the basins they join.
    public static func tree(_ m: LandscapeMap) -> [String] {
        var roots: [(ids: Set<Int>, node: TreeNode)] = m.minima.map { ([$0.id], .minimum($0)) }
        for s in m.saddles.sorted(by: { $0.loss < $1.loss }) {
            let ids = s.joins.compactMap { $0 }
            guard ids.count == 2, let a = roots.firstIndex(where: { $0.ids.contains(ids[0]) }),
                  let b = roots.firstIndex(where: { $0.ids.contains(ids[1]) }), a != b else { continue }
            let merged = (roots[a].ids.union(roots[b].ids), TreeNode.merge(level: s.loss, saddle: s.id, children: [roots[a].node, roots[b].node]))
            roots = roots.enumerated().filter { $0.offset != a && $0.offset != b }.map(\.element) + [merged]
        }
        var out: [String] = []
        func draw(_ node: TreeNode, prefix: String, connector: String, childPrefix: String) {
            switch node {
            case .minimum(let x):
                out.append(prefix + connector + "M\(x.id)  L = \(NumberFormat.g(x.loss, 10))" + (x.spurious == true ? "  (spurious)" : ""))
            case .merge(let level, let saddle, let children):
                out.append(prefix + connector + "┬ L = \(NumberFormat.g(level, 10))  (S\(saddle))")
                for (k, c) in children.enumerated() {
                    let last = k == children.count - 1
                    draw(c, prefix: prefix + childPrefix, connector: last ? "└─" : "├─", childPrefix: last ? "  " : "│ ")
                }
            }
        }
        for r in roots.sorted(by: { lhs, rhs in
            func top(_ n: TreeNode) -> Double { if case .merge(let l, _, _) = n { return l }; if case .minimum(let x) = n { return x.loss }; return 0 }
            return top(lhs.node) > top(rhs.node)
        }) { draw(r.node, prefix: "", connector: "", childPrefix: "") }
        if roots.count > 1 { out.append("(\(roots.count) groups not joined by the saddles found)") }
        return out
    }
}
