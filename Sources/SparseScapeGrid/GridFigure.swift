import SparseScapeCore
import SparseScapeFigures

/// The figure of a grid's summary: loss (or gap to the dense optimum) against sparsity, one band per method.
public enum GridFigure {
    /// What the vertical axis shows.
    public enum Quantity: String, Sendable, CaseIterable {
        /// The loss where training ended.
        case loss
        /// The loss minus the dense network's global minimum.
        case gap
    }

    /// The figure of `summary` (of `plan`'s grid).
    public static func make(_ summary: GridSummary, plan: GridPlan, quantity: Quantity) -> SparsityFigure {
        let panels = plan.networks.map { network -> SparsityFigure.Panel in
            let series = plan.methods.compactMap { method -> SparsityFigure.Series? in
                let points = summary.cells.filter { $0.network == network.name && $0.method == method }.compactMap { c -> SparsityFigure.Point? in
                    guard let s = quantity == .loss ? c.loss : c.gap else { return nil }
                    return SparsityFigure.Point(sparsity: c.sparsity, mean: s.mean, low: s.min, high: s.max, allCertified: c.certifiedMinima == c.seeds)
                }
                return points.isEmpty ? nil : SparsityFigure.Series(label: method.rawValue, points: points)
            }
            let optimum = summary.denseOptima[network.name]
            let reference = optimum.map { v -> (label: String, value: Double) in
                quantity == .loss ? ("dense optimum L* = \(NumberFormat.g(v, 6))", v) : ("dense optimum (gap 0)", 0)
            }
            return SparsityFigure.Panel(title: network.name, series: series, reference: reference)
        }
        let methods = plan.methods.map(\.rawValue).joined(separator: " vs ")
        let what = quantity == .loss ? "loss after pruning and training" : "gap to the dense optimum after pruning and training"
        let networks = plan.networks.count == 1 ? plan.networks[0].name + ": " : ""
        let incomplete = summary.isComplete ? "" : " · INCOMPLETE: \(summary.done) of \(summary.tasks) tasks"
        let training = "\(plan.prune.optimizer.rawValue) + Newton polish, certified"
        return SparsityFigure(
            title: "\(networks)\(what), \(methods)",
            subtitle: "grid \(plan.name): \(plan.seeds.count) seed\(plan.seeds.count == 1 ? "" : "s") per point (\(plan.start == .seed ? "random start per seed" : "the config's start")), \(training)\(incomplete)",
            yLabel: quantity == .loss ? "loss L (mean over seeds)" : "L − L*dense (mean over seeds)",
            panels: panels, bandNote: "band: min–max over the seeds")
    }
}
