import SparseScapeEngine
import SparseScapeCore

/// The one-line description of the selected weight, e.g. "W1[2,1] = 0.4321 (live) x2→h1".
public enum EdgeDescription {
    /// The kind of a weight as the network panel draws it (the core's edge state).
    public typealias Kind = EdgeState

    /// A live weight below this fraction of its layer's largest |w| counts as (nearly) zero.
    public static let nearZeroRatio = 1e-3

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

    /// The largest finite |w| among layer `layer`'s free weights (0 when it has none or the parameters do not match).
    public static func layerMaxAbs(_ layer: Int, in snapshot: EngineSnapshot) -> Double {
        let arch = snapshot.architecture
        guard layer >= 0, layer < arch.depth, snapshot.params.count == arch.parameterCount else { return 0 }
        let off = arch.parameterOffsets[layer]
        var m = 0.0
        for k in 0..<arch.freePositions[layer].count {
            let a = abs(snapshot.params[off + k])
            if a.isFinite, a > m { m = a }
        }
        return m
    }

    /// True when a live weight `w` is (nearly) zero: below `nearZeroRatio` of its layer's largest |w|, or underflow
    /// debris (|w| < 1e-100), or exactly zero.
    public static func isNearZero(_ w: Double, layerMax: Double) -> Bool {
        let a = abs(w)
        guard a.isFinite else { return false }
        return a < 1e-100 || a < nearZeroRatio * layerMax
    }

    /// True when the weight is live (on an input-to-output path) and (nearly) zero.
    public static func isNearZero(_ e: EdgeSelection, in snapshot: EngineSnapshot) -> Bool {
        kind(of: e, in: snapshot) == .live && isNearZero(value(of: e, in: snapshot), layerMax: layerMaxAbs(e.layer, in: snapshot))
    }

    /// True when the weight is pruned and the snapshot's regrow hints say reviving it opens a way down.
    public static func isRevivable(_ e: EdgeSelection, in snapshot: EngineSnapshot) -> Bool {
        kind(of: e, in: snapshot) == .pruned
            && snapshot.regrowHints.contains { $0.layer == e.layer && $0.row == e.row && $0.col == e.col && $0.opensWayDown }
    }

    /// "W1[2,1] = 0.4321 (live) x2→h1", "(live, ≈0)", "(pruned)" (followed by " · revive: opens a way down" when a
    /// regrow hint says so) or "(live, useless: on no input→output path)"; the value is written for people
    /// (underflow debris is 0).
    public static func text(of e: EdgeSelection, in snapshot: EngineSnapshot) -> String {
        let depth = snapshot.architecture.depth
        let from = NodeLabel.of(layer: e.layer, node: e.row, depth: depth)
        let to = NodeLabel.of(layer: e.layer + 1, node: e.col, depth: depth)
        let v = NumberFormat.human(value(of: e, in: snapshot), 4)
        switch kind(of: e, in: snapshot) {
        case .live:
            return "\(e.label) = \(v) (live\(isNearZero(e, in: snapshot) ? ", ≈0" : "")) \(from)→\(to)"
        case .pruned:
            return "\(e.label) = 0 (pruned) \(from)→\(to)" + (isRevivable(e, in: snapshot) ? " · revive: opens a way down" : "")
        case .useless: return "\(e.label) = \(v) (live, useless: on no input→output path) \(from)→\(to)"
        }
    }
}
