import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The registry of one command's output files: declared before any work, published together at the end.
///
/// A command declares every file it may write (`declare`, `declarePair` for a data file and its sidecar) before it
/// reads its input or computes anything. Each path must pass `OutputPath.check`, and no two declared outputs may
/// resolve to the same file — the same directory (after resolving symbolic links and `..`) and name, or two names
/// of one existing file (a hard link) — so `--out a.csv --plot a.json` (the sidecar of `a.csv` is `a.json`) is
/// refused up front instead of one output silently replacing the other.
///
/// The writes of the command then run inside `publish { … }`: `AtomicFile` and `AtomicFilePair` called in the
/// block write and flush their temporaries as usual but leave the renames to the end of the block, where every
/// output is published at once by `Publication` (directory locks, one commit section, a final check). So a command
/// that fails half-way — a full disk on its third output, a missing saddle for `--saddle-out` — publishes nothing
/// and leaves every previous file as it was.
public final class CommandOutputs: @unchecked Sendable {
    /// The outputs declared so far (touched by the command's thread only).
    private var declared: [(path: String, option: String, identity: FileIdentity)] = []
    /// Temporaries staged by writes inside `publish`, in publication order.
    private var staged: [TemporaryFile] = []
    private let lock = NSLock()

    /// The registry whose `publish` block is running on this task, if any.
    @TaskLocal static var current: CommandOutputs?

    /// An empty registry.
    public init() {}

    /// Declares an output written by `option` (e.g. "--plot"); throws when it may not be written or when it is
    /// the same file as an output declared before.
    public func declare(_ path: String, option: String) throws {
        try OutputPath.check(path, option: option)
        let identity = FileIdentity(path)
        if let other = declared.first(where: { $0.identity.isSame(as: identity) }) {
            let same = other.path == path ? SafeText.quoted(path, limit: 200)
                : "\(SafeText.quoted(other.path, limit: 200)) and \(SafeText.quoted(path, limit: 200))"
            throw SparseScapeError("\(other.option) and \(option) name the same file \(same): one output would replace the other; "
                                   + "give them different names; nothing written")
        }
        declared.append((path, option, identity))
    }

    /// Declares a data file and its sidecar (`sidecar`, e.g. `SliceExport.sidecarPath(for:)`), written by `option`.
    /// A data file named `.json` is refused: a reader would take it for a sidecar, and its own sidecar would be
    /// `NAME.json.json`.
    public func declarePair(data: String, sidecar: String, option: String) throws {
        if data.lowercased().hasSuffix(".json") {
            throw SparseScapeError("\(option): cannot write \(SafeText.quoted(data, limit: 200)): a data file named .json would be taken for a sidecar "
                                   + "(its own sidecar would be \(SafeText.quoted(sidecar, limit: 200))); name it .csv; nothing written")
        }
        try declare(data, option: option)
        try declare(sidecar, option: "\(option)'s sidecar")
    }

    /// The declared paths, in order (for tests and reports).
    public var paths: [String] { declared.map(\.path) }

    /// Runs `body`, whose `AtomicFile`/`AtomicFilePair` writes are staged, then publishes every staged file at once.
    /// When `body` (or a write in it) throws, every staged temporary is removed and nothing is published.
    public func publish<T>(_ body: () throws -> T) throws -> T {
        let result: T
        do {
            result = try Self.$current.withValue(self) { try body() }
        } catch {
            discardStaged()
            throw error
        }
        let files = lock.withLock { () -> [TemporaryFile] in defer { staged = [] }; return staged }
        try Publication.publish(files)
        return result
    }

    /// Adds finished temporaries to publish at the end of the block; a target staged twice is refused.
    func stage(_ files: [TemporaryFile]) throws {
        try lock.withLock {
            for f in files {
                let identity = FileIdentity(f.target)
                if let other = staged.first(where: { FileIdentity($0.target).isSame(as: identity) }) {
                    throw SparseScapeError("two outputs of this command name the same file \(SafeText.quoted(other.target, limit: 200)); nothing written")
                }
            }
            staged += files
        }
    }

    private func discardStaged() {
        let files = lock.withLock { () -> [TemporaryFile] in defer { staged = [] }; return staged }
        for f in files { f.discard() }
    }
}

/// Where a path leads: its directory with symbolic links and `..` resolved, its name, and the existing file's
/// device and inode (two names of one file are the same output).
struct FileIdentity {
    let directory: String
    let name: String
    let file: [UInt64]?

    init(_ path: String) {
        let dir = OutputPath.directory(of: path)
        if let resolved = realpath(dir, nil) {
            directory = String(cString: resolved)
            free(resolved)
        } else {
            directory = dir
        }
        name = OutputPath.lastComponent(of: path)
        var st = stat()
        file = stat(path, &st) == 0 ? [UInt64(st.st_dev), UInt64(st.st_ino)] : nil
    }

    func isSame(as other: FileIdentity) -> Bool {
        (directory == other.directory && name == other.name) || (file != nil && file == other.file)
    }
}

/// Where `AtomicFile` and `AtomicFilePair` hand their finished temporaries: to the running `publish` block, or
/// straight to `Publication`.
enum OutputStaging {
    /// Publishes `files` now, or stages them in the current `CommandOutputs.publish` block.
    static func publishOrStage(_ files: [TemporaryFile]) throws {
        do {
            if let outputs = CommandOutputs.current { try outputs.stage(files) } else { try Publication.publish(files) }
        } catch {
            for f in files { f.discard() }
            throw error
        }
    }
}
