import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The rule every file-writing option follows, checked before any computation and again right before the rename:
/// the path names a file (not "" nor ending in "/"), and if something exists there it is a regular file — never a
/// directory, device, FIFO, socket or symbolic link (a link is refused rather than followed or replaced: give the
/// file it points to) — its name fits the file system's limit (255 bytes on most), and its directory exists and is
/// writable.
public enum OutputPath {
    /// Throws a one-line error naming `option` and the path when `path` may not be written.
    public static func check(_ path: String, option: String? = nil) throws {
        let prefix = option.map { "\($0): " } ?? ""
        func refuse(_ why: String) -> SparseScapeError {
            SparseScapeError("\(prefix)cannot write \(SafeText.quoted(path)): \(why); nothing written")
        }
        if path.isEmpty { throw SparseScapeError("\(prefix)no file name given (an empty path); nothing written") }
        let last = path.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        if path.hasSuffix("/") || last == "." || last == ".." { throw refuse("it names a directory, not a file") }
        if path.utf8.contains(0) { throw refuse("the name contains a NUL byte") }
        let limit = nameLimit(directory: directory(of: path))
        if last.utf8.count > limit {
            throw refuse("its name is \(last.utf8.count) bytes long, over the \(limit) bytes a file name may have here")
        }
        var st = stat()
        if lstat(path, &st) == 0 {
            switch st.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR: throw refuse("it is a directory")
            case S_IFLNK: throw refuse("it is a symbolic link (give the file it points to)")
            case S_IFCHR: throw refuse("it is a character device")
            case S_IFBLK: throw refuse("it is a block device")
            case S_IFIFO: throw refuse("it is a FIFO (named pipe)")
            case S_IFSOCK: throw refuse("it is a socket")
            default: throw refuse("it is not a regular file")
            }
        } else if errno != ENOENT {
            throw refuse(String(cString: strerror(errno)))
        }
        let dir = directory(of: path)
        var dst = stat()
        guard stat(dir, &dst) == 0 else { throw refuse("directory \(SafeText.quoted(dir)) does not exist") }
        guard dst.st_mode & S_IFMT == S_IFDIR else { throw refuse("\(SafeText.quoted(dir)) is not a directory") }
        guard access(dir, W_OK | X_OK) == 0 else { throw refuse("directory \(SafeText.quoted(dir)) is not writable") }
    }

    /// The longest file name (one path component, in bytes) that `directory`'s file system allows: pathconf's
    /// _PC_NAME_MAX, or 255 when it cannot tell.
    public static func nameLimit(directory: String) -> Int {
        let n = pathconf(directory, Int32(_PC_NAME_MAX))
        return n > 0 ? min(n, 4096) : 255
    }

    /// The file name of a path: what follows its last "/".
    public static func lastComponent(of path: String) -> String {
        String(path.split(separator: "/", omittingEmptySubsequences: false).last ?? "")
    }

    /// The directory a file is written in: the path up to its last "/", or "." for a bare name.
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let dir = String(path[..<slash])
        return dir.isEmpty ? "/" : dir
    }
}
