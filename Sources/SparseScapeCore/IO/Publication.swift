import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Publishing finished temporary files onto their targets, all of them or none, safely against other processes.
///
/// The rule for every file a process publishes (one file, a data file and its sidecar, or every output of a
/// command, see `CommandOutputs`):
/// 1. each target's directory is locked (`flock(LOCK_EX)` on the directory itself, directories taken in a fixed
///    order so two processes cannot deadlock), so that two processes publishing into the same directory publish
///    one after the other: a CSV of one can no longer land beside the sidecar of the other;
/// 2. with the cleanup signals held back, every target is checked again (`OutputPath.check`) and the files are
///    renamed into place in the order given (a data file before its sidecar);
/// 3. the directories are flushed, then each target is checked to be the very file this process wrote (same device
///    and inode): a writer that does not take the lock and replaced one of them meanwhile is reported as an error
///    rather than passed over in silence;
/// 4. the locks are released.
///
/// A file system without `flock` on directories (some network file systems) is published without the lock; the
/// final check of step 3 still reports an interleaved writer.
enum Publication {
    /// Publishes `files` (finished, see `TemporaryFile.finish`) in order. On failure before the renames every
    /// temporary is removed and no target changes.
    static func publish(_ files: [TemporaryFile]) throws {
        guard !files.isEmpty else { return }
        var locks: [Int32] = []
        defer { for fd in locks { flock(fd, LOCK_UN); close(fd) } }
        do {
            locks = try lockDirectories(of: files.map(\.target))
            var renamed: [TemporaryFile] = []
            try TemporaryFiles.commitSection {
                for f in files { try OutputPath.check(f.target) }
                for f in files {
                    do { try f.rename() } catch {
                        let message = (error as? SparseScapeError)?.message ?? "\(error)"
                        let done = renamed.map { SafeText.quoted($0.target, limit: 200) }
                        throw SparseScapeError(done.isEmpty ? message : "\(message) (\(done.joined(separator: ", ")) already replaced)")
                    }
                    renamed.append(f)
                }
            }
            for dir in Set(files.map { OutputPath.directory(of: $0.target) }) { syncDirectory(dir) }
            for f in files { try checkPublished(f) }
        } catch {
            for f in files { f.discard() }
            throw error
        }
    }

    /// Opens and locks the directories of `targets`, in (device, inode) order; returns the open descriptors.
    /// A directory that cannot be locked (no flock there) is skipped: the final check still guards it.
    static func lockDirectories(of targets: [String]) throws -> [Int32] {
        var byIdentity: [(key: [UInt64], fd: Int32)] = []
        for dir in Set(targets.map(OutputPath.directory(of:))) {
            let fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard fd >= 0 else { continue }   // the check before the renames names the problem
            var st = stat()
            guard fstat(fd, &st) == 0, !byIdentity.contains(where: { $0.key == [UInt64(st.st_dev), UInt64(st.st_ino)] }) else {
                close(fd)
                continue
            }
            byIdentity.append(([UInt64(st.st_dev), UInt64(st.st_ino)], fd))
        }
        byIdentity.sort { $0.key.lexicographicallyPrecedes($1.key) }
        var locked: [Int32] = []
        for entry in byIdentity {
            var status: Int32
            repeat { status = flock(entry.fd, LOCK_EX) } while status != 0 && errno == EINTR
            locked.append(entry.fd)   // closed (and so unlocked) by the caller either way
        }
        return locked
    }

    /// Throws when the target of `file` is not the file this process wrote (replaced by an unlocked writer).
    static func checkPublished(_ file: TemporaryFile) throws {
        guard let mine = file.identity else { return }
        var st = stat()
        guard lstat(file.target, &st) == 0, UInt64(st.st_dev) == mine.device, UInt64(st.st_ino) == mine.inode else {
            throw SparseScapeError("\(SafeText.quoted(file.target, limit: 200)) was replaced by another process while this one published it: "
                                   + "it does not hold what this run wrote; write each run to its own file")
        }
    }

    /// Flushes the directory entries (the renames) to disk; best effort.
    static func syncDirectory(_ dir: String) {
        let fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
