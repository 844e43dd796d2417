import Foundation

/// What is needed to reproduce a slice, written beside its CSV as `FILE.json`.
public struct SliceMetadata: Codable, Equatable, Sendable {
    /// "plane" or "line".
    public var kind: String
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
    /// The slice's center (canonical order).
    public var center: [Double]
    /// First direction.
    public var direction1: [Double]
    /// Second direction (all zeros for a line).
    public var direction2: [Double]
    /// How the directions were chosen.
    public var directions: String
    /// Whether d₂ was orthogonalised against d₁.
    public var orthogonalized: Bool
    /// Grid half-width (plane) or t range (line).
    public var span: Double
    /// Line range start and end (t), for lines.
    public var range: [Double]?
    /// Points per axis.
    public var grid: Int
    /// Seed of random directions.
    public var seed: UInt64
    /// Smallest and largest loss in the file.
    public var lossRange: [Double]
    /// For lines: monotone along the path, and the barrier height above the higher endpoint.
    public var monotone: Bool?
    /// For lines: barrier height.
    public var barrierHeight: Double?
    /// For a basin map (`slice --basins`): the basins, by the ids of the CSV's `basin` column (absent otherwise).
    public var basins: [Basin]? = nil
    /// For a basin map: how each grid point was descended.
    public var basinSettings: BasinSettings? = nil
    /// For PCA planes (`--dirs pca:TRAJECTORY`): explained variance and the trajectory drawn on the plane.
    public var pca: TrajectoryPlaneSummary? = nil
    /// The CSV this sidecar describes: its name, size and SHA-256 (set when the pair is written).
    public var data: DataFileRecord? = nil

    /// All fields.
    public init(kind: String, tool: String, config: String, networkHash: String, widths: [Int], masks: [[[Int]]],
                center: [Double], direction1: [Double], direction2: [Double], directions: String, orthogonalized: Bool,
                span: Double, range: [Double]?, grid: Int, seed: UInt64, lossRange: [Double], monotone: Bool?, barrierHeight: Double?) {
        self.kind = kind; self.tool = tool; self.config = config; self.networkHash = networkHash; self.widths = widths
        self.masks = masks; self.center = center; self.direction1 = direction1; self.direction2 = direction2
        self.directions = directions; self.orthogonalized = orthogonalized; self.span = span; self.range = range
        self.grid = grid; self.seed = seed; self.lossRange = lossRange; self.monotone = monotone; self.barrierHeight = barrierHeight
    }
}

/// Writes slices as CSV (full precision, round-tripping) with a JSON sidecar, atomically.
public enum SliceExport {
    /// The sidecar path of a CSV path: `x.csv` → `x.json`.
    public static func sidecarPath(for csv: String) -> String {
        csv.lowercased().hasSuffix(".csv") ? String(csv.dropLast(4)) + ".json" : csv + ".json"
    }

    /// CSV text with header `alpha,beta,loss`, α outer, β inner.
    public static func planeCSV(alphas: [Double], betas: [Double], values: [Double]) -> String {
        var s = planeHeader(labels: false)
        s.reserveCapacity(values.count * 60)
        for i in alphas.indices { s += planeLines(i, alphas: alphas, betas: betas, values: values, labels: nil) }
        return s
    }

    /// The header of a plane's CSV: `alpha,beta,loss` (and `,basin` with labels).
    static func planeHeader(labels: Bool) -> String { labels ? "alpha,beta,loss,basin\n" : "alpha,beta,loss\n" }

    /// The CSV lines of the grid's row `i` (α = alphas[i], every β), with the basin labels when given.
    static func planeLines(_ i: Int, alphas: [Double], betas: [Double], values: [Double], labels: [Int]?) -> String {
        var s = ""
        s.reserveCapacity(betas.count * 64)
        let ta = "\(alphas[i])"
        for (j, b) in betas.enumerated() {
            let k = i * betas.count + j
            s += ta; s += ","; s += "\(b)"; s += ","; s += "\(values[k])"
            if let labels { s += ","; s += "\(labels[k])" }
            s += "\n"
        }
        return s
    }

    /// CSV text with header `t,loss`.
    public static func lineCSV(ts: [Double], values: [Double]) -> String {
        var s = "t,loss\n"
        for (t, v) in zip(ts, values) { s += "\(t),\(v)\n" }
        return s
    }

    /// Writes the CSV text and its sidecar as a pair (`AtomicFilePair`: the sidecar records the CSV's size and
    /// SHA-256; the CSV is renamed into place first, the sidecar second).
    public static func write(csv: String, metadata: SliceMetadata, to path: String) throws {
        try write(metadata: metadata, to: path) { try $0.write(csv) }
    }

    /// Writes a plane's grid (with basin labels when given) row by row, without building the whole CSV in memory,
    /// and its sidecar as a pair.
    public static func writePlane(alphas: [Double], betas: [Double], values: [Double], labels: [Int]?,
                                  metadata: SliceMetadata, to path: String) throws {
        precondition(values.count == alphas.count * betas.count && (labels?.count ?? values.count) == values.count,
                     "one value (and label) per grid point")
        try write(metadata: metadata, to: path) { file in
            try file.write(planeHeader(labels: labels != nil))
            for i in alphas.indices { try file.write(planeLines(i, alphas: alphas, betas: betas, values: values, labels: labels)) }
        }
    }

    /// Writes the CSV that `rows` streams and its sidecar (metadata plus the CSV's record) as a pair.
    static func write(metadata: SliceMetadata, to path: String, rows: (TemporaryFile) throws -> Void) throws {
        guard metadata.lossRange.allSatisfy({ $0.isFinite }) else {
            throw SparseScapeError("the slice contains non-finite losses (overflow)", remedy: .reduceSpan)
        }
        try AtomicFilePair.write(data: path, sidecar: sidecarPath(for: path), produce: rows) { record in
            var meta = metadata
            meta.data = record
            return try JSONText.encode(meta)
        }
    }

    /// Reads a slice CSV back as rows of numbers (header checked).
    public static func read(_ path: String) throws -> (header: [String], rows: [[Double]]) {
        guard let text = String(data: try FileReading.read(path), encoding: .utf8) else { throw SparseScapeError("\(SafeText.excerpt(path, limit: 200)): not text") }
        var lines = text.split(separator: "\n")
        guard !lines.isEmpty else { throw SparseScapeError("\(SafeText.excerpt(path, limit: 200)): empty") }
        let header = lines.removeFirst().split(separator: ",").map(String.init)
        let rows = try lines.map { line in
            try line.split(separator: ",").map { s -> Double in
                guard let v = Double(s) else { throw SparseScapeError("\(SafeText.excerpt(path, limit: 200)): \(SafeText.quoted(s)) is not a number") }
                return v
            }
        }
        return (header, rows)
    }
}
