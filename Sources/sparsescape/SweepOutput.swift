import Foundation
import SparseScapeCore

/// Where `sweep` writes its lines: stdout, or a `--resume` file that is kept and appended to.
///
/// A resumed file keeps its complete lines (they must be of the same sweep and shard) and loses a partial last
/// line left by a killed run; each new record is appended as one write of one whole line.
struct SweepOutput {
    /// The open destination.
    let handle: FileHandle
    /// Masks already in the file (empty for stdout).
    let alreadyDone: Set<Int>
    /// True when the file ended in a partial line, which was cut off.
    let droppedPartialLine: Bool

    /// Standard output.
    static var standardOutput: SweepOutput {
        SweepOutput(handle: FileHandle.standardOutput, alreadyDone: [], droppedPartialLine: false)
    }

    /// Opens `path` for a resumed sweep of `plan`'s shard `shard`, creating it when absent.
    static func resuming(_ path: String, plan: SweepPlan, shard: SweepShard) throws -> SweepOutput {
        let name = SafeText.escaped(path)
        var done = Set<Int>()
        var keep = 0
        var dropped = false
        var newline = false
        if FileManager.default.fileExists(atPath: path) {
            let file = try SweepLinesFile(path: path)
            done = try file.indices(ofSweep: plan.sweepId, source: "--resume \(name)")
            if let stray = done.sorted().first(where: { !shard.contains($0) }) {
                throw SparseScapeError("--resume \(name) holds mask \(stray), which is not in shard \(shard): resume each shard into its own file")
            }
            keep = file.completeLength
            dropped = file.droppedPartialLine
            newline = file.endsWithoutNewline
        } else if !FileManager.default.createFile(atPath: path, contents: nil) {
            throw SparseScapeError("--resume \(name): cannot create the file (does its directory exist?)")
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw SparseScapeError("--resume \(name): cannot open the file for writing")
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
        do { try handle.write(contentsOf: Data(line.utf8)) } catch {
            throw SparseScapeError("cannot write the sweep's output (\(SafeText.escaped(error.localizedDescription)))")
        }
    }
}
