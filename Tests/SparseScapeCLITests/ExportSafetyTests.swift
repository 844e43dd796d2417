import Foundation
import Testing
#if canImport(Glibc)
import Glibc
import SparseScapeTestSupport
#endif

/// Exports never leave a mismatched pair or debris (issue 12): full disks, signals mid-write, device nodes, FIFOs
/// and paths that name no file, all through the real binary.
@Suite(.serialized) struct ExportSafetyTests {
    /// A small slice export of theorem5 into `out` (the seed changes the content, not the size class).
    static func slice(_ out: String, grid: Int, seed: Int = 0) -> [String] {
        ["slice", "theorem5", "--point", "spurious-minimum", "--grid", "\(grid)", "--seed", "\(seed)", "--out", out]
    }

    /// Runs a program to the end and returns its status and stdout.
    static func system(_ tool: String, _ args: [String]) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// The file's SHA-256 as `sha256sum` computes it (independently of the tool's own implementation).
    static func sha256sum(_ path: String) throws -> String {
        let r = try system("/usr/bin/sha256sum", [path])
        return String(r.out.prefix(64))
    }

    /// The sidecar's `"data"` record: file, bytes, sha256.
    static func record(_ sidecar: String) throws -> (file: String, bytes: Int, sha256: String)? {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sidecar))) as? [String: Any]
        guard let d = json?["data"] as? [String: Any], let f = d["file"] as? String, let b = d["bytes"] as? Int,
              let h = d["sha256"] as? String else { return nil }
        return (f, b, h)
    }

    /// True when `csv`'s sidecar records exactly `csv`'s name, size and SHA-256 (checked with sha256sum).
    static func pairMatches(_ csv: String) throws -> Bool {
        guard let r = try record(String(csv.dropLast(4)) + ".json") else { return false }
        let size = try FileManager.default.attributesOfItem(atPath: csv)[.size] as? Int
        let hash = try sha256sum(csv)
        return r.file == URL(fileURLWithPath: csv).lastPathComponent && r.bytes == size && r.sha256 == hash
    }

    /// Leftover temporaries (`.NAME.tmp-XXXXXX`) in `dir`.
    static func temporaries(_ dir: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix(".") && $0.contains(".tmp-") }
    }

    /// A device number (glibc's makedev, a macro Swift does not import).
    static func makeDevice(_ major: UInt64, _ minor: UInt64) -> dev_t {
        dev_t((major & 0xfff) << 8 | (major & ~0xfff) << 32 | (minor & 0xff) | (minor & ~0xff) << 12)
    }

    static func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    static func fileType(_ path: String) -> mode_t? {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_mode & S_IFMT : nil
    }

    @Test func sidecarRecordsTheCSVsSizeAndSHA256() throws {
        let d = try CLIRunner.tempDir()
        let r = try CLIRunner.run(Self.slice(d + "/s.csv", grid: 31), in: d)
        #expect(r.status == 0, "\(r.stderr)")
        let rec = try #require(try Self.record(d + "/s.json"))
        let csv = try #require(Self.bytes(d + "/s.csv"))
        #expect(rec.file == "s.csv")
        #expect(rec.bytes == csv.count)
        #expect(rec.sha256 == (try Self.sha256sum(d + "/s.csv")))
        #expect(rec.sha256.count == 64)
        #expect(try Self.temporaries(d).isEmpty)
    }

    @Test func emptyPathsAndDirectoriesWriteNothing() throws {
        let d = try CLIRunner.tempDir()
        let target = d + "/target"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
        for out in ["", target + "/", target, target + "/.", "."] {
            let r = try CLIRunner.run(Self.slice(out, grid: 5), in: target)
            #expect(r.status == 2, "--out '\(out)'")
            #expect(r.stderr.hasPrefix("sparsescape: error: --out"), "\(r.stderr)")
            #expect(r.stderr.filter { $0 == "\n" }.count == 1)
            #expect(try FileManager.default.contentsOfDirectory(atPath: target).isEmpty, "--out '\(out)' wrote into the directory")
        }
        // The other file-writing options follow the same rule.
        for args in [["train", "theorem5", "--steps", "5", "--out", target + "/"], ["train", "theorem5", "--steps", "5", "--trajectory", ""],
                     ["train", "theorem5", "--steps", "5", "--plot", target], ["landscape", "theorem5", "--dot", ""],
                     ["analyze", "theorem5", "--effective-out", target + "/"]] {
            let r = try CLIRunner.run(args, in: target)
            #expect(r.status == 2, "\(args)")
            #expect(r.stderr.hasPrefix("sparsescape: error: --"), "\(args): \(r.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: target).isEmpty, "\(args) wrote into the directory")
        }
    }

    @Test func fifoIsNeitherReplacedNorWaitedOn() throws {
        let d = try CLIRunner.tempDir()
        #expect(mkfifo(d + "/pipe", 0o644) == 0)
        #expect(mkfifo(d + "/side.json", 0o644) == 0)
        let cases: [[String]] = [
            Self.slice(d + "/pipe", grid: 5),
            Self.slice(d + "/side.csv", grid: 5),                 // the sidecar's name is the FIFO
            ["train", "theorem5", "--steps", "5", "--out", d + "/pipe"],
            ["train", "theorem5", "--steps", "5", "--trajectory", d + "/pipe"],
            ["landscape", "theorem5", "--dot", d + "/pipe"],
            ["certify", "theorem5", "--point", "spurious-minimum", "--density", d + "/pipe"],
        ]
        for args in cases {
            let r = try CLIRunner.run(args, in: d, timeout: 60)
            #expect(r.status == 2, "\(args)")
            #expect(r.stderr.contains("it is a FIFO (named pipe); nothing written"), "\(args): \(r.stderr)")
        }
        #expect(Self.fileType(d + "/pipe") == S_IFIFO)
        #expect(Self.fileType(d + "/side.json") == S_IFIFO)
        #expect(try FileManager.default.contentsOfDirectory(atPath: d).sorted() == ["pipe", "side.json"])
    }

    @Test func deviceNodeIsNeverReplaced() throws {
        let d = try CLIRunner.tempDir()
        guard mknod(d + "/dev", S_IFCHR | 0o644, Self.makeDevice(1, 7)) == 0 else {
            print("ExportSafetyTests: skipped the device-node case: mknod failed (\(String(cString: strerror(errno)))); it needs root")
            return
        }
        for args in [Self.slice(d + "/dev", grid: 5), ["train", "theorem5", "--steps", "5", "--plot", d + "/dev"],
                     ["analyze", "theorem5", "--effective-out", d + "/dev"]] {
            let r = try CLIRunner.run(args, in: d)
            #expect(r.status == 2, "\(args)")
            #expect(r.stderr.contains("it is a character device; nothing written"), "\(r.stderr)")
            #expect(!r.stdout.contains("wrote"))
        }
        var st = stat()
        #expect(lstat(d + "/dev", &st) == 0)
        #expect(st.st_mode & S_IFMT == S_IFCHR)
        #expect(st.st_rdev == Self.makeDevice(1, 7))
        #expect(try FileManager.default.contentsOfDirectory(atPath: d) == ["dev"])
    }

    @Test func fullDiskKeepsThePreviousPair() throws {
        let d = try CLIRunner.tempDir()
        let mountPoint = d + "/small"
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: false)
        let mounted = try Self.system("/bin/mount", ["-t", "tmpfs", "-o", "size=256k", "tmpfs", mountPoint])
        guard mounted.status == 0 else {
            print("ExportSafetyTests: skipped the full-disk case: cannot mount a 256 KiB tmpfs (\(mounted.err.trimmingCharacters(in: .whitespacesAndNewlines)))")
            return
        }
        defer { _ = try? Self.system("/bin/umount", [mountPoint]) }
        let csv = mountPoint + "/s.csv", json = mountPoint + "/s.json"
        let good = try CLIRunner.run(Self.slice(csv, grid: 11, seed: 1), in: d)
        try #require(good.status == 0, "\(good.stderr)")
        let oldCSV = Self.bytes(csv), oldJSON = Self.bytes(json)
        #expect(try Self.pairMatches(csv))

        // 1. The new CSV (about 450 kB) does not fit.
        let big = try CLIRunner.run(Self.slice(csv, grid: 101, seed: 2), in: d)
        #expect(big.status == 2)
        #expect(big.stderr.hasPrefix("sparsescape: error: cannot write"), "\(big.stderr)")
        #expect(big.stderr.contains("No space left on device"))
        #expect(big.stderr.filter { $0 == "\n" }.count == 1)
        #expect(!big.stdout.contains("wrote"))
        #expect(Self.bytes(csv) == oldCSV && Self.bytes(json) == oldJSON)
        #expect(try FileManager.default.contentsOfDirectory(atPath: mountPoint).sorted() == ["s.csv", "s.json"])

        // 2. The new CSV fits but its sidecar does not: the disk is filled to leave exactly the CSV's pages.
        let probe = d + "/probe.csv"
        try #require(try CLIRunner.run(Self.slice(probe, grid: 41, seed: 3), in: d).status == 0)
        let newSize = try #require(Self.bytes(probe)).count
        var fs = statvfs()
        try #require(statvfs(mountPoint, &fs) == 0)
        let page = Int(fs.f_frsize)
        let free = Int(fs.f_bavail) * page
        let csvPages = (newSize + page - 1) / page * page
        try #require(free > csvPages, "the tmpfs has \(free) bytes free, the CSV needs \(csvPages)")
        try Data(count: free - csvPages).write(to: URL(fileURLWithPath: mountPoint + "/filler"))
        let half = try CLIRunner.run(Self.slice(csv, grid: 41, seed: 3), in: d)
        #expect(half.status == 2, "\(half.stdout)")
        #expect(half.stderr.contains("No space left on device"), "\(half.stderr)")
        #expect(Self.bytes(csv) == oldCSV && Self.bytes(json) == oldJSON)
        #expect(try FileManager.default.contentsOfDirectory(atPath: mountPoint).sorted() == ["filler", "s.csv", "s.json"])
        print("ExportSafetyTests: full disk: a \(newSize)-byte CSV that did not fit, then one that fit (\(free - csvPages) bytes of filler) without room for its sidecar; both refused, the previous pair intact")
    }

    @Test func signalsMidExportLeaveNoDebrisAndNoMismatch() throws {
        let d = try CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(atPath: d) }   // a finished trial leaves a 182 MB pair
        let csv = d + "/s.csv", json = d + "/s.json"
        // The previous pair: a small slice, so that any change is visible.
        let first = try CLIRunner.run(Self.slice(csv, grid: 11, seed: 1), in: d)
        try #require(first.status == 0, "\(first.stderr)")
        var oldCSV = Self.bytes(csv), oldJSON = Self.bytes(json)
        let signals: [(Int32, String)] = [(SIGTERM, "TERM"), (SIGINT, "INT"), (SIGHUP, "HUP")]
        // The 2001×2001 export (182 MB of CSV; some seconds in a debug build), killed along the way.
        let delays = [0.05, 0.3, 0.6, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0]
        var midWrite = 0
        var outcomes: [String] = []
        for (k, delay) in delays.enumerated() {
            let (sig, name) = signals[k % signals.count]
            let p = Process()
            p.executableURL = URL(fileURLWithPath: CLIRunner.binary)
            p.arguments = Self.slice(csv, grid: 2001, seed: 2 + k)
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            usleep(UInt32(delay * 1e6))
            let temporaryBefore = !(try Self.temporaries(d).isEmpty)
            kill(p.processIdentifier, sig)
            p.waitUntilExit()
            let killed = p.terminationReason == .uncaughtSignal && p.terminationStatus == sig
            if temporaryBefore && killed { midWrite += 1 }
            let left = try Self.temporaries(d)
            #expect(left.isEmpty, "SIG\(name) after \(delay) s left \(left)")
            let same = Self.bytes(csv) == oldCSV && Self.bytes(json) == oldJSON
            #expect(try Self.pairMatches(csv), "SIG\(name) after \(delay) s: the sidecar does not describe the CSV")
            if killed { #expect(same, "SIG\(name) after \(delay) s killed the export yet the pair changed") }
            outcomes.append("SIG\(name)@\(delay)s: " + (killed ? (temporaryBefore ? "killed mid-write" : "killed before writing") : "finished (status \(p.terminationStatus))")
                            + (same ? ", previous pair intact" : ", new matching pair"))
            oldCSV = Self.bytes(csv); oldJSON = Self.bytes(json)
        }
        print("ExportSafetyTests: " + outcomes.joined(separator: "; "))
        #expect(midWrite >= 1, "no kill landed while the CSV was being written: \(outcomes)")
    }
}
