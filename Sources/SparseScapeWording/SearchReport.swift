import SparseScapeCore

/// Renders a multi-start search for people.
public enum SearchReport {
    /// A table of the distinct minima.
    public static func text(_ r: SearchResult, name: String) -> String {
        typealias N = NumberFormat
        var lines = ["\(name): \(Plural.count(r.restarts, "random start")) (seed \(r.seed)), optimizer \(r.optimizer): \(Plural.count(r.minima.count, "distinct end point"))"]
        lines.append(N.pad("#", 4) + N.pad("loss", 24) + N.pad("basin", 16) + N.pad("classification", 16) + N.pad("‖∇L‖", 10) + N.pad("λ beyond sym.", 15) + "verdict")
        for (i, m) in r.minima.enumerated() {
            let c = m.certificate
            let verdict: String
            switch c.classification {
            case .globalMinimum: verdict = "global (proven)"
            case .localMinimum: verdict = c.spurious == true ? "spurious" : (i == 0 ? "lowest found" : "minimum")
            case .saddle: verdict = [c.index.map { "index \($0)" }, c.saddleOrder.map { "order \($0)" }].compactMap { $0 }.joined(separator: ", ")
            default: verdict = "-"
            }
            lines.append(N.pad("\(i + 1)", 4) + N.pad(N.g(m.loss, 16), 24)
                         + N.pad("\(m.count) (\(N.g(100 * m.frequency, 3))%)", 16) + N.pad(c.classification.rawValue, 16)
                         + N.pad(N.g(c.gradientNorm, 2), 10) + N.pad(c.firstBeyondSymmetry.map { N.g($0, 4) } ?? "-", 15) + verdict)
        }
        for v in r.valleys {
            lines.append("valley at infinity: \(Plural.count(v.count, "run")) (\(N.g(100 * Double(v.count) / Double(r.restarts), 3))%) ran off with ‖θ‖ → ∞, the loss still falling: its limit is ≤ \(N.g(v.limit, 10)) (the lowest loss reached)")
        }
        if r.diverged + r.escaping + r.unconverged > 0 {
            lines.append("not results: \(Plural.count(r.diverged, "run")) diverged, \(r.escaping) escaped to infinity, \(r.unconverged) reached no critical point even after the Newton polish (reasons in --json runs)")
        }
        if let g = r.minima.first?.certificate.globalMinimum {
            lines.append("global minimum (closed form): \(N.g(g.value, 15)) — \(g.method)")
        } else if let b = r.minima.first?.certificate.lowerBound {
            lines.append("\(b.method): \(N.g(b.value, 15))")
            if let best = r.minima.first, best.loss <= b.value + 1e-9 * max(1, abs(b.value)) {
                lines.append("the lowest point found attains this bound: it is the global minimum")
            }
        }
        return lines.joined(separator: "\n")
    }
}
