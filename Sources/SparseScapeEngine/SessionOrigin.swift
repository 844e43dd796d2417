import SparseScapeCore

/// Where a session started: the network as loaded, its loss under the config's masks, and the start point (the
/// config's, a point file's or a reference point's); the reset command returns here.
struct SessionOrigin {
    /// The network as loaded.
    let config: NetworkConfig
    /// The loss under the config's masks.
    let lossFunction: LossFunction
    /// The start point.
    let startPoint: [Double]
}
