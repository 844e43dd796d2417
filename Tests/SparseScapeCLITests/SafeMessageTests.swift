import Foundation
import Testing
import SparseScapeTestSupport

/// Bad input is told safely through the real binary: one escaped line, short excerpts, no file contents, exit 2.
@Suite struct SafeMessageTests {
    static let good = BadInputTests.good

    /// A directory with good.json, a usable point, a point whose loss overflows, and a direction file.
    static func fixtures() throws -> String {
        let d = try CLIRunner.tempDir()
        func put(_ name: String, _ text: String) throws { try text.write(toFile: d + "/" + name, atomically: true, encoding: .utf8) }
        try put("good.json", good)
        try put("point.json", #"{"params": [1, 2, 3, 4, 5]}"#)
        try put("huge-point.json", #"{"params": [1e200, 1e200, 1e200, 1e200, 1e200]}"#)
        try put("dir.json", #"{"params": [1, -1, 2, 0.5, 3]}"#)
        try put("dir-twice.json", #"{"params": [2, -2, 4, 1, 6]}"#)
        try put("zero.json", #"{"params": [0, 0, 0, 0, 0]}"#)
        return d
    }

    /// Asserts exit status 2, nothing on stdout, and exactly `message` as the one stderr line.
    static func expectError(_ args: [String], _ message: String, in dir: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let r = try CLIRunner.run(args, in: dir, timeout: 60)
        #expect(r.status == 2, "\(args): status \(r.status), stderr: \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr == "sparsescape: error: \(message)\n", "\(args)", sourceLocation: sourceLocation)
        #expect(r.stdout.isEmpty, "\(args): \(r.stdout)", sourceLocation: sourceLocation)
    }

    @Test func aConfigNameWithControlCharactersIsRefusedWithoutEchoingIt() throws {
        let d = try Self.fixtures()
        let hostile = Self.good.replacingOccurrences(of: "{", with: #"{"name": "x\u001B[2J\ny", "#, options: .anchored)
        try hostile.write(toFile: d + "/hostile.json", atomically: true, encoding: .utf8)
        try Self.expectError(["train", "hostile.json"], "hostile.json: name contains a control character (U+001B at character 2); "
                             + "names are shown on the terminal, so they must be plain text", in: d)
    }

    @Test func aFileNameWithControlCharactersIsShownEscapedAsTheNetworkName() throws {
        let d = try Self.fixtures()
        try Self.good.write(toFile: d + "/e\u{1B}[2J\nvil.json", atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["train", "e\u{1B}[2J\nvil.json", "--steps", "3", "--tol", "0"], in: d)
        #expect(r.status == 0, "\(r.stderr)")
        let first = r.stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.hasPrefix("e\\u{1B}[2J\\nvil: gd (step ") && first.contains("), 3 steps, stopped: "), "\(first)")
        #expect(!r.stdout.contains("\u{1B}"))
    }

    @Test func aPathWithANewlineGivesExactlyOneLine() throws {
        let d = try Self.fixtures()
        try Self.expectError(["train", "no\nsuch\u{1B}[2J.json"], "no\\nsuch\\u{1B}[2J.json: no such file", in: d)
    }

    @Test func theArgumentParsersOwnMessagesAreEscapedToo() throws {
        let d = try Self.fixtures()
        let r = try CLIRunner.run(["train", "good.json", "--bo\ngus\u{1B}[2J"], in: d)
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("sparsescape: error: Unknown option '--bo\\ngus\\u{1B}[2J'"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1 && !r.stderr.contains("\u{1B}"))
    }

    @Test func aTenMegabyteThemeValueIsQuotedAsAnExcerpt() throws {
        let d = try Self.fixtures()
        let value = String(repeating: "7", count: 10_000_000)
        try "theme[main_bg]=\"\(value)\"\n".write(toFile: d + "/big.theme", atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["explore", "good.json", "--theme", "big.theme"], in: d)
        #expect(r.status == 2)
        #expect(r.stderr.utf8.count < 300, "\(r.stderr.utf8.count) bytes")
        #expect(r.stderr == "sparsescape: error: theme big.theme line 1: bad colour '\(String(repeating: "7", count: 40))… (10000000 bytes)' "
                + "for main_bg (expected #RRGGBB, #RGB, #GG or \"R G B\")\n")
    }

    @Test func aFileThatIsNotAThemeIsNeverEchoed() throws {
        let d = try Self.fixtures()
        try "root:x:0:0:root:/root:/bin/bash\n".write(toFile: d + "/passwd", atomically: true, encoding: .utf8)
        try Self.expectError(["explore", "good.json", "--theme", "./passwd"],
                             "./passwd: not a theme file (line 1: expected 'theme[key]=\"#RRGGBB\"')", in: d)
        try Data([0x89, 0x50, 0x4E, 0x47, 0xFF, 0xFE, 0x00]).write(to: URL(fileURLWithPath: d + "/binary.theme"))
        try Self.expectError(["explore", "good.json", "--theme", "binary.theme"], "binary.theme: not a theme file (not UTF-8 text)", in: d)
        if FileManager.default.fileExists(atPath: "/etc/passwd") {
            let r = try CLIRunner.run(["explore", "good.json", "--theme", "/etc/passwd"], in: d)
            #expect(r.status == 2 && !r.stderr.contains("root:") && r.stderr.contains("/etc/passwd: not a theme file (line "))
        }
    }

    @Test(arguments: [
        (["search", "good.json", "--restarts=-1"], "--restarts must be at least 1 (got -1)"),
        (["search", "good.json", "--restarts", "-1"], "--restarts must be at least 1 (got -1)"),
        (["certify", "good.json", "--point", "point.json", "--restarts=-1"], "--restarts must be zero or positive (got -1)"),
        (["train", "good.json", "--steps", "-1"], "--steps must be zero or positive (got -1)"),
        (["train", "good.json", "--lr", "-0.1"], "--lr must be a positive finite number, got -0.1"),
        (["train", "good.json", "--seed", "-2"], "--seed must be zero or positive (got -2)"),
        (["search", "good.json", "--steps", "0"], "--steps must be at least 1 (got 0)"),
        (["prune", "good.json", "--steps", "-3"], "--steps must be at least 1 (got -3)"),
        (["sweep", "good.json", "--sample", "-1"], "--sample must be at least 1 (got -1)"),
        (["critical", "good.json", "--starts", "-1"], "--starts must be at least 1 (got -1)"),
        (["landscape", "good.json", "--path-minima", "-1"], "--path-minima must be zero or positive (got -1)"),
        (["path", "good.json", "--from", "point.json", "--to", "dir.json", "--candidates", "0"], "--candidates must be at least 1 (got 0)"),
        (["verify-theorems", "--trials", "-5"], "--trials must be at least 1 (got -5)"),
        (["certify", "good.json", "--point", "point.json", "--density", "--slq-probes", "-1"], "--slq-probes must be at least 1 (got -1)"),
        (["slice", "good.json", "--point", "point.json", "--grid", "-7", "--out", "s.csv"], "--grid must be at least 2 (got -7)"),
    ])
    func countOptionsRejectNegativesNamingTheOptionAndValue(args: [String], message: String) throws {
        try Self.expectError(args, message, in: try Self.fixtures())
    }

    @Test func aLegalNegativeValueStillWorks() throws {
        let d = try Self.fixtures()
        let r = try CLIRunner.run(["slice", "good.json", "--point", "point.json", "--dirs", "hessian", "--line", "--span", "0.5", "--out", "l.csv"], in: d)
        #expect(r.status == 0, "\(r.stderr)")
        let t = try String(contentsOfFile: d + "/l.csv", encoding: .utf8).split(separator: "\n")
        #expect(t[1].hasPrefix("-0.5,"))
    }

    @Test(arguments: [
        (["--dir1", "dir.json", "--dir2", "dir.json", "--orthogonalize"], "--dir2 is parallel to --dir1 (cos 1.000000); the plane is degenerate"),
        (["--dir1", "dir.json", "--dir2", "dir-twice.json"], "--dir2 is parallel to --dir1 (cos 1.000000); the plane is degenerate"),
        (["--dir1", "dir.json", "--dir2", "zero.json"], "--dir2 is zero; a slice direction needs a length"),
        (["--dir1", "zero.json", "--line"], "--dir1 is zero; a slice direction needs a length"),
    ])
    func degenerateDirectionsAreRefused(extra: [String], message: String) throws {
        try Self.expectError(["slice", "good.json", "--point", "point.json", "--out", "s.csv"] + extra, message, in: try Self.fixtures())
    }

    @Test(arguments: [
        ["train", "good.json", "--point", "huge-point.json"],
        ["certify", "good.json", "--point", "huge-point.json"],
        ["slice", "good.json", "--point", "huge-point.json", "--out", "s.csv"],
        ["regrow", "good.json", "--point", "huge-point.json"],
        ["explore", "good.json", "--point", "huge-point.json"],
    ])
    func aPointWhoseLossOverflowsIsBadInputEverywhere(args: [String]) throws {
        try Self.expectError(args, "--point 'huge-point.json': the loss at this point is not finite (NaN); its weights are too large for the data",
                             in: try Self.fixtures())
    }

    @Test func aPathEndpointWhoseLossOverflowsIsBadInput() throws {
        try Self.expectError(["path", "good.json", "--from", "point.json", "--to", "huge-point.json"],
                             "--to 'huge-point.json': the loss at this point is not finite (NaN); its weights are too large for the data",
                             in: try Self.fixtures())
    }
}
