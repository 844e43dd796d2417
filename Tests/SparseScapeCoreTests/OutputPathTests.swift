import Foundation
import Testing
@testable import SparseScapeCore

/// The output-path rule and the atomic writers built on it: what may be replaced, and what a failure leaves.
@Suite struct OutputPathTests {
    static func dir() throws -> String {
        let d = NSTemporaryDirectory() + "sparsescape-outpath-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    /// The message of the error `check` throws for `path`, or nil when it accepts it.
    static func refusal(_ path: String) -> String? {
        do { try OutputPath.check(path, option: "--out"); return nil } catch let e as SparseScapeError { return e.message } catch { return "\(error)" }
    }

    @Test func acceptsNewAndRegularFiles() throws {
        let d = try Self.dir()
        try "x".write(toFile: d + "/old.csv", atomically: false, encoding: .utf8)
        #expect(Self.refusal(d + "/old.csv") == nil)
        #expect(Self.refusal(d + "/new.csv") == nil)
        #expect(OutputPath.directory(of: "a.csv") == ".")
        #expect(OutputPath.directory(of: "/a.csv") == "/")
        #expect(OutputPath.directory(of: "x/y/a.csv") == "x/y")
    }

    @Test func refusesWhatIsNotARegularFile() throws {
        let d = try Self.dir()
        try FileManager.default.createDirectory(atPath: d + "/sub", withIntermediateDirectories: false)
        #expect(mkfifo(d + "/fifo", 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: d + "/link", withDestinationPath: d + "/target.csv")
        #expect(Self.refusal("") == "--out: no file name given (an empty path); nothing written")
        #expect(Self.refusal(d + "/sub/")?.hasSuffix("it names a directory, not a file; nothing written") == true)
        #expect(Self.refusal(d + "/sub")?.hasSuffix("it is a directory; nothing written") == true)
        #expect(Self.refusal(d + "/fifo")?.hasSuffix("it is a FIFO (named pipe); nothing written") == true)
        #expect(Self.refusal(d + "/link")?.hasSuffix("it is a symbolic link (give the file it points to); nothing written") == true)
        #expect(Self.refusal(d + "/missing/x.csv")?.contains("does not exist") == true)
        #expect(Self.refusal("/dev/null")?.hasSuffix("it is a character device; nothing written") == true)
        // A name with control characters is quoted escaped, in one line.
        #expect(Self.refusal(d + "/no\ndir/x.csv")?.contains("\n") == false)
    }

    @Test func failedPairLeavesThePreviousPairAndNoTemporaries() throws {
        let d = try Self.dir()
        let csv = d + "/p.csv", json = d + "/p.json"
        let first = try AtomicFilePair.write(data: csv, sidecar: json, produce: { try $0.write("a,b\n1,2\n") }) { "{\"n\": \($0.bytes)}\n" }
        #expect(first == DataFileRecord(file: "p.csv", bytes: 8, sha256: SHA256Digest.hex(Array("a,b\n1,2\n".utf8))))
        #expect(try String(contentsOfFile: json, encoding: .utf8) == "{\"n\": 8}\n")
        struct Boom: Error {}
        // Failing while streaming the CSV, then while making the sidecar: the old pair stays, nothing else appears.
        #expect(throws: Boom.self) {
            try AtomicFilePair.write(data: csv, sidecar: json, produce: { try $0.write(String(repeating: "9", count: 3 << 20)); throw Boom() }) { _ in "{}" }
        }
        #expect(throws: Boom.self) {
            try AtomicFilePair.write(data: csv, sidecar: json, produce: { try $0.write("new\n") }) { _ in throw Boom() }
        }
        #expect(try String(contentsOfFile: csv, encoding: .utf8) == "a,b\n1,2\n")
        #expect(try String(contentsOfFile: json, encoding: .utf8) == "{\"n\": 8}\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: d).sorted() == ["p.csv", "p.json"])
        #expect(TemporaryFiles.liveCount == 0)
    }

    @Test func atomicFileReplacesOnlyRegularFiles() throws {
        let d = try Self.dir()
        #expect(mkfifo(d + "/fifo", 0o644) == 0)
        #expect(throws: SparseScapeError.self) { try AtomicFile.write("x", to: d + "/fifo") }
        try AtomicFile.write("one", to: d + "/f.txt")
        try AtomicFile.write("two", to: d + "/f.txt")
        #expect(try String(contentsOfFile: d + "/f.txt", encoding: .utf8) == "two")
        var st = stat()
        #expect(lstat(d + "/fifo", &st) == 0 && st.st_mode & S_IFMT == S_IFIFO)
        #expect(try FileManager.default.contentsOfDirectory(atPath: d).sorted() == ["f.txt", "fifo"])
    }
}
