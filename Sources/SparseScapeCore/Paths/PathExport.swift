import Foundation

/// What is needed to reproduce a path, written beside its CSV as `FILE.json`.
public struct PathMetadata: Codable, Sendable {
    /// "path".
    public var kind = "path"
    /// The tool and its version.
    public var tool: String
    /// The config's name.
    public var config: String
    /// Hash of network and data.
    public var networkHash: String
    /// Widths.
    public var widths: [Int]
    /// Masks as nested 0/1 rows.
    public var masks: [[[Int]]]
    /// The start and end as given (labels or files) and as used (canonical parameters).
    public var from: String
    /// The end as given.
    public var to: String
    /// The start's parameters as given.
    public var fromParams: [Double]
    /// The end's parameters as given.
    public var toParams: [Double]
    /// Images, iteration budget, representatives tried, symmetry alignment, dense comparison.
    public var images: Int
    /// FIRE iteration budget.
    public var iterations: Int
    /// Representatives of the target given a band.
    public var candidates: Int
    /// Whether the target's symmetries were tried.
    public var alignSymmetries: Bool
    /// The representative of the target used.
    public var target: String
    /// The saddle at the top (loss, index, params), the barriers, the line's barrier, monotonicity.
    public var saddle: PathSaddle?
    /// Barrier above the start.
    public var barrier: Double
    /// Barrier above the end.
    public var barrierFromEnd: Double
    /// The straight line's barrier.
    public var lineBarrier: Double
    /// Whether the path is monotone.
    public var monotone: Bool
    /// The sparsescape command that recomputes the path.
    public var command: String
    /// The CSV this sidecar describes: its name, size and SHA-256 (set when the pair is written).
    public var data: DataFileRecord? = nil

    /// The sidecar of `result`, computed for `config` from `from` to `to` with `settings`.
    public init(config: NetworkConfig, from: String, to: String, fromParams: [Double], toParams: [Double],
                settings: PathSettings, result: PathResult, command: String) {
        let arch = config.architecture
        tool = "sparsescape \(ToolVersion.string)"
        self.config = config.name
        networkHash = NetworkFingerprint.of(arch, config.dataset)
        widths = arch.widths
        masks = (0..<arch.depth).map { arch.maskRows($0) }
        self.from = from; self.to = to; self.fromParams = fromParams; self.toParams = toParams
        images = settings.band.images; iterations = settings.band.maxIterations
        candidates = settings.candidates; alignSymmetries = settings.alignSymmetries
        target = result.target
        let p = result.path
        saddle = p.saddle; barrier = p.barrier; barrierFromEnd = p.barrierFromEnd; lineBarrier = p.lineBarrier; monotone = p.monotone
        self.command = command
    }
}

/// Writes a path as CSV (image, arc length, loss, then the parameters, at full precision) with its JSON sidecar,
/// as a pair (`AtomicFilePair`: the sidecar records the CSV's size and SHA-256).
public enum PathExport {
    /// CSV text: `image,arc_length,loss,theta1,…,thetaP`.
    public static func csv(_ p: PathProfile) -> String {
        let count = p.images.first?.count ?? 0
        var s = "image,arc_length,loss" + (1...max(1, count)).prefix(count).map { ",theta\($0)" }.joined() + "\n"
        for (k, image) in p.images.enumerated() {
            s += "\(k),\(p.arcLength[k]),\(p.losses[k])"
            for v in image { s += ",\(v)" }
            s += "\n"
        }
        return s
    }

    /// Writes `FILE.csv` and `FILE.json`.
    public static func write(_ p: PathProfile, metadata: PathMetadata, to path: String) throws {
        guard p.losses.allSatisfy({ $0.isFinite }) else { throw SparseScapeError("the path contains non-finite losses; nothing written") }
        let text = csv(p)
        try AtomicFilePair.write(data: path, sidecar: SliceExport.sidecarPath(for: path), produce: { try $0.write(text) }) { record in
            var meta = metadata
            meta.data = record
            return try JSONText.encode(meta)
        }
    }
}
