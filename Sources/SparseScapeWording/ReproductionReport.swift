import SparseScapeCore

/// Renders the paper reproduction table.
public enum ReproductionReport {
    /// A table with a pass/fail column and a closing count.
    public static func text(_ claims: [ReproducedClaim]) -> String {
        typealias N = NumberFormat
        let w1 = (claims.map { $0.claim.count }.max() ?? 10) + 2
        let w2 = (claims.map { $0.paper.count }.max() ?? 10) + 2
        let w3 = (claims.map { $0.computed.count }.max() ?? 10) + 2
        var lines = [N.pad("claim", w1) + N.pad("paper", w2) + N.pad("computed now", w3) + "result"]
        var section = ""
        for c in claims {
            if c.section != section { section = c.section; lines.append("\n== \(section)") }
            lines.append(N.pad(c.claim, w1) + N.pad(c.paper, w2) + N.pad(c.computed, w3) + (c.passed ? "PASS" : "FAIL"))
        }
        let failed = claims.filter { !$0.passed }.count
        lines.append("")
        lines.append("reproduce: \(claims.count - failed) passed, \(failed) failed")
        return lines.joined(separator: "\n")
    }
}
