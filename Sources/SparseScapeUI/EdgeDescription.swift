import SparseScapeEngine
import SparseScapeCore

/// The one-line description of the selected weight, e.g. "W1[2,1] = 0.4321 (live)".
public enum EdgeDescription {
    /// The kind of a weight as the network panel draws it (the core's edge state).
    public typealias Kind = EdgeState

    /// The kind of weight (layer, row, col) in the snapshot.
    public static func kind(of e: EdgeSelection, in snapshot: EngineSnapshot) -> Kind {
        snapshot.edgeStates.state(layer: e.layer, row: e.row, col: e.col) ?? .pruned
    }

    /// The weight's current value (0 when pruned or when the parameters do not match the architecture).
    public static func value(of e: EdgeSelection, in snapshot: EngineSnapshot) -> Double {
        guard e.isValid(for: snapshot.architecture),
              let i = snapshot.architecture.parameterIndex(layer: e.layer, row: e.row, col: e.col),
              i < snapshot.params.count else { return 0 }
        return snapshot.params[i]
    }

    /// "W1[2,1] = 0.4321 (live)", "(pruned)" or "(live, useless: on no input→output path)", with node names.
    public static func text(of e: EdgeSelection, in snapshot: EngineSnapshot) -> String {
        let depth = snapshot.architecture.depth
        let from = NodeLabel.of(layer: e.layer, node: e.row, depth: depth)
        let to = NodeLabel.of(layer: e.layer + 1, node: e.col, depth: depth)
        let v = NumberFormat.human(value(of: e, in: snapshot), 4)
        switch kind(of: e, in: snapshot) {
        case .live: return "\(e.label) = \(v) (live) \(from)→\(to)"
        case .pruned: return "\(e.label) = 0 (pruned) \(from)→\(to)"
        case .useless: return "\(e.label) = \(v) (live, useless: on no input→output path) \(from)→\(to)"
        }
    }
}
