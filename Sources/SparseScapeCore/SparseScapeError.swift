/// An error the user can act on: bad input, an unreadable file, a numerical failure.
///
/// Core names the problem; a front end adds how to fix it in its own terms: `setting` is the user's setting at fault
/// (a CLI flag, an explorer key) and `remedy` what would fix it, both typed so that each front end words them.
public struct SparseScapeError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What went wrong, in one line; when `setting` is set, the problem after the setting's name ("must be at least 1").
    public let problem: String
    /// The setting at fault, when the error is about one.
    public let setting: UserSetting?
    /// What would fix it, when something would.
    public let remedy: Remedy?

    /// Creates an error with a one-line message.
    public init(_ message: String) { self.init(message, setting: nil, remedy: nil) }

    /// An error about `setting`: `problem` follows the setting's name ("must be at least 1, got 0").
    public init(_ setting: UserSetting, _ problem: String) { self.init(problem, setting: setting, remedy: nil) }

    /// An error with what would fix it.
    public init(_ message: String, remedy: Remedy) { self.init(message, setting: nil, remedy: remedy) }

    /// The general form.
    public init(_ message: String, setting: UserSetting?, remedy: Remedy?) {
        self.problem = message
        self.setting = setting
        self.remedy = remedy
    }

    /// The problem in neutral terms, in one line: the setting by its plain name, no remedy (front ends add theirs).
    public var message: String { setting.map { "\($0.rawValue) \(problem)" } ?? problem }

    /// The message.
    public var description: String { message }
}

/// A setting a user gives, which each front end names in its own terms (a CLI flag, an explorer key).
public enum UserSetting: String, Sendable, Equatable, CaseIterable {
    /// The number of random masks drawn instead of enumerating them all.
    case sample
    /// The number of random starts.
    case restarts
    /// The step budget.
    case steps
    /// The gradient tolerance.
    case tolerance
    /// The scale of random starts.
    case initScale = "init-scale"
    /// A shard K/N of a sweep.
    case shard
    /// The number of random trials of a theorem check.
    case trials
    /// The target sparsity of pruning.
    case sparsity
    /// The number of pruning levels.
    case levels
    /// The fraction of weights pruned per level.
    case rate
    /// The step the weights are rewound to.
    case rewind
    /// A level of a pruning run.
    case level
    /// The order of a checkpoint's layers.
    case layers
}

/// What would fix an error, which each front end words in its own terms.
public enum Remedy: Sendable, Equatable {
    /// Draw a sample of random masks instead of enumerating them all.
    case sampleMasks
    /// Make the slice's span smaller.
    case reduceSpan
    /// Give the order of a checkpoint's layers, e.g. these (in name order).
    case nameLayerOrder([String])
    /// Use a file as the named command writes it.
    case useFileWrittenBy(FileProducer)
}

/// A command output a file format comes from, for errors about files of that format.
public enum FileProducer: Sendable, Equatable {
    /// The trajectory a training writes.
    case trainingTrajectory
    /// The path file a minimum-energy path writes.
    case pathExport
}
