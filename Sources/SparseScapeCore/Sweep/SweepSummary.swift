import Foundation

/// Joins sweep records (from shards, in any order) and summarises them: how often pruning creates spurious minima.
///
/// Records are deduplicated by mask index (identical duplicates are fine, conflicting ones are an error) and
/// must all carry the same sweep id.
public struct SweepSummary: Codable, Sendable, Equatable {
    /// One landscape class (or all masks).
    public struct Row: Codable, Sendable, Equatable {
        /// The verdict (`TheoryAssessment`), or "all".
        public var verdict: String
        /// True when theory says every local minimum is global (nil for "all").
        public var benign: Bool?
        /// Masks in the records (orbit representatives in exact mode).
        public var masks: Int
        /// Masks they stand for (sum of orbit sizes; equal to `masks` for a sample).
        public var representedMasks: Int
        /// Masks with at least one certified spurious local minimum.
        public var withSpurious: Int
        /// The same, counting each orbit's size.
        public var representedWithSpurious: Int
        /// withSpurious / masks.
        public var rate: Double
        /// representedWithSpurious / representedMasks (the fraction of all masks).
        public var representedRate: Double
        /// Mean number of distinct end points per mask.
        public var meanMinima: Double
        /// Mean number of certified local minima per mask.
        public var meanCertifiedMinima: Double
        /// Masks with a point the certificate could not decide (degenerate).
        public var withDegenerate: Int
        /// Total runs that diverged, escaped or did not converge.
        public var failedRuns: Int
    }

    /// The sweep id.
    public var sweepId: String
    /// The config's name.
    public var network: String
    /// Widths.
    public var widths: [Int]
    /// `exact` or `sample`.
    public var enumeration: String
    /// Restarts per mask.
    public var restarts: Int
    /// Masks in the whole sweep.
    public var total: Int
    /// Masks with a record.
    public var received: Int
    /// The first missing indices (at most 20).
    public var missing: [Int]
    /// Number of missing indices.
    public var missingCount: Int
    /// Per class, in a fixed order (benign classes first).
    public var classes: [Row]
    /// All masks.
    public var all: Row
    /// Benign masks with a certified spurious minimum: each would contradict a theorem (a bug, or numerics).
    public var benignViolations: [Int]
    /// The config's own mask, when present: its index, verdict and certified spurious minima.
    public var configMask: SweepRecord?
    /// The sweep's number of shards N, when given to the merge (`--shards`).
    public var shardCount: Int? = nil
    /// With `shardCount`: the shards K (of N) that lack at least one mask.
    public var missingShards: [Int]? = nil
    /// When masks are missing: the command that runs only them (`SweepRerunCommand`).
    public var rerunCommand: String? = nil

    /// Reads records from JSON lines; `source` names the input in errors. Blank lines are skipped.
    public static func records(fromLines text: String, source: String) throws -> [SweepRecord] {
        try locatedRecords(fromLines: Data(text.utf8), source: source).map(\.record)
    }

