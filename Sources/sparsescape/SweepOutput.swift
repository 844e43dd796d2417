import Foundation
import SparseScapeCore
#if canImport(Glibc)
import Glibc
#endif

/// Where `sweep` writes its lines: stdout, or a `--resume` file that is kept and appended to.
///
/// A resumed file keeps its complete lines (they must be of the same sweep and shard) and loses a partial last
/// line left by a killed run; each new record is appended as one write of one whole line. The file is held the way
/// every output is: it must pass `OutputPath.check` (a symbolic link, a FIFO or a device is refused, never followed),
/// it is opened without following a link (`O_NOFOLLOW`, so a link put there after the check is refused too), and
/// it is locked (`flock`) for the whole run, so a second sweep resuming into the same file stops at once instead
/// of appending the same masks.
struct SweepOutput {
    /// The open destination; nil for stdout (written through `Console`, whose failures are errors).
    let handle: FileHandle?
    /// Masks already in the file (empty for stdout).
    let alreadyDone: Set<Int>
    /// True when the file ended in a partial line, which was cut off.
    let droppedPartialLine: Bool

    /// Standard output.
    static var standardOutput: SweepOutput {
        SweepOutput(handle: nil, alreadyDone: [], droppedPartialLine: false)
    }

    /// The masks of `plan` already in the `--resume` file at `path`, read without creating, opening for writing or
    /// locking it (for `sweep --count`); empty when there is no such file.
    static func masksIn(_ path: String, plan: SweepPlan) throws -> Set<Int> {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        try OutputPath.check(path, option: "--resume")
        return try SweepLinesFile(path: path).indices(ofSweep: plan.sweepId, source: "--resume \(SafeText.escaped(path))")
    }

    /// Opens `path` for a resumed sweep of `plan`'s shard `shard`, creating it when absent.
    static func resuming(_ path: String, plan: SweepPlan, shard: SweepShard) throws -> SweepOutput {
        let name = SafeText.escaped(path)
        try OutputPath.check(path, option: "--resume")
        let fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let why = errno == ELOOP ? "it is a symbolic link (give the file it points to)" : String(cString: strerror(errno))
            throw SparseScapeError("--resume: cannot write \(SafeText.quoted(path, limit: 200)): \(why); nothing written")
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else {
            throw SparseScapeError("--resume: cannot write \(SafeText.quoted(path, limit: 200)): it is not a regular file; nothing written")
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            throw SparseScapeError("--resume \(name): another sweep is writing to this file (it is locked); resume each shard into its own file")
        }
        var done = Set<Int>()
        var keep = 0
        var dropped = false
        var newline = false
        let content: Data
        do { content = try handle.readToEnd() ?? Data() } catch {
            throw SparseScapeError("--resume \(name): cannot be read (\(SafeText.escaped(error.localizedDescription)))")
        }
        if !content.isEmpty {
            let file = try SweepLinesFile(data: content, source: "--resume \(name)")
            done = try file.indices(ofSweep: plan.sweepId, source: "--resume \(name)")
            if let stray = done.sorted().first(where: { !shard.contains($0) }) {
                throw SparseScapeError("--resume \(name) holds mask \(stray), which is not in shard \(shard): resume each shard into its own file")
            }
            keep = file.completeLength
            dropped = file.droppedPartialLine
            newline = file.endsWithoutNewline
        }
        do {
            if dropped { try handle.truncate(atOffset: UInt64(keep)) }
            try handle.seekToEnd()
            if newline { try handle.write(contentsOf: Data("\n".utf8)) }
        } catch {
            throw SparseScapeError("--resume \(name): cannot append (\(SafeText.escaped(error.localizedDescription)))")
        }
        return SweepOutput(handle: handle, alreadyDone: done, droppedPartialLine: dropped)
    }

    /// Writes one whole line (with its newline) in one write.
    func write(_ line: String) throws {
        guard let handle else {
            Console.writeOut(line)
            Console.flushOut()
            if let problem = Console.finishStandardOutput() { throw SparseScapeError("cannot write the sweep's output: \(problem)") }
            return
        }
        do { try handle.write(contentsOf: Data(line.utf8)) } catch {
            throw SparseScapeError("cannot write the sweep's output (\(SafeText.escaped(error.localizedDescription)))")
        }
    }
}
