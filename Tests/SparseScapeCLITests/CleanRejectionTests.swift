import Foundation
import Testing
import SparseScapeTestSupport

/// The cases the adversarial corpus (scripts/adversarial.py) found unclean, through the real binary: every
/// rejection is one short line that never shows the text of a file that is not what it should be, and a name from
/// the input reaches stdout escaped.
@Suite struct CleanRejectionTests {
    /// Planted in files of the wrong kind; must never be printed.
    static let secret = "s3cr3t-c0ntent-7f"
    static let base = #""widths": [2, 2, 1], "masks": [[[1, 1], [1, 1]], [[1], [1]]]"#
    static let data = #""X": [[1, 0], [0, 1], [1, 1], [2, -1]], "Y": [[1], [0], [1], [3]]"#

    /// A .npy file with the given header dictionary and 64 bytes of zeros.
    static func npy(header: String) -> Data {
        var h = header
        while (10 + h.utf8.count + 1) % 64 != 0 { h += " " }
        h += "\n"
        var out = Data([0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(h.utf8.count & 0xFF), UInt8(h.utf8.count >> 8)])
        out.append(contentsOf: Array(h.utf8))
        out.append(Data(count: 64))
        return out
    }

    /// Files for the cases below, written once per test.
    static func fixtures() throws -> String {
        let d = try CLIRunner.tempDir()
        func put(_ name: String, _ text: String) throws { try text.write(toFile: d + "/" + name, atomically: true, encoding: .utf8) }
        try put("good.json", "{\(base), \(data)}")
        try put("big.json", "{\(base), \(data), \"start\": [1e300, 1e300, 1e300, 1e300, 1e300, 1e300]}")
        let ones = { (n: Int) in Array(repeating: "1", count: n).joined(separator: ", ") }
        let unitMasks = { (n: Int) in Array(repeating: "[[1]]", count: n).joined(separator: ", ") }
        try put("deep.json", #"{"widths": [\#(ones(2001))], "masks": [\#(unitMasks(1999))], "X": [[1]], "Y": [[1]]}"#)
        try put("zero.json", #"{"widths": [\#(ones(5000)), 0], "masks": [\#(unitMasks(5000))], "X": [[1]], "Y": [[1]]}"#)
        let labels = (0..<1000).map { #""label\#($0)": [0, 0, 0, 0, 0, 0]"# }.joined(separator: ", ")
        try put("labels.json", "{\(base), \(data), \"points\": {\(labels)}}")
        try put("csv.json", #"{\#(base), "X": "x.csv", "Y": [[1], [0], [1], [3]]}"#)
        try put("x.csv", "a,b\n\(secret),\(secret)\n")
        try put("passwd.json", #"{\#(base), "X": "passwd.csv", "Y": [[1], [0], [1], [3]]}"#)
        try put("passwd.csv", "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n")
        try put("typo.json", #"{\#(base), "X": "typo.csv", "Y": [[1], [0], [1], [3]]}"#)
        try put("typo.csv", "1,0\n0,1\n1,l\n2,-1\n")
        for (name, header) in [("shape", "{'descr': '<f8', 'fortran_order': False, 'shape': (\(secret), 2), }"),
                               ("negative", "{'descr': '<f8', 'fortran_order': False, 'shape': (-4, 2), }"),
                               ("dtype", "{'descr': '\(secret)', 'fortran_order': False, 'shape': (4, 2), }"),
                               ("int", "{'descr': '<i8', 'fortran_order': False, 'shape': (4, 2), }")] {
            try npy(header: header).write(to: URL(fileURLWithPath: d + "/\(name).npy"))
            try put("\(name)-npy.json", #"{\#(base), "X": "\#(name).npy", "Y": [[1], [0], [1], [3]]}"#)
        }
        return d
    }

    /// Each case: the arguments and the message after "sparsescape: error: " with the fixture directory as "DIR".
    static let cases: [(args: [String], message: String)] = [
        (["train", "deep.json"], "deep.json: expected 2000 masks for widths [1, 1, 1, 1, 1, 1, 1, 1, …] (2001 entries), got 1999"),
        (["analyze", "zero.json"], "zero.json: widths must be between 1 and 1000000, got 0 (entry 5001 of [1, 1, 1, 1, 1, 1, 1, 1, …] (5001 entries))"),
        (["certify", "labels.json", "--point", "nope"], "nope: unknown reference point (labels: label0, label1, label10, label100, label101, … (1000 in all)) and no such file"),
        (["train", "csv.json"], "DIR/x.csv:2: field 1 is not a number and no earlier row or field is: not a CSV file of numbers (its text is not shown)"),
        (["train", "passwd.json"], "DIR/passwd.csv:2: field 1 is not a number and no earlier row or field is: not a CSV file of numbers (its text is not shown)"),
        (["train", "typo.json"], "DIR/typo.csv:3: field 2, 'l', is not a number"),
        (["train", "shape-npy.json"], "DIR/shape.npy: not a valid .npy file: shape entry 1 is not an integer"),
        (["train", "negative-npy.json"], "DIR/negative.npy: not a valid .npy file: shape entry 1 is negative (-4)"),
        (["train", "dtype-npy.json"], "DIR/dtype.npy: unsupported .npy dtype (not a numpy type string) (use float64 or float32)"),
        (["train", "int-npy.json"], "DIR/int.npy: unsupported .npy dtype '<i8' (use float64 or float32)"),
        // Density settings are checked even without --density (they were silently ignored).
        (["certify", "labels.json", "--point", "label0", "--density-method", "bogus"], "unknown density method 'bogus' (auto, exact, slq)"),
        (["certify", "labels.json", "--point", "label0", "--density-sigma", "nan"], "--density-sigma must be positive and finite (got nan)"),
        // demo checks the config's start as train does: an overflowing start is bad input, not a run that diverged.
        (["demo", "big.json"], "the config's start: the loss at this point is not finite (NaN); its weights are too large for the data"),
    ]

    @Test(arguments: cases.indices)
    func rejectionIsOneShortLineWithoutFileText(_ i: Int) throws {
        let dir = try Self.fixtures()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let c = Self.cases[i]
        let r = try CLIRunner.run(c.args, in: dir, timeout: 60)
        #expect(r.status == 2, "\(c.args): status \(r.status), stderr: \(r.stderr)")
        let expected = "sparsescape: error: " + c.message.replacingOccurrences(of: "DIR", with: dir) + "\n"
        #expect(r.stderr == expected, "\(c.args)")
        #expect(r.stderr.replacingOccurrences(of: dir, with: "").utf8.count < 200, "\(c.args): \(r.stderr.utf8.count) bytes")
        #expect(!r.stderr.contains(Self.secret) && !r.stderr.contains("daemon:x"), "\(c.args): \(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    /// Names containing ESC and BEL, as files the commands read or write.
    static let hostileOut = "out/a\u{1B}[31m\u{7}.json"
    static let hostilePoint = "p\u{1B}]0;t\u{7}.json"

    /// Each case: the arguments and the lines stdout must contain (escaped names, relative to the directory).
    static let stdoutCases: [(args: [String], lines: [String])] = [
        (["train", "good.json", "--steps", "5", "--out", hostileOut], [#"wrote out/a\u{1B}[31m\u{7}.json"#]),
        (["path", "good.json", "--from", hostilePoint, "--to", "q.json", "--images", "3", "--iterations", "5",
          "--candidates", "1", "--out", "out/\u{1B}[2Jp.csv"],
         [#"good: minimum-energy path from p\u{1B}]0;t\u{7}.json (L = "#,
          #"wrote out/\u{1B}[2Jp.csv and out/\u{1B}[2Jp.json"#]),
    ]

    @Test(arguments: stdoutCases.indices)
    func namesReachStdoutEscaped(_ i: Int) throws {
        let dir = try Self.fixtures()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/out", withIntermediateDirectories: true)
        try #"{"params": [0.5, -0.25, 0.75, 0.1, 1.0, -0.5]}"#.write(toFile: dir + "/" + Self.hostilePoint, atomically: true, encoding: .utf8)
        try #"{"params": [-0.5, 0.25, -0.75, -0.1, -1.0, 0.5]}"#.write(toFile: dir + "/q.json", atomically: true, encoding: .utf8)
        let c = Self.stdoutCases[i]
        let r = try CLIRunner.run(c.args, in: dir, timeout: 60)
        #expect(r.status == 0, "\(c.args): status \(r.status), stderr: \(r.stderr)")
        let controls = r.stdout.unicodeScalars.filter { $0.value < 0x20 && $0 != "\n" && $0 != "\t" || $0.value == 0x7F }
        #expect(controls.isEmpty, "\(c.args): raw control characters \(controls.map(\.value)) on stdout")
        for line in c.lines {
            #expect(r.stdout.split(separator: "\n").contains { $0.hasPrefix(line) }, "\(c.args): no line starting \(line) in \(r.stdout)")
        }
        // The files themselves keep their real names.
        let written = try FileManager.default.contentsOfDirectory(atPath: dir + "/out")
        #expect(written.contains { $0.contains("\u{1B}") })
    }

    /// A run that diverges from a finite start is a numerical failure (exit 1), not bad input; a given start whose
    /// loss already overflows is bad input (exit 2). The corpus classifier counts the first as 'numerical'.
    @Test func divergenceIsExit1AndAnOverflowingStartIsExit2() throws {
        let dir = try Self.fixtures()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "{\(Self.base), \(Self.data), \"optimizer\": \"gd\", \"lr\": 1e308}".write(toFile: dir + "/lr.json", atomically: true, encoding: .utf8)
        let diverged = try CLIRunner.run(["train", "lr.json", "--steps", "20"], in: dir)
        #expect(diverged.status == 1)
        #expect(diverged.stderr == "sparsescape: error: training diverged after 1 steps; no point written\n")
        let overflow = try CLIRunner.run(["train", "big.json", "--steps", "20"], in: dir)
        #expect(overflow.status == 2)
        #expect(overflow.stderr.hasPrefix("sparsescape: error: the config's start: the loss at this point is not finite"), "\(overflow.stderr)")
    }
}
