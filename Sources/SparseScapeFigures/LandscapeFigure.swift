import Foundation
import SparseScapeCore

/// The figure of a landscape map: its disconnectivity graph, with minima as leaves at their loss joined at the
/// levels of the index-1 saddles between their basins.
///
/// Read from the bottom: each minimum's basin grows with the loss until, at a saddle's level, it merges with
/// another (a horizontal bar, labelled with the saddle). A saddle whose descent on one side runs off to a valley at
/// infinity joins that valley as a dashed leaf at the valley's limiting loss. Saddles that join basins already
/// joined lower down are listed under the graph.
public struct LandscapeFigure: Sendable {
    /// The title.
    public var title: String
    /// The map.
    public var map: LandscapeMap

    /// A figure of `map`, titled with the network's `name`.
    public init(map: LandscapeMap, name: String) {
        self.map = map
        title = "\(name): disconnectivity graph"
    }

    /// A leaf of the graph.
    enum Leaf {
        /// A minimum.
        case minimum(LandscapeMinimum)
        /// A valley at infinity (its limiting loss).
        case valley(Double)
    }

    /// A node: a leaf, or a merge of subtrees at a saddle's level.
    indirect enum Node {
        case leaf(Leaf)
        case merge(level: Double, saddle: Int, children: [Node])

        /// The node's own level (a leaf's loss, a merge's saddle level).
        var level: Double {
            switch self {
            case .leaf(.minimum(let m)): return m.loss
            case .leaf(.valley(let v)): return v
            case .merge(let l, _, _): return l
            }
        }

        /// The lowest loss below it.
        var lowest: Double {
            switch self {
            case .leaf: return level
            case .merge(_, _, let c): return c.map(\.lowest).min() ?? level
            }
        }

        /// The id of the minimum at its lowest point (nil when that is a valley).
        var lowestMinimumID: Int? {
            switch self {
            case .leaf(.minimum(let m)): return m.id
            case .leaf(.valley): return nil
            case .merge(_, _, let c): return c.min(by: { $0.lowest < $1.lowest })?.lowestMinimumID
            }
        }


    }

    /// The valley a saddle's escaping side leads to: the map's valley nearest the limit named in `side`.
    func valley(for side: String) -> Int? {
        guard side.hasPrefix("escaping"), !map.valleys.isEmpty else { return nil }
        let digits = side.split(separator: "→").last.map { $0.filter { "0123456789.eE+-".contains($0) } } ?? ""
        guard let limit = Double(digits) else { return map.valleys.count == 1 ? 0 : nil }
        return map.valleys.indices.min { abs(map.valleys[$0] - limit) < abs(map.valleys[$1] - limit) }
    }

    /// The forest: roots (highest first) and the saddles that merged nothing (already joined, or a side unknown).
    func forest() -> (roots: [Node], unused: [LandscapeSaddle]) {
        // Keys: minima by id (1…), valleys by −(index + 1).
        var roots: [(keys: Set<Int>, node: Node)] = map.minima.map { ([$0.id], .leaf(.minimum($0))) }
        var unused: [LandscapeSaddle] = []
        var placedValleys: Set<Int> = []
        for s in map.saddles.sorted(by: { $0.loss < $1.loss }) {
            var keys: [Int] = []
            for (k, j) in s.joins.enumerated() {
                if let j { keys.append(j); continue }
                if k < s.sides.count, let v = valley(for: s.sides[k]) {
                    if !placedValleys.contains(v) { placedValleys.insert(v); roots.append(([-(v + 1)], .leaf(.valley(map.valleys[v])))) }
                    keys.append(-(v + 1))
                }
            }
            guard keys.count == 2, let a = roots.firstIndex(where: { $0.keys.contains(keys[0]) }),
                  let b = roots.firstIndex(where: { $0.keys.contains(keys[1]) }), a != b else { unused.append(s); continue }
            // The lower subtree on the left.
            let pair = roots[a].node.lowest <= roots[b].node.lowest ? [roots[a].node, roots[b].node] : [roots[b].node, roots[a].node]
            let merged = (roots[a].keys.union(roots[b].keys), Node.merge(level: s.loss, saddle: s.id, children: pair))
            roots = roots.enumerated().filter { $0.offset != a && $0.offset != b }.map(\.element) + [merged]
        }
        return (roots.map(\.node).sorted { $0.lowest < $1.lowest }, unused)
    }

