import Foundation

/// One mask's result in a sweep: written as one JSON line, read back by `sweep-merge`.
///
/// Records carry no shard and no timing, so a mask's line is byte for byte the same however the sweep is split.
public struct SweepRecord: Codable, Sendable, Equatable {
    /// One distinct end point of the mask's multi-start search, with its certificate's verdict.
    public struct Minimum: Codable, Sendable, Equatable {
        /// Its loss.
        public var loss: Double
        /// How many starts reached it.
        public var count: Int
        /// count / restarts (its basin frequency).
        public var frequency: Double
        /// `local-minimum`, `saddle`, `degenerate`, `not-critical`, or `constant` (no input reaches an output).
        public var classification: String
        /// For a certified local minimum: true when a lower point is known (a spurious minimum); else nil.
        public var spurious: Bool?
        /// ‖∇L‖ at the representative point.
        public var gradientNorm: Double
        /// The first Hessian eigenvalue beyond the symmetry zeros.
        public var lambdaBeyondSymmetry: Double?
    }

    /// Identifies the sweep (hash of the config's data, widths and the sweep's settings).
    public var sweepId: String
    /// The config's name.
    public var network: String
    /// Widths of the architecture.
    public var widths: [Int]
    /// `exact` (every mask up to hidden-node permutations) or `sample`.
    public var enumeration: String
    /// Number of masks in the whole sweep.
    public var total: Int
    /// This mask's index in the sweep's order (0-based).
    public var index: Int
    /// The mask: per layer, rows = inputs, columns = outputs, 0 or 1.
    public var mask: [[[Int]]]
    /// Exact enumeration: the canonical encoding (hex; first weight = most significant bit).
    public var code: String?
    /// Exact enumeration: how many masks this one stands for (its orbit under hidden-node permutations).
    public var orbitSize: Int?
    /// True when this is the config's own mask (up to node permutations in exact mode).
    public var configMask: Bool
    /// Unmasked weights.
    public var freeWeights: Int
    /// Weights of the effective network (useless nodes and edges removed, Appendix C), searched and certified.
    public var effectiveWeights: Int
    /// The theory's landscape class (`TheoryAssessment`).
    public var verdict: String
    /// True when theory guarantees that every local minimum is global.
    public var benign: Bool
    /// The optimizer of the search (`bcd` where it applies, else `armijo`).
    public var optimizer: String
    /// Random starts.
    public var restarts: Int
    /// This mask's search seed (derived from the sweep's seed and the index).
    public var searchSeed: UInt64
    /// The sweep's seed (`--seed`); with the next three, lets `sweep-merge` print the command that re-runs
    /// missing masks. Optional: lines of older versions lack them.
    public var sweepSeed: UInt64? = nil
    /// The step budget per start (`--steps`); nil for the default.
    public var steps: Int? = nil
    /// The gradient-norm tolerance (`--tol`).
    public var tolerance: Double? = nil
    /// The standard deviation of the random starts (`--init-scale`).
    public var initScale: Double? = nil
    /// Distinct end points, lowest loss first.
    public var minima: [Minimum]
    /// How many of them are certified local minima.
    public var certifiedMinima: Int
    /// How many of them are certified spurious local minima.
    public var certifiedSpurious: Int
    /// Runs that diverged.
    public var diverged: Int
    /// Runs that escaped to infinity.
    public var escaping: Int
    /// Runs that did not reach a critical point within the budget.
    public var unconverged: Int
    /// The global minimum value when a theorem gives it in closed form.
    public var globalMinimum: Double?
    /// True when the lowest point found is provably global (closed form, or attains the dense lower bound).
    public var lowestIsGlobal: Bool

    /// The record as one line of JSON (sorted keys, no spaces), without the newline: `JSONText.compact`, with the
    /// scalars a terminal acts on escaped like every JSON string the tool writes.
    public func jsonLine() throws -> String {
        String(decoding: try JSONText.compact(self), as: UTF8.self)
    }

    /// Parses one JSON line; `where` names it in errors ("FILE line N").
    public static func parse(_ line: String, where location: String) throws -> SweepRecord {
        let value = try JSONParser.parse(Data(line.utf8), name: location)
        do {
            return try JSONValueDecoder.decode(SweepRecord.self, from: value)
        } catch let e as DecodingError {
            throw SparseScapeError("\(location): not a sweep record (\(JSONErrors.describe(e)))")
        }
    }
}