    /// Reads records from JSON lines (LF or CRLF line ends; the lines split on the byte, not on Swift's characters,
    /// for which "\r\n" is one), each with where it is: "SOURCE line N". Blank lines are skipped.
    public static func locatedRecords(fromLines data: Data, source: String) throws -> [(record: SweepRecord, location: String)] {
        var out: [(SweepRecord, String)] = []
        let bytes = [UInt8](data)
        var start = 0, n = 0
        while start < bytes.count {
            n += 1
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            let line = String(decoding: bytes[start..<end], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            start = end + 1
            if line.isEmpty { continue }
            let location = "\(source) line \(n)"
            out.append((try SweepRecord.parse(line, where: location), location))
        }
        return out
    }

    /// Deduplicates by index and checks that every record comes from the same sweep; sorted by index.
    public static func merge(_ records: [SweepRecord]) throws -> [SweepRecord] {
        guard let first = records.first else { throw SparseScapeError("no sweep records in the input") }
        var byIndex: [Int: SweepRecord] = [:]
        for r in records {
            guard r.sweepId == first.sweepId else {
                throw SparseScapeError("record for mask \(r.index) comes from a different sweep (\(r.sweepId), expected \(first.sweepId): another config, seed, restart count or tool version)")
            }
            guard r.index >= 0, r.index < r.total, r.total == first.total else {
                throw SparseScapeError("record for mask \(r.index) is inconsistent with a sweep of \(first.total) masks")
            }
            if let old = byIndex[r.index] {
                guard old == r else { throw SparseScapeError("two different records for mask \(r.index) of sweep \(r.sweepId)") }
            } else {
                byIndex[r.index] = r
            }
        }
        return byIndex.keys.sorted().map { byIndex[$0]! }
    }

    /// The summary of merged records (from `merge`).
    public init(_ records: [SweepRecord]) throws {
        let merged = try Self.merge(records)
        let first = merged[0]
        sweepId = first.sweepId
        network = first.network
        widths = first.widths
        enumeration = first.enumeration
        restarts = first.restarts
        total = first.total
        received = merged.count
        let present = Set(merged.map(\.index))
        let absent = (0..<total).lazy.filter { !present.contains($0) }
        missing = Array(absent.prefix(20))
        missingCount = total - received
        let order = ["dense", "scalar-output", "disjoint-orthogonal", "constant", "low-rank-coupling", "sub-network"]
        let verdicts = Set(merged.map(\.verdict))
        let sorted = order.filter { verdicts.contains($0) } + verdicts.subtracting(order).sorted()
        classes = sorted.map { v in Self.row(v, merged.filter { $0.verdict == v }) }
        all = Self.row("all", merged)
        benignViolations = merged.filter { $0.benign && $0.certifiedSpurious > 0 }.map(\.index)
        configMask = merged.first { $0.configMask }
    }

    static func row(_ verdict: String, _ rs: [SweepRecord]) -> Row {
        let weight = { (r: SweepRecord) in r.orbitSize ?? 1 }
        let n = rs.count, rep = rs.reduce(0) { $0 + weight($1) }
        let spur = rs.filter { $0.certifiedSpurious > 0 }
        let repSpur = spur.reduce(0) { $0 + weight($1) }
        return Row(verdict: verdict, benign: verdict == "all" ? nil : rs.first?.benign, masks: n, representedMasks: rep,
                   withSpurious: spur.count, representedWithSpurious: repSpur,
                   rate: n > 0 ? Double(spur.count) / Double(n) : 0, representedRate: rep > 0 ? Double(repSpur) / Double(rep) : 0,
                   meanMinima: n > 0 ? Double(rs.reduce(0) { $0 + $1.minima.count }) / Double(n) : 0,
                   meanCertifiedMinima: n > 0 ? Double(rs.reduce(0) { $0 + $1.certifiedMinima }) / Double(n) : 0,
                   withDegenerate: rs.filter { $0.minima.contains { $0.classification == "degenerate" } }.count,
                   failedRuns: rs.reduce(0) { $0 + $1.diverged + $1.escaping + $1.unconverged })
    }

    /// The summary table for people.
    public func text() -> String {
        typealias N = NumberFormat
        let what = enumeration == "exact"
            ? "every mask up to hidden-node permutations: \(total) orbits of \(1 << MaskEnumeration.weightCount(widths)) masks"
            : "\(total) random masks (each weight kept with probability 1/2)"
        // Text from the records (names, ids, classes) passes the safe-text rule (control characters escaped).
        var lines = ["sweep \(SafeText.escaped(sweepId)): \(SafeText.escaped(network)) data, widths \(SafeText.list(widths)), \(what); \(restarts) random starts per mask"]
        lines.append(missingCount == 0 ? "records: \(received) of \(total) (complete)"
                     : "records: \(received) of \(total) — INCOMPLETE, \(missingCount) missing (first: \(missing.map(String.init).joined(separator: ", ")))")
        lines.append("")
        let exact = enumeration == "exact"
        var header = N.pad("class", 22) + N.pad("theory", 10) + N.pad(exact ? "orbits" : "masks", 9)
        if exact { header += N.pad("masks", 9) }
        header += N.pad("≥1 spurious", 13) + N.pad("rate", 9)
        if exact { header += N.pad("of masks", 10) }
        header += N.pad("mean minima", 13) + N.pad("mean certified", 16) + N.pad("degenerate", 12) + "failed runs"
        lines.append(header)
        func pct(_ x: Double) -> String { N.g(100 * x, 3) + "%" }
        for r in classes + [all] {
            var s = N.pad(SafeText.escaped(r.verdict), 22) + N.pad(r.benign.map { $0 ? "benign" : "spurious?" } ?? "", 10) + N.pad("\(r.masks)", 9)
            if exact { s += N.pad("\(r.representedMasks)", 9) }
            s += N.pad(exact ? "\(r.withSpurious) (\(r.representedWithSpurious))" : "\(r.withSpurious)", 13) + N.pad(pct(r.rate), 9)
            if exact { s += N.pad(pct(r.representedRate), 10) }
            s += N.pad(String(format: "%.2f", r.meanMinima), 13) + N.pad(String(format: "%.2f", r.meanCertifiedMinima), 16)
                + N.pad("\(r.withDegenerate)", 12) + "\(r.failedRuns)"
            lines.append(s)
        }
        lines.append("")
        if exact { lines.append("≥1 spurious: masks with at least one certified spurious local minimum (orbits, and in parentheses the masks they stand for)") }
        if benignViolations.isEmpty {
            lines.append("theory check: no benign mask has a certified spurious minimum")
        } else {
            lines.append("THEORY VIOLATION: \(benignViolations.count) benign masks have a certified spurious minimum (indices \(benignViolations.prefix(20).map(String.init).joined(separator: ", ")))")
        }
        if let shards = missingShards, let n = shardCount {
            lines.append("missing shards (of \(n)): \(shards.map(String.init).joined(separator: ","))")
        }
        if let command = rerunCommand {
            lines.append("run only the missing masks (then merge again, with the new file):")
            lines.append("  " + command)
        }
        if let c = configMask {
            lines.append("the config's own mask: index \(c.index), \(SafeText.escaped(c.verdict)), \(c.minima.count) distinct end point\(c.minima.count == 1 ? "" : "s"), \(c.certifiedSpurious) certified spurious")
        }
        return lines.joined(separator: "\n")
    }
}
