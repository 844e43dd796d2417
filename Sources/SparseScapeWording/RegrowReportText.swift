import SparseScapeCore

/// Renders a regrow certificate for people.
public enum RegrowReportText {
    /// A table of the pruned connections, most promising first, and the dense network's verdict.
    public static func text(_ r: RegrowReport, name: String) -> String {
        typealias N = NumberFormat
        var lines = ["\(name): the point (L = \(N.g(r.loss, 12)), \(r.classification.rawValue)) with one pruned connection revived at a time"]
        lines.append(N.pad("edge", 22) + N.pad("∂L/∂w", 12) + N.pad("best loss (w alone)", 22) + N.pad("λmin revived", 14) + "verdict")
        for e in r.edges {
            let verdict: String
            switch e.classification {
            case .some(.notCritical): verdict = "opens a way down (∂L/∂w ≠ 0)"
            case .some(.saddle): verdict = "opens a way down: saddle" + (e.index.map { " of index \($0)" } ?? "")
            case .some(let c): verdict = "no way down (\(c.rawValue))"
            case .none: verdict = e.opensWayDown ? "opens a way down (∂L/∂w ≠ 0)" : "first order: no way down"
            }
            lines.append(N.pad(e.label, 22) + N.pad(N.g(e.gradient, 4), 12) + N.pad(N.g(e.bestLoss, 12), 22)
                         + N.pad(e.lambdaMin.map { N.g($0, 4) } ?? "-", 14) + verdict)
        }
        if r.edges.isEmpty { lines.append("(no pruned connection: the network is dense)") }
        if let note = r.note { lines.append(note) }
        let d = r.dense
        lines.append("dense network (every edge live): \(d.classification.rawValue)" + (d.index.map { ", index \($0)" } ?? "")
                     + ", ‖∇L‖ = \(N.g(d.gradientNorm, 3))" + (d.lambdaMin.map { ", λmin = \(N.g($0, 4))" } ?? ""))
        let ways = r.edges.filter(\.opensWayDown).count
        lines.append(ways == 0 ? "no single revived connection opens a way down from this point"
                     : "\(ways) of \(r.edges.count) single revived connections open a way down; the best: \(r.edges.first { $0.opensWayDown }!.label)")
        return lines.joined(separator: "\n")
    }
}
