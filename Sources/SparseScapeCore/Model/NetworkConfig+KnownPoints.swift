extension NetworkConfig {
    /// The config's reference points as known points under `f`'s mask (the one home of this rule): each point is
    /// carried from the config's masks to `f`'s (dropped when a weight it needs is pruned there) and evaluated under
    /// `f`; points whose loss is not finite are dropped.
    public func knownPoints(under f: LossFunction) -> [KnownPoint] {
        points.compactMap { entry in
            guard let q = ParameterRemap.realize(entry.params, from: architecture, to: f.architecture) else { return nil }
            let loss = f.loss(q)
            return loss.isFinite ? KnownPoint(loss: loss, source: "reference point '\(entry.label)'", params: q) : nil
        }
    }
}