    /// The figure as an SVG document.
    public func document() -> SVGDocument {
        let (roots, unused) = forest()
        var leaves: [Leaf] = []
        func collect(_ n: Node) {
            switch n {
            case .leaf(let l): leaves.append(l)
            case .merge(_, _, let c): c.forEach(collect)
            }
        }
        roots.forEach(collect)
        let spacing = 170.0
        let plotWidth = max(480, Double(max(leaves.count, 1)) * spacing)
        // The levels drawn: minima, valleys and the saddles that merge basins (the others are listed below).
        let usedSaddles = map.saddles.filter { s in !unused.contains { $0.id == s.id } }
        let levels = map.minima.map(\.loss) + usedSaddles.map(\.loss) + map.valleys
        var yAxis = FigureAxis.covering(levels) ?? FigureAxis(lower: 0, upper: 1)
        // Room below the lowest leaf for its label, above the highest merge for the stems.
        let range = yAxis.upper - yAxis.lower
        yAxis = FigureAxis(lower: yAxis.lower - 0.16 * range, upper: yAxis.upper + 0.1 * range)
        let frame = PlotFrame(left: 84, top: 66, width: plotWidth, height: 380, x: FigureAxis(lower: 0, upper: Double(max(leaves.count, 1))), y: yAxis)
        let notes = unused.map { s in
            let known = s.joins.allSatisfy { $0 != nil } || s.sides.allSatisfy { $0.hasPrefix("M") || $0.hasPrefix("escaping") }
            return "S\(s.id) (L = \(NumberFormat.g(s.loss, 8))) joins \(s.sides.joined(separator: " and "))"
                + (known ? ": already joined at or below its level" : ": a side reached no known minimum")
        }
        func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
        let subtitle = "\(count(map.minima.count, "minimum", "minima")), \(count(map.saddles.count, "index-1 saddle", "index-1 saddles")), "
            + "\(count(map.valleys.count, "valley", "valleys")) at infinity, from \(map.starts) critical-point starts"
        let widestMerge = usedSaddles.map { FigureStyle.textWidth("S\($0.id)  L = \(NumberFormat.g($0.loss, 8))  (\(NumberFormat.g($0.loss, 4)) above M\(map.minima.count))", size: 11.5) }.max() ?? 0
        let width = max(frame.right + 18 + widestMerge + 16, 84 + FigureStyle.textWidth(subtitle, size: FigureStyle.subtitleSize) + 16,
                        84 + (notes.map { FigureStyle.textWidth($0, size: 11) }.max() ?? 0) + 16)
        var doc = SVGDocument(width: width.rounded(.up), height: (frame.bottom + 56 + Double(notes.count) * 16).rounded(.up), title: title)
        doc.add(.text(title, 84, 24, [("class", "title"), ("font-size", SVGElement.number(FigureStyle.titleSize)), ("font-weight", "bold"), ("fill", FigureStyle.ink)]))
        doc.add(.text(subtitle, 84, 43, [("class", "subtitle"), ("font-size", SVGElement.number(FigureStyle.subtitleSize)), ("fill", FigureStyle.muted)]))
        let yTicks = yAxis.ticks(maxCount: 8)
        doc.add(frame.grid(xTicks: [], yTicks: yTicks))

        var branches = "", valleyBranches = ""
        var marks: [SVGElement] = [], labels: [SVGElement] = []
        var mergeLabels: [(y: Double, barEnd: Double, text: String)] = []
        var nextLeaf = 0
        /// Draws `n`, returns its x; `parent` is the level its stem rises to.
        func draw(_ n: Node, parent: Double) -> Double {
            switch n {
            case .leaf(let leaf):
                let x = frame.left + (Double(nextLeaf) + 0.5) / Double(leaves.count) * frame.width
                nextLeaf += 1
                let y = frame.py(n.level)!, top = frame.py(parent)!
                let segment = "M\(SVGElement.number(x)) \(SVGElement.number(y))V\(SVGElement.number(top))"
                switch leaf {
                case .minimum(let m):
                    branches += segment
                    let color = m.spurious == true ? FigureStyle.bad : m.classification == .globalMinimum ? FigureStyle.good : FigureStyle.dense
                    marks.append(.circle(x, y, 6, [("class", "leaf-minimum"), ("data-id", "\(m.id)"), ("fill", color), ("stroke", "#ffffff"), ("stroke-width", "1.5")]))
                    let kind = m.spurious == true ? "spurious" : m.classification == .globalMinimum ? "global"
                        : m.classification.rawValue.replacingOccurrences(of: "-", with: " ")
                    labels.append(.text("M\(m.id) · \(kind)", x, y + 22, anchor: "middle", [("font-size", "12"), ("font-weight", "bold"), ("fill", color)] + FigureStyle.halo()))
                    // Rounding debris around an exact zero (appendix-a's −5.6e-17) reads as ≈ 0.
                    let loss = abs(m.loss) < 1e-12 * max(1, abs(yAxis.upper)) ? "≈ 0" : "= " + NumberFormat.g(m.loss, 6)
                    labels.append(.text("L \(loss)", x, y + 37, anchor: "middle", [("font-size", "11.5"), ("fill", FigureStyle.ink)] + FigureStyle.halo()))
                case .valley(let v):
                    valleyBranches += segment
                    marks.append(FigureMarker.triangle.element(x, y, size: 11, fill: FigureStyle.muted, stroke: "#ffffff",
                                                               attributes: [("class", "leaf-valley"), ("transform", "rotate(180 \(SVGElement.number(x)) \(SVGElement.number(y)))")]))
                    labels.append(.text("valley at infinity", x, y + 22, anchor: "middle", [("font-size", "12"), ("font-weight", "bold"), ("fill", FigureStyle.muted)] + FigureStyle.halo()))
                    labels.append(.text("L → \(NumberFormat.g(v, 6))", x, y + 37, anchor: "middle", [("font-size", "11.5"), ("fill", FigureStyle.ink)] + FigureStyle.halo()))
                }
                return x
            case .merge(let level, let saddle, let children):
                let xs = children.map { draw($0, parent: level) }
                let x = ((xs.min() ?? 0) + (xs.max() ?? 0)) / 2
                let y = frame.py(level)!, top = frame.py(parent)!
                branches += "M\(SVGElement.number(xs.min()!)) \(SVGElement.number(y))H\(SVGElement.number(xs.max()!))"
                branches += "M\(SVGElement.number(x)) \(SVGElement.number(y))V\(SVGElement.number(top))"
                marks.append(.circle(x, y, 3.2, [("class", "merge"), ("data-saddle", "\(saddle)"), ("fill", FigureStyle.ink)]))
                // The barrier out of the higher basin, when that basin's floor is a minimum (a valley has none).
                var text = "S\(saddle)  L = \(NumberFormat.g(level, 8))"
                if let higher = children.max(by: { $0.lowest < $1.lowest }), let id = higher.lowestMinimumID {
                    text += "  (\(NumberFormat.g(level - higher.lowest, 4)) above M\(id))"
                }
                mergeLabels.append((y, xs.max()!, text))
                return x
            }
        }
        for r in roots { _ = draw(r, parent: yAxis.upper) }
        doc.add(.path(branches, [("class", "branches"), ("fill", "none"), ("stroke", FigureStyle.ink), ("stroke-width", "2"), ("stroke-linecap", "square")]))
        if !valleyBranches.isEmpty {
            doc.add(.path(valleyBranches, [("class", "valley-branches"), ("fill", "none"), ("stroke", FigureStyle.muted), ("stroke-width", "2"), ("stroke-dasharray", "5 3")]))
        }
        let caption = "the loss rises upward: basins merge at the saddles' levels above the minima"
            + (roots.count > 1 ? "; \(roots.count) groups are not joined by the saddles found" : "")
        doc.add(frame.axes(xTicks: [], yTicks: yTicks, xLabel: "", yLabel: "loss"))
        doc.add(.text(caption, frame.left + frame.width / 2, frame.bottom + 22, anchor: "middle", [("class", "caption"), ("font-size", "11.5"), ("fill", FigureStyle.muted)]))
        doc.add(.group([("id", "nodes")], marks))
        // Merge labels in the right margin, at their levels (spread apart when close), with dotted leaders.
        mergeLabels.sort { $0.y < $1.y }
        var rows = mergeLabels.map(\.y)
        for k in rows.indices.dropFirst() where rows[k] < rows[k - 1] + 15 { rows[k] = rows[k - 1] + 15 }
        var leaders = ""
        for (k, m) in mergeLabels.enumerated() {
            leaders += "M\(SVGElement.number(m.barEnd + 4)) \(SVGElement.number(m.y))H\(SVGElement.number(frame.right))L\(SVGElement.number(frame.right + 10)) \(SVGElement.number(rows[k]))"
            labels.append(.text(m.text, frame.right + 14, rows[k] + 4, [("class", "merge-label"), ("font-size", "11.5"), ("fill", FigureStyle.ink)]))
        }
        if !leaders.isEmpty {
            doc.add(.path(leaders, [("class", "leaders"), ("fill", "none"), ("stroke", "#9a9a9a"), ("stroke-width", "0.8"), ("stroke-dasharray", "1.5 2.5")]))
        }
        doc.add(.group([("id", "labels")], labels))
        for (k, note) in notes.enumerated() {
            doc.add(.text(note, 84, frame.bottom + 48 + Double(k) * 16, [("class", "note"), ("font-size", "11"), ("fill", FigureStyle.muted)]))
        }
        return doc
    }
}
