import Foundation
import SparseScapeCore

/// Renders a pruning run for people: one table row per level, then the winning-ticket answer.
public enum PruneReportText {
    /// The report as text.
    public static func text(_ r: PruneReport) -> String {
        typealias N = NumberFormat
        let method: String
        switch r.method {
        case .imp:
            let rewind = r.rewind.map { $0 == 0 ? "rewinding to the start" : "rewinding to step \($0)" } ?? ""
            method = "iterative magnitude pruning (\(r.scope.rawValue)), \(N.g(100 * (r.rate ?? 0), 3))% of the remaining weights per level, \(rewind)"
        default:
            method = "\(r.method.rawValue) pruning (\(r.scope.rawValue)) to \(N.g(100 * (r.sparsity ?? 0), 3))% in \(r.levels.count - 1) level\(r.levels.count == 2 ? "" : "s")"
        }
        let search = r.searchRestarts > 0 ? ", compared with a search of \(r.searchRestarts) random starts on its mask" : ""
        var lines = [
            "\(r.network): \(method); widths \(r.widths), \(r.baseFreeWeights) free weights",
            "every level: \(r.optimizer.kind.rawValue) then the Newton polish, certified\(search)",
            "dense optimum \(N.g(r.denseOptimum.value, 12)) (\(r.denseOptimum.method))",
        ]
        lines.append(N.pad("level", 7) + N.pad("sparsity", 10) + N.pad("free", 7) + N.pad("loss", 18) + N.pad("gap to dense", 14)
                     + N.pad("certificate", 44) + "time")
        for l in r.levels {
            lines.append(N.pad("\(l.level)", 7) + N.pad(N.g(100 * l.sparsity, 3) + "%", 10) + N.pad("\(l.freeWeights)", 7)
                         + N.pad(N.g(l.loss, 12), 18) + N.pad(N.human(l.denseGap, 4), 14) + N.pad(verdict(l), 44)
                         + seconds(l.seconds))
        }
        if r.method == .imp, r.levels.count > 1 {
            let pruned = r.levels.dropFirst()
            let start = (r.rewind ?? 0) == 0 ? "the start" : "step \(r.rewind ?? 0)"
            func list(_ ls: [PruningLevel], _ detail: (PruningLevel) -> String = { _ in "" }) -> String {
                ls.isEmpty ? "none" : ls.map { "\($0.level)\(detail($0))" }.joined(separator: ", ")
            }
            let winners = pruned.filter(\.reachesBest)
            let spurious = pruned.filter { $0.verdict == .spurious }
            let other = pruned.filter { !$0.reachesBest && $0.verdict != .spurious }
            var line = "winning tickets (training from the weights rewound to \(start) reaches the mask's proven global or best known minimum): "
                + "levels \(list(winners)); spurious minimum: \(list(spurious, { " (L = \(N.g($0.loss, 8)), best \(N.g($0.bestKnownLoss, 8)))" }))"
            if !other.isEmpty {
                line += "; undecided, no minimum reached: \(list(other, { l in l.searchLowestLoss.map { " (\(l.verdict.rawValue), L = \(N.g(l.loss, 8)); its search's runs reached \(N.g($0, 8)) at best)" } ?? " (\(l.verdict.rawValue))" }))"
            }
            lines.append(line)
        }
        let drifting = r.levels.filter(\.drifting).map { "\($0.level)" }
        if !drifting.isEmpty {
            lines.append("level\(drifting.count == 1 ? "" : "s") \(drifting.joined(separator: ", ")): no critical point reached; ‖θ‖ kept growing while the loss fell, the mark of a valley at infinity too slow for the escape test to prove")
        }
        let failed = r.levels.filter { $0.verdict == .failed || $0.verdict == .escaping }
        for l in failed { lines.append("level \(l.level): \(l.run.outcome.rawValue): \(l.run.reason)") }
        lines.append("total \(seconds(r.seconds))")
        return lines.joined(separator: "\n")
    }

    /// The certificate column: the verdict with the number that justifies it.
    public static func verdict(_ l: PruningLevel) -> String {
        typealias N = NumberFormat
        let c = l.certificate
        switch l.verdict {
        case .global: return "global minimum (proven)"
        case .globalValue: return "global value, ‖∇L‖ = \(N.g(l.gradientNorm, 2)) (flat)"
        case .bestKnown: return l.searchRestarts > 0 ? "minimum, lowest known (\(l.searchRestarts) starts)" : "minimum (nothing lower known)"
        case .spurious: return "SPURIOUS minimum (best known \(N.g(l.bestKnownLoss, 8)))"
        case .saddle:
            if let order = c?.saddleOrder, order > 2 { return "saddle of order \(order)" }
            return "saddle" + (c?.index.map { " (index \($0))" } ?? "")
        case .degenerate: return "degenerate critical point"
        case .notCritical: return "not critical (‖∇L‖ = \(N.g(l.gradientNorm, 2))\(l.drifting ? ", ‖θ‖ growing" : ""))"
        case .escaping: return "valley at ‖θ‖ → ∞, limit ≤ \(N.g(l.run.valleyLimit ?? l.loss, 8))"
        case .failed: return "FAILED: \(l.run.outcome.rawValue)"
        }
    }

    /// The description of the config of one level (`PrunedConfig`), naming how it was pruned and where it ends.
    public static func configDescription(_ r: PruneReport, level l: PruningLevel, configName: String, keepsBestFound: Bool) -> String {
        let pct = NumberFormat.g(100 * l.sparsity, 3)
        let how: String
        switch r.method {
        case .imp: how = "iterative magnitude pruning (\(r.scope.rawValue), rate \(NumberFormat.g(r.rate ?? 0, 3)), rewind \(r.rewind ?? 0)), level \(l.level)"
        default: how = "\(r.method.rawValue) pruning (\(r.scope.rawValue)), level \(l.level)"
        }
        return "\(configName) pruned to \(pct)% sparsity (\(l.freeWeights) of \(r.baseFreeWeights) free weights) by \(how) "
            + "of sparsescape prune; trained from its start it ends at L = \(NumberFormat.g(l.loss, 12)) (\(verdict(l))), "
            + "the dense optimum being \(NumberFormat.g(r.denseOptimum.value, 12)). The start is the level's training start and "
            + "'trained' where that training ended" + (keepsBestFound ? "; 'best-found' is the lowest point its search found." : ".")
    }

    static func seconds(_ s: Double) -> String { s < 10 ? String(format: "%.2f s", s) : String(format: "%.1f s", s) }
}
