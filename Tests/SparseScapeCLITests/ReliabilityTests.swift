import Foundation
import Testing
#if canImport(Glibc)
import Glibc
import SparseScapeTestSupport
#endif

/// Issue 21, through the real binary: nothing lost (concurrent writers, colliding outputs, a failed later output,
/// failed writes to stdout), nothing echoed (escapes from part files), nothing hung (signals, memory, address-space
/// limits), and records that lie refused. One test (or more) per numbered case of the issue.
@Suite(.serialized) struct ReliabilityTests {
    // MARK: helpers

    /// A process of the binary, not yet started.
    static func process(_ args: [String], in dir: String, environment: [String: String] = [:]) -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLIRunner.binary)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        p.standardInput = FileHandle.nullDevice
        return p
    }

    /// Runs `sh -c SCRIPT` (for `ulimit` and redirections) and returns its status and output; `BIN` in the script is
    /// the binary.
    static func shell(_ script: String, in dir: String, timeout: Double = 120) throws -> CLIRunner.Outcome {
        try CLIRunner.run(["-c", script.replacingOccurrences(of: "BIN", with: "'\(CLIRunner.binary)'")], in: dir, timeout: timeout,
                          executable: "/bin/sh")
    }

    static func files(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
    }

    static func temporaries(_ dir: String) -> [String] { files(dir).filter { $0.hasPrefix(".") && $0.contains(".tmp-") } }

    static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// The SHA-256 of a file as `sha256sum` computes it.
    static func sha256sum(_ path: String) throws -> String {
        let r = try CLIRunner.run([path], executable: "/usr/bin/sha256sum")
        return String(r.stdout.prefix(64))
    }

    /// True when the sidecar of `csv` records exactly `csv`'s size and SHA-256.
    static func pairMatches(_ csv: String) throws -> Bool {
        let json = String(csv.dropLast(4)) + ".json"
        guard let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any],
              let d = object["data"] as? [String: Any], let sha = d["sha256"] as? String, let bytes = d["bytes"] as? Int else { return false }
        let size = try FileManager.default.attributesOfItem(atPath: csv)[.size] as? Int
        let hash = try sha256sum(csv)
        return bytes == size && sha == hash
    }

    /// One-line error with exit status 2 mentioning `text`.
    static func expectRefusal(_ r: CLIRunner.Outcome, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status == 2, "status \(r.status): \(r.stderr.prefix(300))", sourceLocation: sourceLocation)
        #expect(r.stderr.hasPrefix("sparsescape: error: "), "\(r.stderr.prefix(300))", sourceLocation: sourceLocation)
        #expect(r.stderr.filter { $0 == "\n" }.count == 1, "\(r.stderr.prefix(600))", sourceLocation: sourceLocation)
        #expect(r.stderr.contains(text), "expected '\(text)' in: \(r.stderr.prefix(400))", sourceLocation: sourceLocation)
        #expect(!r.stderr.contains("Fatal error") && !r.stderr.contains("crashed"), sourceLocation: sourceLocation)
    }

    // MARK: 1. concurrent writers

    @Test("1. two processes exporting the same pair at once: every pair left matches (40 rounds)")
    func concurrentExportsOfOnePair() throws {
        let d = try CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(atPath: d) }
        var mismatched = 0
        for round in 0..<40 {
            let procs = (0..<2).map { k in
                let p = Self.process(["slice", "theorem5", "--point", "spurious-minimum", "--grid", "61", "--seed", "\(2 * round + k)",
                                      "--out", "plane.csv"], in: d)
                p.standardOutput = FileHandle.nullDevice
                p.standardError = FileHandle.nullDevice
                return p
            }
            for p in procs { try p.run() }
            for p in procs { p.waitUntilExit() }
            #expect(procs.allSatisfy { $0.terminationStatus == 0 }, "round \(round): \(procs.map(\.terminationStatus))")
            if !(try Self.pairMatches(d + "/plane.csv")) { mismatched += 1 }
        }
        #expect(mismatched == 0, "\(mismatched) of 40 rounds left a CSV beside the other process's sidecar")
        #expect(Self.temporaries(d).isEmpty)
    }

    // MARK: 2. colliding outputs

    @Test("2. outputs of one command naming one file are refused before any work, nothing written",
          arguments: [
              (["slice", "theorem5", "--point", "spurious-minimum", "--grid", "5", "--out", "a.csv", "--plot", "a.json"], "--out's sidecar and --plot name the same file 'a.json'"),
              (["slice", "theorem5", "--point", "spurious-minimum", "--grid", "5", "--out", "a.csv", "--plot", "a.csv"], "--out and --plot name the same file 'a.csv'"),
              (["slice", "theorem5", "--point", "spurious-minimum", "--grid", "5", "--out", "a.csv", "--plot", "./sub/../a.json"], "name the same file"),
              (["path", "theorem5", "--from", "spurious-minimum", "--to", "best-found", "--out", "pb.csv", "--plot", "pb.json"], "--out's sidecar and --plot name the same file 'pb.json'"),
              (["path", "theorem5", "--from", "spurious-minimum", "--to", "best-found", "--out", "pb.csv", "--saddle-out", "pb.json"], "name the same file"),
              (["train", "theorem5", "--steps", "50", "--out", "p.json", "--trajectory", "p.json"], "--out and --trajectory name the same file 'p.json'"),
              (["train", "theorem5", "--steps", "50", "--out", "p.json", "--plot", "link/p.json"], "name the same file"),
              (["slice", "theorem5", "--point", "spurious-minimum", "--grid", "5", "--out", "x.json"], "a data file named .json would be taken for a sidecar"),
              (["slice", "theorem5", "--point", "spurious-minimum", "--dirs", "pca:t.csv", "--out", "s.csv", "--plot", "s.trajectory.csv"], "--out's trajectory CSV and --plot name the same file"),
          ])
    func collidingOutputs(args: [String], message: String) throws {
        let d = try CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(atPath: d) }
        try FileManager.default.createDirectory(atPath: d + "/sub", withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: d + "/link", withDestinationPath: ".")
        let before = Self.files(d)
        let r = try CLIRunner.run(args, in: d)
        Self.expectRefusal(r, message)
        #expect(r.stdout.isEmpty)
        #expect(Self.files(d) == before, "\(args): wrote \(Self.files(d))")
    }

    @Test("2. a hard link to another output is the same file")
    func hardLinkedOutputsCollide() throws {
        let d = try CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(atPath: d) }
        try Self.write("old\n", to: d + "/p.json")
        #expect(link(d + "/p.json", d + "/q.svg") == 0)
        let r = try CLIRunner.run(["train", "theorem5", "--steps", "50", "--out", "p.json", "--plot", "q.svg"], in: d)
        Self.expectRefusal(r, "--out and --plot name the same file 'p.json' and 'q.svg'")
        #expect(try String(contentsOfFile: d + "/p.json", encoding: .utf8) == "old\n")
    }

    // MARK: 3, 8, 12c. sweep-merge

    /// The lines of a small exact sweep (widths [2, 2, 3]: 528 masks up to permutations of 1024), made once.
    static let sweepLines: [String] = {
        let d = try! CLIRunner.tempDir()
        try! ReliabilityTests.write("""
            {"name": "n223", "widths": [2, 2, 3], "masks": [[[1,1],[1,1]], [[1,1,1],[1,1,1]]],
             "X": [[1,0],[0,1],[1,1],[2,-1],[0.5,0.3]], "Y": [[1,0,2],[0,1,1],[1,1,0],[3,0,1],[0.2,0.1,0.4]]}
            """, to: d + "/n223.json")
        let r = try! CLIRunner.run(["sweep", "n223.json", "--restarts", "2", "--steps", "30", "--resume", "all.jsonl"], in: d)
        precondition(r.status == 0, r.stderr)
        return try! String(contentsOfFile: d + "/all.jsonl", encoding: .utf8).split(separator: "\n").map(String.init)
    }()

    static func record(_ line: String) -> [String: Any] {
        try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
    }

    static func line(_ record: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: record, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
    }

    /// Writes the sweep's lines with `edit` applied to the records, and returns the file's path.
    static func forged(in d: String, name: String = "part.jsonl", separator: String = "\n", _ edit: (inout [[String: Any]]) -> Void) throws -> String {
        var records = sweepLines.map(record)
        edit(&records)
        try write(records.map(line).joined(separator: separator) + separator, to: d + "/" + name)
        return d + "/" + name
    }

    @Test("3. sweep-merge shows a part file's escape sequences escaped, in text; --json keeps them as JSON escapes")
    func sweepMergeEscapesText() throws {
        let d = try CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(atPath: d) }
        for network in ["\u{1B}]0;pwned\u{07}", "n\u{1B}[31mred", "rtl\u{202E}evil"] {
            let part = try Self.forged(in: d) { rs in for k in rs.indices { rs[k]["network"] = network } }
            let text = try CLIRunner.run(["sweep-merge", part])
            #expect(text.status == 0, "\(text.stderr)")
            #expect(!text.stdout.contains("\u{1B}") && !text.stdout.contains("\u{07}") && !text.stdout.contains("\u{202E}"))
            #expect(text.stdout.hasPrefix("sweep sweep-"))
            #expect(text.stdout.contains(network.contains("\u{202E}") ? "rtl\\u{202E}evil" : "\\u{1B}"), "\(text.stdout.prefix(200))")
            let json = try CLIRunner.run(["sweep-merge", "--json", part])
            #expect(json.status == 0)
            #expect(!json.stdout.contains("\u{1B}") && !json.stdout.contains("\u{202E}"))
            let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
            #expect(object?["network"] as? String == network, "the JSON still carries the exact name")
        }
    }

    @Test("8. sweep-merge refuses records that contradict themselves or the plan, naming the first bad line",
          arguments: [
              ("index 20 carrying mask 26", "line 21: mask 20: the record carries the mask of index 26 of this sweep"),
              ("orbitSize 100000", "line 6: mask 5: the record says its orbit holds 100000 masks, not 2"),
              ("restarts 99", "line 8: mask 7: the record says restarts 99, unlike"),
              ("dense but not benign", "the record says benign false for the verdict dense"),
              ("count -5", "line 1: mask 0: the record says end point 1 was reached by -5 of 2 starts"),
              ("code of another mask", "line 4: mask 3: the record has the code"),
              ("freeWeights lie", "line 3: mask 2: the record says 7 free weights but its mask keeps"),
              ("two config masks", "the record says it is the config's own mask, as mask"),
              ("runs do not add up", "line 2: mask 1: the record accounts for 3 runs"),
          ])
    func sweepMergeValidates(forgery: String, message: String) throws {
        let d = try CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(atPath: d) }
        let part = try Self.forged(in: d) { rs in
            switch forgery {
            case "index 20 carrying mask 26":
                var r = rs[26]; r["index"] = 20; r["searchSeed"] = rs[20]["searchSeed"]; rs[20] = r
            case "orbitSize 100000": rs[5]["orbitSize"] = 100_000
            case "restarts 99": rs[7]["restarts"] = 99
            case "dense but not benign":
                let k = rs.firstIndex { $0["verdict"] as? String == "sub-network" }!
                rs[k]["verdict"] = "dense"
            case "count -5":
                var m = rs[0]["minima"] as! [[String: Any]]; m[0]["count"] = -5; rs[0]["minima"] = m
            case "code of another mask": rs[3]["code"] = rs[4]["code"]
            case "freeWeights lie": rs[2]["freeWeights"] = 7
            case "two config masks":
                let k = rs.firstIndex { $0["configMask"] as? Bool == false }!
                rs[k]["configMask"] = true
            default:
                rs[1]["diverged"] = 1
            }
        }
        let r = try CLIRunner.run(["sweep-merge", part])
        Self.expectRefusal(r, message)
        #expect(r.stderr.contains("part.jsonl line "))
        #expect(r.stdout.isEmpty, "no summary of contradicting records: \(r.stdout.prefix(200))")
    }

    @Test("12c. part files with CRLF line ends merge like LF ones")
    func crlfPartFiles() throws {
        let d = try CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(atPath: d) }
        let crlf = try Self.forged(in: d, name: "crlf.jsonl", separator: "\r\n") { _ in }
        let lf = try Self.forged(in: d, name: "lf.jsonl") { _ in }
        let a = try CLIRunner.run(["sweep-merge", crlf]), b = try CLIRunner.run(["sweep-merge", lf])
        #expect(a.status == 0, "\(a.stderr)")
        #expect(a.stdout == b.stdout)
        #expect(a.stdout.contains("records: 528 of 528 (complete)"))
    }

    @Test("12f. sweep --count honours --only-missing and --resume")
    func countWithOnlyMissing() throws {
        let d = try CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(atPath: d) }
        try Self.write("""
            {"name": "n223", "widths": [2, 2, 3], "masks": [[[1,1],[1,1]], [[1,1,1],[1,1,1]]],
             "X": [[1,0],[0,1],[1,1],[2,-1],[0.5,0.3]], "Y": [[1,0,2],[0,1,1],[1,1,0],[3,0,1],[0.2,0.1,0.4]]}
            """, to: d + "/n223.json")
        try Self.write(Self.sweepLines.prefix(100).joined(separator: "\n") + "\n", to: d + "/part.jsonl")
        let r = try CLIRunner.run(["sweep", "n223.json", "--restarts", "2", "--steps", "30", "--count", "--only-missing", "part.jsonl"], in: d)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("shard 1/1: 528 masks, 100 already in the given files, 428 to run"), "\(r.stdout)")
        let resumed = try CLIRunner.run(["sweep", "n223.json", "--restarts", "2", "--steps", "30", "--count", "--resume", "part.jsonl"], in: d)
        #expect(resumed.stdout.contains("100 already in the given files, 428 to run"), "\(resumed.stdout)")
        #expect(try String(contentsOfFile: d + "/part.jsonl", encoding: .utf8).split(separator: "\n").count == 100, "--count writes nothing")
    }

    // MARK: 4, 12h. signals

    /// The state letter of process `pid` in /proc (R, S, T for stopped, Z for a zombie), or nil.
    static func processState(_ pid: Int32) -> Character? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = text.lastIndex(of: ")") else { return nil }
        return text[text.index(after: close)...].trimmingCharacters(in: .whitespaces).first
    }

    /// Starts a long slice export and, once its temporary exists, stops it (SIGSTOP), checks that it is stopped —
    /// so alive and exporting, not already finished — queues `signal` and lets it go on (SIGCONT): the signal is
    /// certain to arrive during the export, whatever the timing. Returns how the process ended, or nil when it
    /// finished before it could be stopped.
    static func signalDuringExport(_ signal: Int32, in d: String, seed: Int) throws -> (status: Int32, bySignal: Bool, stderr: String)? {
        let p = Self.process(["slice", "theorem5", "--point", "spurious-minimum", "--grid", "1501", "--seed", "\(seed)", "--out", "q.csv"], in: d)
        let err = Pipe()
        p.standardOutput = FileHandle.nullDevice
        p.standardError = err
        try p.run()
        let pid = p.processIdentifier
        var sent = false
        for _ in 0..<3000 where p.isRunning {
            guard temporaries(d).isEmpty else {
                kill(pid, SIGSTOP)
                for _ in 0..<200 where processState(pid) != "T" && processState(pid) != "Z" { usleep(5_000) }
                if processState(pid) == "T" { sent = kill(pid, signal) == 0 }
                kill(pid, SIGCONT)
                break
            }
            usleep(5_000)
        }
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        guard sent else { return nil }
        return (p.terminationStatus, p.terminationReason == .uncaughtSignal, text)
    }

    @Test("4, 12h. SIGQUIT, SIGUSR1 and SIGALRM during an export: cleanup, the signal's status, no crash report",
          arguments: [(SIGQUIT, "QUIT"), (SIGUSR1, "USR1"), (SIGALRM, "ALRM")])
    func signalDuringExport(signal: Int32, name: String) throws {
        let d = try CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(atPath: d) }
        var landed = 0
        for trial in 0..<3 {
            guard let r = try Self.signalDuringExport(signal, in: d, seed: trial) else { continue }
            landed += 1
            #expect(r.bySignal && r.status == signal, "SIG\(name): ended with status \(r.status) (by signal: \(r.bySignal)), expected signal \(signal) (shell status \(128 + signal))")
            #expect(!r.stderr.contains("crashed") && !r.stderr.contains("Backtrace") && !r.stderr.contains("/Sources/"), "SIG\(name): \(r.stderr.prefix(300))")
            #expect(Self.temporaries(d).isEmpty, "SIG\(name) left \(Self.temporaries(d))")
            // Stopped while its CSV was written, the export is not published; stopped in the middle of publishing
            // (the signals are held back during the renames), it is published whole.
            let published = FileManager.default.fileExists(atPath: d + "/q.csv")
            let whole = try published && Self.pairMatches(d + "/q.csv")
            #expect(!published || whole, "SIG\(name): a CSV without its sidecar")
            try? FileManager.default.removeItem(atPath: d + "/q.csv")
            try? FileManager.default.removeItem(atPath: d + "/q.json")
        }
        #expect(landed >= 1, "SIG\(name) never landed during an export")
    }

    @Test("12i. train keeps its trajectory in memory while it trains: SIGKILL leaves no temporary")
    func trainTrajectoryHasNoTemporaryWhileTraining() throws {
        let d = try CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(atPath: d) }
        let p = Self.process(["train", "theorem5", "--tol", "0", "--steps", "100000000", "--trajectory", "t.csv",
                              "--trajectory-every", "1000000", "--out", "p.json"], in: d)
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        for _ in 0..<150 { usleep(10_000); #expect(Self.temporaries(d).isEmpty, "a temporary exists during training") }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        #expect(Self.files(d).isEmpty, "\(Self.files(d))")
    }

    // MARK: 5. memory budget: data and trajectories

    /// A .npy file of `rows`×`cols` float64 whose payload is a hole (no disk used).
    static func sparseNpy(_ path: String, rows: Int, cols: Int) throws {
        var header = "{'descr': '<f8', 'fortran_order': False, 'shape': (\(rows), \(cols)), }"
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.utf8.count & 0xff), UInt8(header.utf8.count >> 8)]
        bytes += Array(header.utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(truncate(path, off_t(bytes.count + rows * cols * 8)) == 0)
    }

    @Test("5. X and Y .npy of 1.44 GB over the budget are refused from their headers, before they are read")
    func dataOverTheBudget() throws {
        let d = try CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(atPath: d) }
        try Self.sparseNpy(d + "/X.npy", rows: 60_000_000, cols: 2)
        try Self.sparseNpy(d + "/Y.npy", rows: 60_000_000, cols: 1)
        try Self.write(#"{"name": "big", "widths": [2, 1, 1], "masks": [[[1], [1]], [[1]]], "X": "X.npy", "Y": "Y.npy"}"#, to: d + "/big.json")
        let started = Date()
        let r = try CLIRunner.run(["train", "big.json", "--steps", "5"], in: d, environment: ["SPARSESCAPE_MEMORY_LIMIT": "100M"])
        Self.expectRefusal(r, "reading the data X and Y of big.json needs 1.4 GB, over the memory budget of 105 MB")
        #expect(Date().timeIntervalSince(started) < 30)
        // Under an address-space limit the budget is what the limit leaves: the same refusal, not an abort.
        let limited = try Self.shell("ulimit -v 1200000; exec BIN train big.json --steps 5", in: d)
        Self.expectRefusal(limited, "needs 1.4 GB, over the")
        #expect(limited.stderr.contains("left by the address-space limit (ulimit -v)"))
    }

    @Test("5. a trajectory over the budget is refused before training; under ulimit -v it is kept compact and written row by row")
    func trajectoryOverTheBudget() throws {
        let d = try CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(atPath: d) }
        let started = Date()
        let r = try CLIRunner.run(["train", "theorem5", "--tol", "0", "--steps", "2000000", "--trajectory", "t.csv", "--trajectory-every", "1"],
                                  in: d, environment: ["SPARSESCAPE_MEMORY_LIMIT": "100M"])
        Self.expectRefusal(r, "--trajectory (2000001 points of 8 weights: every iteration for 2000000 steps) needs 320 MB, over the memory budget of 105 MB")
        #expect(Date().timeIntervalSince(started) < 30, "refused before training")
        #expect(Self.files(d).isEmpty)
        let ok = try Self.shell("ulimit -v 800000; exec BIN train theorem5 --tol 0 --steps 300000 --trajectory t.csv --trajectory-every 1", in: d)
        #expect(ok.status == 0, "\(ok.stderr.prefix(300))")
        let rows = try String(contentsOfFile: d + "/t.csv", encoding: .utf8).split(separator: "\n")
        #expect(rows.count == 300_002, "header and 300001 points")
        #expect(rows.first == "iteration,loss,p1,p2,p3,p4,p5,p6,p7,p8")
        #expect(rows.last?.hasPrefix("300000,") == true)
    }

    // MARK: 6. address-space limits

    @Test("6. under ulimit -v 150-700 MB every command ends (no hang), with its result or one line saying what is needed",
          arguments: [150_000, 200_000, 260_000, 400_000, 700_000])
    func addressSpaceLimits(kilobytes: Int) throws {
        let d = try CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(atPath: d) }
        for command in ["presets", "certify theorem5 --point spurious-minimum", "train theorem5 --steps 100"] {
            let r = try Self.shell("ulimit -v \(kilobytes); exec BIN \(command)", in: d, timeout: 60)
            #expect(r.status == 0 || r.status == 2, "\(command) under \(kilobytes) kB: status \(r.status): \(r.stderr.prefix(300))")
            #expect(!r.stderr.contains("Fatal error") && !r.stderr.contains("crashed"), "\(command): \(r.stderr.prefix(300))")
            if r.status == 2 {
                #expect(r.stderr.filter { $0 == "\n" }.count == 1, "\(r.stderr.prefix(300))")
                #expect(r.stderr.contains("address-space limit (ulimit -v)"), "\(command) under \(kilobytes) kB: \(r.stderr.prefix(300))")
            } else {
                #expect(!r.stdout.isEmpty)
            }
            // On two cores the commands need about 535 MB (the program, a 128 MiB BLAS buffer per core, margins).
            if kilobytes >= 700_000 && ProcessInfo.processInfo.activeProcessorCount <= 2 {
                #expect(r.status == 0, "\(command) under \(kilobytes) kB: \(r.stderr.prefix(300))")
            }
        }
    }

    // MARK: 7. stdout failures

    @Test("7. a failed write to stdout is an error with status 2",
          arguments: [["certify", "theorem5", "--point", "spurious-minimum", "--json"], ["presets", "show", "theorem5"], ["presets"],
                      ["sweep", "theorem5", "--sample", "2", "--restarts", "1", "--steps", "5"]])
    func stdoutToDevFull(args: [String]) throws {
        let d = try CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(atPath: d) }
        let r = try Self.shell("exec BIN \(args.joined(separator: " ")) > /dev/full", in: d)
        #expect(r.status == 2, "\(args): status \(r.status)")
        #expect(r.stderr.contains("No space left on device"), "\(r.stderr)")
        #expect(r.stderr.hasPrefix("sparsescape: error: "))
    }

    @Test("7. sweep-merge > /dev/full fails")
    func sweepMergeToDevFull() throws {
        let d = try CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(atPath: d) }
        let part = try Self.forged(in: d) { _ in }
        let r = try Self.shell("exec BIN sweep-merge '\(part)' > /dev/full", in: d)
        Self.expectRefusal(r, "cannot write to standard output: No space left on device")
    }

    // MARK: 9. --resume and links

    @Test("9. --resume refuses a symbolic link (to a file, or dangling) and a file another sweep holds")
    func resumeRefusesLinks() throws {
        let d = try CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(atPath: d) }
        try Self.write("", to: d + "/target.txt")
        try FileManager.default.createSymbolicLink(atPath: d + "/link.jsonl", withDestinationPath: "target.txt")
        try FileManager.default.createSymbolicLink(atPath: d + "/dangling.jsonl", withDestinationPath: "nowhere.txt")
        for link in ["link.jsonl", "dangling.jsonl"] {
            let r = try CLIRunner.run(["sweep", "theorem5", "--sample", "3", "--restarts", "1", "--steps", "5", "--resume", link], in: d)
            Self.expectRefusal(r, "it is a symbolic link")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: d + "/target.txt")).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: d + "/nowhere.txt"))
        // A file locked by another sweep (here: this test holds the lock).
        try Self.write("", to: d + "/held.jsonl")
        let fd = open(d + "/held.jsonl", O_RDWR)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX) == 0)
        let r = try CLIRunner.run(["sweep", "theorem5", "--sample", "3", "--restarts", "1", "--steps", "5", "--resume", "held.jsonl"], in: d)
        Self.expectRefusal(r, "another sweep is writing to this file")
        #expect(try Data(contentsOf: URL(fileURLWithPath: d + "/held.jsonl")).isEmpty)
    }

    // MARK: 10. .npy headers

    /// A .npy file of X = [[1, 0], [0, 1], [1, 1], [2, -1]] with `header` as its header text.
    static func npy(header: String) -> Data {
        var h = header
        while (10 + h.utf8.count + 1) % 64 != 0 { h += " " }
        h += "\n"
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(h.utf8.count & 0xff), UInt8(h.utf8.count >> 8)] + Array(h.utf8)
        for v in [1.0, 0, 0, 1, 1, 1, 2, -1] { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes += $0 } }
        return Data(bytes)
    }

    @Test(".npy headers are read as NumPy reads them, or refused",
          arguments: [
              ("{'descr': '<f4', 'descr': '<f8', 'fortran_order': False, 'shape': (4, 2), }", "the key 'descr' appears twice"),
              ("{'descr': '<f8', 'fortran_order': False, 'fortran_order': True, 'shape': (4, 2), }", "the key 'fortran_order' appears twice"),
              ("{'descr': '<f8', 'fortran_order': Trueish, 'shape': (4, 2), }", "'fortran_order' is not True or False"),
              ("{'descr': '<f8', 'fortran_order': False, 'shape': (4, 2), } junk", "text follows the header dict's closing brace"),
              ("{'descr': '<f8', 'fortran_order': False, 'shape': (4, 2), 'extra': 1}", "the header has a key other than 'descr', 'fortran_order' and 'shape' (not shown)"),
              ("{'descr': '<f8', 'fortran_order': False, 'shape': (8), }", "'shape' is not a tuple"),
              ("{'descr': '<f8', 'fortran_order': 0, 'shape': (4, 2), }", "'fortran_order' is not True or False"),
              ("{'descr': '<f8', 'shape': (4, 2), }", "no 'fortran_order' in header"),
          ])
    func npyHeaderRefused(header: String, message: String) throws {
        let d = try CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(atPath: d) }
        try Self.npy(header: header).write(to: URL(fileURLWithPath: d + "/x.npy"))
        try Self.write(#"{"widths": [2, 2, 1], "masks": [[[1, 1], [1, 1]], [[1], [1]]], "X": "x.npy", "Y": [[1], [0], [1], [3]]}"#, to: d + "/c.json")
        let r = try CLIRunner.run(["train", "c.json", "--steps", "20"], in: d)
        Self.expectRefusal(r, "x.npy: not a valid .npy file: " + message)
        #expect(!r.stderr.contains("junk"))
    }

    @Test(".npy headers NumPy accepts are read: either quotes, no trailing comma, (n, m,), line breaks, Fortran order")
    func npyHeaderAccepted() throws {
        let d = try CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(atPath: d) }
        try Self.write(#"{"widths": [2, 2, 1], "masks": [[[1, 1], [1, 1]], [[1], [1]]], "X": "x.npy", "Y": [[1], [0], [1], [3]], "start": [0.5, -0.25, 0.75, 0.1, 1.0, -0.5]}"#, to: d + "/c.json")
        var losses: [String] = []
        for header in ["{'descr': '<f8', 'fortran_order': False, 'shape': (4, 2), }",
                       "{\"descr\": \"<f8\", \"fortran_order\": False, \"shape\": (4, 2)}",
                       "{'shape': (4, 2,), 'fortran_order': False,\n 'descr': '<f8'}"] {
            try Self.npy(header: header).write(to: URL(fileURLWithPath: d + "/x.npy"))
            let r = try CLIRunner.run(["train", "c.json", "--steps", "3", "--json"], in: d)
            #expect(r.status == 0, "\(header): \(r.stderr)")
            let o = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
            losses.append("\(o?["initialLoss"] ?? "none")")
        }
        #expect(Set(losses).count == 1, "the same X whatever the header's form: \(losses)")
        // Fortran order: the same matrix stored column by column.
        var h = "{'descr': '<f8', 'fortran_order': True, 'shape': (4, 2), }"
        while (10 + h.utf8.count + 1) % 64 != 0 { h += " " }
        h += "\n"
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(h.utf8.count), 0] + Array(h.utf8)
        for v in [1.0, 0, 1, 2, 0, 1, 1, -1] { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes += $0 } }
        try Data(bytes).write(to: URL(fileURLWithPath: d + "/x.npy"))
        let r = try CLIRunner.run(["train", "c.json", "--steps", "3", "--json"], in: d)
        let o = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect("\(o?["initialLoss"] ?? "none")" == losses[0])
    }

    // MARK: 11. labels

    @Test("11. 40,000 point labels load in linear time")
    func manyLabels() throws {
        let d = try CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(atPath: d) }
        var points: [String: [Double]] = [:]
        for i in 0..<40_000 { points[String(format: "p%06d", i)] = [0.1, 0.1, 0.1, 0.1, 0.1, 0.1] }
        let config: [String: Any] = ["name": "labels", "widths": [2, 2, 1], "masks": [[[1, 1], [1, 1]], [[1], [1]]],
                                     "X": [[1, 0], [0, 1], [1, 1], [2, -1]], "Y": [[1], [0], [1], [3]], "points": points]
        try JSONSerialization.data(withJSONObject: config).write(to: URL(fileURLWithPath: d + "/labels.json"))
        let started = Date()
        let r = try CLIRunner.run(["certify", "labels.json", "--point", "p039999"], in: d)
        let seconds = Date().timeIntervalSince(started)
        #expect(r.status == 0, "\(r.stderr.prefix(300))")
        #expect(seconds < 15, "40,000 labels took \(seconds) s (quadratic lookups took 57 s in a debug build)")
    }

    // MARK: 12. smaller cases

    @Test("12a. a later output that cannot be written leaves no earlier one: path --saddle-out without a saddle")
    func failedLaterOutputPublishesNothing() throws {
        let d = try CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(atPath: d) }
        let r = try CLIRunner.run(["path", "theorem5", "--from", "best-found", "--to", "paper-better", "--images", "5", "--iterations", "50",
                                   "--candidates", "1", "--out", "pb.csv", "--saddle-out", "s.json", "--plot", "pb.svg"], in: d)
        Self.expectRefusal(r, "no certified saddle")
        #expect(Self.files(d).isEmpty, "\(Self.files(d))")
    }

    @Test("12a. train --out --trajectory --plot on a full disk: the three outputs or none")
    func fullDiskPublishesNothing() throws {
        let d = try CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(atPath: d) }
        let small = d + "/small"
        try FileManager.default.createDirectory(atPath: small, withIntermediateDirectories: false)
        let mounted = try CLIRunner.run(["-t", "tmpfs", "-o", "size=20k", "tmpfs", small], executable: "/bin/mount")
        guard mounted.status == 0 else {
            print("ReliabilityTests: skipped the full-disk case: cannot mount a tmpfs (\(mounted.stderr.prefix(100)))")
            return
        }
        defer { _ = try? CLIRunner.run([small], executable: "/bin/umount") }
        let r = try CLIRunner.run(["train", "theorem5", "--steps", "2000", "--out", "small/p.json", "--trajectory", "small/t.csv",
                                   "--plot", "small/f.svg"], in: d)
        Self.expectRefusal(r, "No space left on device")
        #expect(Self.files(small).isEmpty, "\(Self.files(small))")
    }

    @Test("12b. file names of 243-255 bytes are written; longer ones (or a sidecar's) are refused before any work")
    func longNames() throws {
        let d = try CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(atPath: d) }
        // NAME.csv of n bytes has the sidecar NAME.json of n + 1 bytes: up to 254 the pair fits.
        for n in [243, 250, 254] {
            let name = String(repeating: "a", count: n - 4) + ".csv"
            let r = try CLIRunner.run(["slice", "theorem5", "--point", "spurious-minimum", "--grid", "5", "--out", name], in: d)
            #expect(r.status == 0, "\(n) bytes: \(r.stderr.prefix(200))")
            #expect(FileManager.default.fileExists(atPath: d + "/" + name))
            #expect(try Self.pairMatches(d + "/" + name))
        }
        #expect(Self.temporaries(d).isEmpty)
        let before = Self.files(d)
        let sidecar = String(repeating: "c", count: 251) + ".csv"
        Self.expectRefusal(try CLIRunner.run(["slice", "theorem5", "--point", "spurious-minimum", "--grid", "5", "--out", sidecar], in: d),
                           "--out's sidecar: cannot write 'ccc")
        let long = String(repeating: "b", count: 256) + ".csv"
        let r = try CLIRunner.run(["slice", "theorem5", "--point", "spurious-minimum", "--grid", "5", "--out", long], in: d)
        Self.expectRefusal(r, "its name is 260 bytes long, over the 255 bytes a file name may have here")
        // A plot of 255 bytes is written too.
        let plot = String(repeating: "p", count: 251) + ".svg"
        #expect(try CLIRunner.run(["train", "theorem5", "--steps", "20", "--plot", plot], in: d).status == 0)
        #expect(Self.files(d) == (before + [plot]).sorted())
    }

    @Test("12d. a duplicated .npz member is named by a short excerpt")
    func duplicateNpzMember() throws {
        let d = try CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(atPath: d) }
        let member = "W" + String(repeating: "x", count: 1000) + ".npy"
        let script = "import zipfile,warnings;warnings.simplefilter('ignore');z=zipfile.ZipFile('dup.npz','w');z.writestr('\(member)',b'x');z.writestr('\(member)',b'x');z.close()"
        let made = try CLIRunner.run(["-c", script], in: d, executable: "/usr/bin/python3")
        try #require(made.status == 0, "\(made.stderr)")
        let r = try CLIRunner.run(["certify", "theorem5", "--point", "dup.npz"], in: d)
        Self.expectRefusal(r, "holds two arrays named 'Wxxx")
        #expect(r.stderr.utf8.count < 300, "\(r.stderr.utf8.count) bytes")
    }

    @Test("12e. a valid number in a CSV cell of 5,000 bytes is read")
    func longCSVCell() throws {
        let d = try CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(atPath: d) }
        try Self.write("1." + String(repeating: "0", count: 5000) + ",0\n0,1\n1,1\n2,-1\n", to: d + "/x.csv")
        try Self.write("1,0\n0,1\n1,1\n2,-1\n", to: d + "/short.csv")
        var losses: [String] = []
        for x in ["x.csv", "short.csv"] {
            try Self.write(#"{"widths": [2, 2, 1], "masks": [[[1, 1], [1, 1]], [[1], [1]]], "X": "\#(x)", "Y": [[1], [0], [1], [3]], "start": [0.5, -0.25, 0.75, 0.1, 1.0, -0.5]}"#, to: d + "/c.json")
            let r = try CLIRunner.run(["train", "c.json", "--steps", "3", "--json"], in: d)
            #expect(r.status == 0, "\(x): \(r.stderr.prefix(200))")
            let o = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
            losses.append("\(o?["initialLoss"] ?? "none")")
        }
        #expect(losses[0] == losses[1], "\(losses)")
    }

    @Test("12g. a FIFO or /dev/zero as input is refused by its kind, without waiting")
    func fifoAndDeviceInputs() throws {
        let d = try CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(atPath: d) }
        #expect(mkfifo(d + "/fifo.csv", 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: d + "/zero.npy", withDestinationPath: "/dev/zero")
        for (x, message) in [("fifo.csv", "fifo.csv: is a FIFO (named pipe), expected a regular file"),
                             ("zero.npy", "zero.npy: is a character device, expected a regular file")] {
            try Self.write(#"{"widths": [2, 2, 1], "masks": [[[1, 1], [1, 1]], [[1], [1]]], "X": "\#(x)", "Y": [[1], [0], [1], [3]]}"#, to: d + "/c.json")
            Self.expectRefusal(try CLIRunner.run(["train", "c.json", "--steps", "3"], in: d, timeout: 30), message)
        }
        Self.expectRefusal(try CLIRunner.run(["train", "fifo.csv"], in: d, timeout: 30), "is a FIFO (named pipe)")
        Self.expectRefusal(try CLIRunner.run(["sweep-merge", "/dev/zero"], in: d, timeout: 30), "is a character device")
    }
}
