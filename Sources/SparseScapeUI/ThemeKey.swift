/// The colour keys SparseScape's widgets use; every shipped theme defines all of them.
public enum ThemeKey: String, CaseIterable, Sendable {
    /// Screen background.
    case mainBg = "main_bg"
    /// Normal text.
    case mainFg = "main_fg"
    /// Panel titles.
    case title
    /// Highlighted text (the selected edge, key names).
    case hiFg = "hi_fg"
    /// Inactive or secondary text (axis labels, hints).
    case inactiveFg = "inactive_fg"
    /// Panel borders.
    case divLine = "div_line"
    /// Background of the selected item.
    case selectedBg = "selected_bg"
    /// Text of the selected item.
    case selectedFg = "selected_fg"
    /// Live edges with a positive weight.
    case edgePos = "edge_pos"
    /// Live edges with a negative weight.
    case edgeNeg = "edge_neg"
    /// Pruned (masked) edges.
    case edgePruned = "edge_pruned"
    /// Live edges that lie on no input-to-output path.
    case edgeUseless = "edge_useless"
    /// Network nodes.
    case node
    /// The loss curve.
    case lossLine = "loss_line"
    /// The gradient-norm curve.
    case gradLine = "grad_line"
    /// Mask-change marks on the loss chart.
    case maskMark = "mask_mark"
    /// Heatmap gradient: lowest values.
    case sliceStart = "slice_start"
    /// Heatmap gradient: middle.
    case sliceMid = "slice_mid"
    /// Heatmap gradient: highest values.
    case sliceEnd = "slice_end"
    /// The recent optimizer path on the slice.
    case path
    /// The current point on the slice.
    case current
    /// The best-known point on the slice.
    case best
    /// Good news in the status line (descending, global minimum).
    case statusOk = "status_ok"
    /// Warnings in the status line (spurious minimum, stalled, saddle).
    case statusWarn = "status_warn"
    /// Bad news in the status line (diverged, escaping).
    case statusBad = "status_bad"
}
