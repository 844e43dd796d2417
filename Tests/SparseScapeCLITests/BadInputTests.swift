import Foundation
import Testing
import SparseScapeTestSupport

/// Every class of bad input gets one clear line on stderr and exit status 2 — never a crash, trap or hang.
@Suite struct BadInputTests {
    static let good = #"{"widths": [2, 2, 1], "masks": [[[1, 0], [1, 1]], [[1], [1]]], "X": [[1, 0], [0, 1], [1, 1]], "Y": [[1], [2], [3]]}"#

    /// Files for the cases below, written once per test.
    static func fixtures() throws -> String {
        let d = try CLIRunner.tempDir()
        func put(_ name: String, _ text: String) throws { try text.write(toFile: d + "/" + name, atomically: true, encoding: .utf8) }
        try put("good.json", good)
        try put("malformed.json", "{\"widths\": [2, 1], ")
        try put("shape.json", #"{"widths": [2, 1], "masks": [[[1], [0]]], "X": [[1, 2, 3]], "Y": [[1]]}"#)
        try put("mask.json", #"{"widths": [2, 1], "masks": [[[1], [0.5]]], "X": [[1, 2]], "Y": [[1]]}"#)
        try put("nan.json", #"{"widths": [2, 1], "masks": [[[1], [1]]], "X": "x.csv", "Y": [[1], [2]]}"#)
        try put("x.csv", "1,2\nnan,4\n")
        try put("huge.json", #"{"widths": [2, 1], "masks": [[[1], [1]]], "X": "huge.npy", "Y": [[1]]}"#)
        var header = "{'descr': '<f8', 'fortran_order': False, 'shape': (100000000000, 2), }"
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        var npy = Data([0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.utf8.count), 0])
        npy.append(contentsOf: Array(header.utf8))
        npy.append(contentsOf: [UInt8](repeating: 0, count: 32))
        try npy.write(to: URL(fileURLWithPath: d + "/huge.npy"))
        try put("corrupt.json", #"{"widths": [2, 1], "masks": [[[1], [1]]], "X": "corrupt.npy", "Y": [[1]]}"#)
        try put("corrupt.npy", "\u{93}NUMPY garbage")
        try put("widths.json", #"{"widths": [2, 100000, 100000, 1], "masks": [], "X": [[1, 2]], "Y": [[1]]}"#)
        try put("overflow.json", #"{"widths": [2, 1], "masks": [[[1], [1]]], "X": [[1e300, 1e300]], "Y": [[1]]}"#)
        try put("short.json", #"{"params": [1, 2]}"#)
        try put("badpoint.json", #"{"params": "x"}"#)
        try FileManager.default.createDirectory(atPath: d + "/adir", withIntermediateDirectories: true)
        return d
    }

    static let cases: [(args: [String], mention: String)] = [
        (["train", "malformed.json"], "malformed JSON"),
        (["train", "shape.json"], "columns"),
        (["train", "mask.json"], "0 or 1"),
        (["train", "nan.json"], "non-finite"),
        (["train", "huge.json"], "truncated .npy"),
        (["train", "corrupt.json"], "not a valid .npy"),
        (["train", "widths.json"], "masks"),
        (["train", "overflow.json"], "non-finite"),
        (["train", "missing.json"], "no such file"),
        (["train", "adir"], "directory"),
        (["train", "nosuchpreset"], "neither a config file nor a preset"),
        (["train", "good.json", "--lr", "0"], "--lr"),
        (["train", "good.json", "--lr", "-0.1"], "--lr"),
        (["train", "good.json", "--lr", "nan"], "--lr"),
        (["train", "good.json", "--steps=-5"], "--steps must be zero or positive (got -5)"),
        (["train", "good.json", "--optimizer", "sgd"], "unknown optimizer"),
        (["train", "theorem5", "--optimizer", "bcd"], "dense second layer"),
        (["train", "good.json", "--point", "short.json"], "has 2 parameters"),
        (["train", "good.json", "--point", "badpoint.json"], "params"),
        (["train", "good.json", "--tol=-1"], "tolerance"),
        (["train", "good.json", "--out", "no/such/dir/p.json"], "does not exist"),
        (["train", "good.json", "--seed", "-3"], "--seed"),
        (["certify", "good.json"], "--point"),
        (["certify", "good.json", "--point", "short.json"], "has 2 parameters"),
        (["search", "good.json", "--restarts", "0"], "restarts"),
        (["presets", "show", "nope"], "unknown preset"),
        (["critical", "good.json", "--starts", "0"], "starts"),
        (["regrow", "good.json"], "--point"),
        (["landscape", "good.json", "--starts", "0"], "starts"),
        (["landscape", "good.json", "--path-minima=-1"], "--path-minima"),
        (["landscape", "theorem5", "--starts", "4", "--dot", "no/such/dir/g.dot"], "does not exist"),
        (["path", "theorem5", "--from", "spurious-minimum"], "--to"),
        (["path", "theorem5", "--from", "spurious-minimum", "--to", "best-found", "--out", "no/such/dir/p.csv"], "does not exist"),
        (["path", "theorem5", "--from", "spurious-minimum", "--to", "nowhere"], "unknown reference point (labels: "),
        (["path", "theorem5", "--from", "spurious-minimum", "--to", "best-found", "--images", "2"], "--images must be at least 3 (got 2)"),
        (["path", "theorem5", "--from", "spurious-minimum", "--to", "best-found", "--candidates", "0"], "--candidates"),
        (["path", "theorem5", "--from", "short.json", "--to", "best-found"], "has 2 parameters"),
        (["regrow", "good.json", "--point", "short.json"], "has 2 parameters"),
        (["regrow", "theorem5", "--point", "nowhere"], "unknown reference point (labels: "),
        // A label the config lacks is named as a label, with the labels there are (not "no such file").
        (["certify", "theorem1-scalar", "--point", "spurious-minimum"], "spurious-minimum: unknown reference point (labels: global-minimum) and no such file"),
        (["certify", "good.json", "--point", "spurious-minimum"], "spurious-minimum: unknown reference point: this config has no labelled points"),
        (["certify", "good.json", "--point", "missing.json"], "missing.json: no such file"),
        (["critical", "good.json", "--grad-tol", "nan"], "--grad-tol"),
        (["critical", "good.json", "--iterations", "0"], "--iterations must be at least 1 (got 0)"),
        (["critical", "good.json", "--init-scale=-1"], "initial scale"),
        (["critical", "nosuchpreset"], "neither a config file nor a preset"),
        (["search", "good.json", "--optimizer", "newtonian"], "unknown optimizer"),
        (["train", "good.json", "--bogus"], "--bogus"),
        (["frobnicate"], "frobnicate"),
        (["slice", "theorem5", "--point", "spurious-minimum", "--out", "no/such/dir/s.csv"], "does not exist"),
        (["slice", "theorem5", "--point", "spurious-minimum", "--grid", "1", "--out", "s.csv"], "--grid"),
        (["slice", "theorem5", "--point", "spurious-minimum", "--span", "0", "--out", "s.csv"], "--span"),
        (["slice", "theorem5", "--point", "spurious-minimum", "--dirs", "sideways", "--out", "s.csv"], "unknown --dirs"),
        (["slice", "theorem5", "--point", "spurious-minimum", "--dirs", "toward:nowhere", "--out", "s.csv"], "unknown reference point (labels: "),
        (["slice", "theorem5", "--point", "spurious-minimum", "--dir1", "short.json", "--dir2", "short.json", "--out", "s.csv"], "has 2 parameters"),
        (["slice", "theorem5", "--point", "spurious-minimum", "--dirs", "hessian:3,3", "--out", "s.csv"], "distinct"),
        (["slice", "theorem5", "--point", "spurious-minimum", "--dirs", "plane:best-found", "--out", "s.csv"], "two points"),
        (["slice", "theorem5", "--point", "spurious-minimum", "--dirs", "plane:best-found,spurious-minimum", "--out", "s.csv"], "equals the center"),
        (["path", "theorem5", "--from", "best-found", "--to", "paper-better", "--saddle-out", "s.json"], "no certified saddle"),
        (["slice", "theorem5", "--point", "spurious-minimum", "--out", "adir"], "directory"),
    ]

    @Test(arguments: cases.indices)
    func badInputExitsWithStatus2AndOneLine(_ i: Int) throws {
        let dir = try Self.fixtures()
        let c = Self.cases[i]
        let r = try CLIRunner.run(c.args, in: dir, timeout: 60)
        #expect(r.status == 2, "\(c.args): status \(r.status), stderr: \(r.stderr)")
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(c.args): stderr has \(lines.count) lines: \(r.stderr)")
        #expect(r.stderr.contains(c.mention), "\(c.args): \(r.stderr)")
        #expect(r.stdout.isEmpty, "\(c.args): stdout not empty: \(r.stdout)")
        // No half-written files are left behind.
        let left = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".tmp-") }
        #expect(left.isEmpty)
    }
}
