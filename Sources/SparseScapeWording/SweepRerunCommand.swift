import Foundation
import SparseScapeCore

/// The command that runs only the masks missing from an incomplete merge: `sparsescape sweep NETWORK OPTIONS
/// --only-missing FILES… --resume OUTPUT`.
///
/// The options come from the records (restarts, seed, steps, tolerance, init scale, sample size). The network is
/// named exactly when a preset or a `NAME.json` file in the current directory has the records' sweep id; else the
/// command says `CONFIG` (the sweep's config file). `--only-missing` refuses files of another sweep, so a wrong
/// network or option is caught rather than mixed in.
public struct SweepRerunCommand: Sendable, Equatable {
    /// The network argument (a preset name or a file), or nil when none found here has the sweep's id.
    public let network: String?
    /// The whole command, shell-quoted and safe to print on one line.
    public let text: String

    /// The command for the sweep of `record`, reading `files` (the merge's inputs) and appending to `output`.
    public init(record r: SweepRecord, files: [String], output: String) {
        let settings = Self.settings(of: r)
        network = settings.flatMap { Self.networkArgument(for: r, settings: $0) }
        var words = ["sparsescape", "sweep", network ?? "CONFIG"]
        if r.enumeration == "sample" { words += ["--sample", "\(r.total)"] }
        words += ["--restarts", "\(r.restarts)"]
        if let seed = r.sweepSeed { words += ["--seed", "\(seed)"] }
        if let steps = r.steps { words += ["--steps", "\(steps)"] }
        if let tol = r.tolerance, tol != 1e-10 { words += ["--tol", "\(tol)"] }
        if let scale = r.initScale, scale != 1 { words += ["--init-scale", "\(scale)"] }
        words.append("--only-missing")
        words += files
        words += ["--resume", output]
        text = SafeText.escaped(words.map(Self.shellQuoted).joined(separator: " "))
    }

    /// The sweep's settings as recorded, or nil for lines of a version that did not record them.
    static func settings(of r: SweepRecord) -> SweepSettings? {
        guard let seed = r.sweepSeed, let tol = r.tolerance, let scale = r.initScale else { return nil }
        return try? SweepSettings(restarts: r.restarts, seed: seed, sample: r.enumeration == "sample" ? r.total : nil,
                                  steps: r.steps, tolerance: tol, initScale: scale)
    }

    /// A preset or `NAME.json` whose sweep with `settings` has the record's sweep id.
    static func networkArgument(for r: SweepRecord, settings: SweepSettings) -> String? {
        var candidates = [r.network + ".json"]
        if PresetLibrary.names().contains(r.network) { candidates.insert(r.network, at: 0) }
        for c in candidates {
            guard let config = try? PresetLibrary.resolve(c), let plan = try? SweepPlan(config: config, settings: settings) else { continue }
            if plan.sweepId == r.sweepId { return c }
        }
        return nil
    }

    /// `word` as one shell word: unchanged when it holds only safe characters, else in single quotes.
    static func shellQuoted(_ word: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./=:,+-@%")
        if !word.isEmpty && word.allSatisfy({ safe.contains($0) }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
