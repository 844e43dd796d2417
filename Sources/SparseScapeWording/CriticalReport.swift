import SparseScapeCore

/// Renders a critical-point search for people.
public enum CriticalReport {
    /// A table of the distinct critical points by loss.
    public static func text(_ r: CriticalSearchResult, name: String) -> String {
        typealias N = NumberFormat
        var lines = ["\(name): \(Plural.count(r.starts, "random start")) (seed \(r.seed)), Newton on ∇L = 0: \(Plural.count(r.points.count, "distinct critical point"))"]
        lines.append(N.pad("#", 4) + N.pad("loss", 22) + N.pad("index", 7) + N.pad("classification", 16) + N.pad("‖∇L‖", 10)
                     + N.pad("solves", 14) + "verdict")
        for (i, p) in r.points.enumerated() {
            let c = p.certificate
            let verdict: String
            switch c.classification {
            case .globalMinimum: verdict = "global minimum (proven)"
            case .localMinimum: verdict = c.spurious == true ? "spurious minimum" : "minimum, lowest known"
            case .saddle: verdict = "saddle of order \(c.saddleOrder ?? 2)"
            case .degenerate: verdict = "inconclusive"
            case .notCritical: verdict = "-"
            }
            lines.append(N.pad("\(i + 1)", 4) + N.pad(N.g(p.loss, 15), 22) + N.pad("\(p.index)", 7) + N.pad(c.classification.rawValue, 16)
                         + N.pad(N.g(p.gradientNorm, 2), 10) + N.pad("\(p.count)", 14) + verdict)
        }
        if r.stalled + r.escaping > 0 {
            lines.append("not results: \(Plural.count(r.stalled, "start")) stalled where ‖∇L‖ has a non-zero minimum, \(r.escaping) ran off to infinity")
        }
        if let g = r.points.first?.certificate.globalMinimum {
            lines.append("global minimum (closed form): \(N.g(g.value, 15)) — \(g.method)")
        } else if let b = r.points.first?.certificate.lowerBound {
            lines.append("\(b.method): \(N.g(b.value, 15))")
        }
        return lines.joined(separator: "\n")
    }
}
