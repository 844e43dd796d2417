import Foundation
import Testing
import SparseScapeCore
import SparseScapeTestSupport

/// `certify --density`, `train --trajectory` and `slice --dirs pca:` as a user runs them.
@Suite struct DensityAndPCATests {
    static func json(_ s: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: Any])
    }

    /// Rows of numbers of a CSV file (header dropped).
    static func rows(_ path: String) throws -> (header: String, rows: [[Double]]) {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        return (String(lines[0]), try lines.dropFirst().map { line in try line.split(separator: ",").map { try #require(Double($0)) } })
    }

    /// A dense 20-20-10 network on 60 random samples and a random point in `dir`: config.json, point.json.
    static func midSizeNetwork(in dir: String) throws {
        var g = SeededGenerator(seed: 1234)
        func matrix(_ r: Int, _ c: Int) -> String {
            "[" + (0..<r).map { _ in "[" + (0..<c).map { _ in "\(g.gaussian())" }.joined(separator: ",") + "]" }.joined(separator: ",") + "]"
        }
        func ones(_ r: Int, _ c: Int) -> String { "[" + (0..<r).map { _ in "[" + Array(repeating: "1", count: c).joined(separator: ",") + "]" }.joined(separator: ",") + "]" }
        let config = #"{"name": "mid", "widths": [20, 20, 10], "masks": ["# + ones(20, 20) + "," + ones(20, 10) + #"], "X": "# + matrix(60, 20) + #", "Y": "# + matrix(60, 10) + "}"
        try config.write(toFile: dir + "/config.json", atomically: true, encoding: .utf8)
        let point = (0..<600).map { _ in "\(0.3 * g.gaussian())" }.joined(separator: ",")
        try "{\"params\": [\(point)]}".write(toFile: dir + "/point.json", atomically: true, encoding: .utf8)
    }

    @Test func certifyDensityPrintsAHistogramWritesTheCSVAndAddsTheTraceToJSON() throws {
        let dir = try CLIRunner.tempDir()
        let text = try CLIRunner.run(["certify", "dense-baseline", "--point", "global-minimum", "--density", "d.csv"], in: dir)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("spectral density  exact: the 12 eigenvalues of the Hessian (LAPACK dsyevd)"))
        let bars = text.stdout.split(separator: "\n").filter { $0.hasPrefix("  [") }
        #expect(bars.count == 16, "\(text.stdout)")
        #expect(bars.first!.contains("33.33%") && bars.first!.contains("     4  ████"), "the four symmetry zeros: \(bars.first!)")
        #expect(text.stdout.contains("wrote d.csv"))
        let (header, csv) = try Self.rows(dir + "/d.csv")
        #expect(header == "lambda,density" && csv.count == 256 && csv.allSatisfy { $0.count == 2 })
        let h = csv[1][0] - csv[0][0]
        let mass = h * (csv.reduce(0) { $0 + $1[1] } - (csv.first![1] + csv.last![1]) / 2)
        #expect(abs(mass - 1) <= 1e-8, "∫ρ = \(mass)")

        let r = try CLIRunner.run(["certify", "dense-baseline", "--point", "global-minimum", "--json", "--density"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let o = try Self.json(r.stdout)
        let ev = try #require(o["hessianEigenvalues"] as? [Double])
        let d = try #require(o["density"] as? [String: Any])
        #expect((d["method"] as? String) == "exact" && d["csv"] is NSNull)
        let trace = try #require(d["trace"] as? Double)
        #expect(abs(trace - ev.reduce(0, +)) <= 1e-12 * abs(trace), "trace \(trace) vs Σλ \(ev.reduce(0, +))")
        #expect((d["traceStandardError"] as? Double) == 0)
        #expect((d["lambdaMin"] as? Double) == ev.first && (d["lambdaMax"] as? Double) == ev.last)
        #expect(abs((d["meanEigenvalue"] as? Double ?? 0) - trace / 12) <= 1e-12 * trace)
        let lambda = try #require(d["lambda"] as? [Double]), rho = try #require(d["density"] as? [Double])
        // The same grid and values as the CSV (JSONSerialization on Linux may misread the last bit).
        #expect(lambda.count == csv.count && rho.count == csv.count)
        for (k, row) in csv.enumerated() {
            #expect(abs(lambda[k] - row[0]) <= 1e-15 * max(abs(row[0]), 1e-300) && abs(rho[k] - row[1]) <= 1e-15 * max(row[1], 1e-300))
        }
        // Without --density the key is null.
        let plain = try Self.json(try CLIRunner.run(["certify", "dense-baseline", "--point", "global-minimum", "--json"], in: dir).stdout)
        #expect(plain["density"] is NSNull)
    }

    @Test func certifyDensityBySLQAgreesWithTheExactTraceOnAMidSizeNetwork() throws {
        let dir = try CLIRunner.tempDir()
        try Self.midSizeNetwork(in: dir)
        let r = try CLIRunner.run(["certify", "config.json", "--point", "point.json", "--json", "--density-method", "slq",
                                   "--slq-probes", "32", "--slq-steps", "40", "--seed", "5", "--density=slq.csv"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let o = try Self.json(r.stdout)
        let exact = try #require(o["hessianEigenvalues"] as? [Double])
        #expect(exact.count == 600)
        let d = try #require(o["density"] as? [String: Any])
        #expect((d["method"] as? String) == "slq" && (d["probes"] as? Int) == 32 && (d["lanczosSteps"] as? Int) == 40 && (d["seed"] as? Int) == 5)
        #expect((d["hessianVectorProducts"] as? Int) == 32 * 40 && (d["csv"] as? String) == "slq.csv")
        let trace = try #require(d["trace"] as? Double), se = try #require(d["traceStandardError"] as? Double)
        let truth = exact.reduce(0, +)
        #expect(abs(trace - truth) <= 3 * se && abs(trace - truth) <= 0.05 * abs(truth), "trace \(trace) ± \(se) vs Σλ \(truth)")
        let m2 = exact.reduce(0) { $0 + $1 * $1 } / 600
        #expect(abs((d["secondMoment"] as? Double ?? 0) - m2) <= 0.1 * m2)
        let width = exact.last! - exact.first!
        #expect(abs((d["lambdaMax"] as? Double ?? 0) - exact.last!) <= 1e-6 * width)
        #expect(FileManager.default.fileExists(atPath: dir + "/slq.csv"))
        // The text report says how it was computed.
        let t = try CLIRunner.run(["certify", "config.json", "--point", "point.json", "--density-method", "slq", "--slq-probes", "4",
                                   "--slq-steps", "10", "--density"], in: dir)
        #expect(t.status == 0, "\(t.stderr)")
        #expect(t.stdout.contains("stochastic Lanczos quadrature: 4 Rademacher probes × ≤ 10 Lanczos steps (40 Hessian-vector products, seed 0)"))
        #expect(t.stdout.contains("(Hutchinson estimate ± standard error, 4 probes)"))
        // Bad settings are one line and status 2.
        let bad = try CLIRunner.run(["certify", "dense-baseline", "--point", "global-minimum", "--density-method", "magic", "--density"], in: dir)
        #expect(bad.status == 2 && bad.stderr.contains("unknown density method 'magic'"), "\(bad.stderr)")
    }

    @Test func trainRecordsATrajectoryAndSlicePCADrawsItWithItsOffPlaneDistance() throws {
        let dir = try CLIRunner.tempDir()
        let train = try CLIRunner.run(["train", "dense-baseline", "--out", "end.json", "--trajectory", "path.csv", "--json"], in: dir)
        #expect(train.status == 0, "\(train.stderr)")
        let o = try Self.json(train.stdout)
        let steps = try #require(o["steps"] as? Int)
        let (header, path) = try Self.rows(dir + "/path.csv")
        #expect(header == "iteration,loss," + (1...12).map { "p\($0)" }.joined(separator: ","))
        #expect((o["trajectory"] as? String) == "path.csv" && (o["trajectoryPoints"] as? Int) == path.count)
        let iterations = path.map { Int($0[0]) }
        #expect(iterations.prefix(8) == [0, 1, 2, 3, 4, 5, 6, 8] && iterations.last == steps)
        let end = try PointFile.read(dir + "/end.json", expectedCount: 12)
        #expect(Array(path.last!.dropFirst(2)) == end, "the trajectory ends at the final point, bit for bit")

        let slice = try CLIRunner.run(["slice", "dense-baseline", "--point", "end.json", "--dirs", "pca:path.csv", "--span", "6",
                                       "--grid", "11", "--out", "pca.csv"], in: dir)
        #expect(slice.status == 0, "\(slice.stderr)")
        #expect(slice.stdout.contains("PCA of path.csv (\(path.count) points, mean-centred"))
        #expect(slice.stdout.contains("wrote pca.trajectory.csv"))
        let sidecar = try Self.json(try String(contentsOfFile: dir + "/pca.json", encoding: .utf8))
        #expect((sidecar["directions"] as? String) == "pca:path.csv")
        let pca = try #require(sidecar["pca"] as? [String: Any])
        let ratio = try #require(pca["explainedVariance"] as? [Double])
        #expect(ratio.count == 2 && ratio[0] >= ratio[1] && ratio[1] > 0 && ratio[0] + ratio[1] <= 1 + 1e-12)
        #expect((pca["centerOffset"] as? Double) == 0 && (pca["centering"] as? String) == "mean")
        // Every projected point against a direct computation from the sidecar's center and directions.
        let c = try #require(sidecar["center"] as? [Double])
        let d1 = try #require(sidecar["direction1"] as? [Double]), d2 = try #require(sidecar["direction2"] as? [Double])
        let (projectedHeader, projected) = try Self.rows(dir + "/pca.trajectory.csv")
        #expect(projectedHeader == "iteration,alpha,beta,off_plane,loss,plane_loss" && projected.count == path.count)
        var worst = 0.0
        for (p, row) in zip(projected, path) {
            let r = (0..<12).map { row[2 + $0] - c[$0] }
            let a = zip(r, d1).reduce(0) { $0 + $1.0 * $1.1 }, b = zip(r, d2).reduce(0) { $0 + $1.0 * $1.1 }
            let off = (0..<12).reduce(0.0) { $0 + pow(r[$1] - a * d1[$1] - b * d2[$1], 2) }.squareRoot()
            #expect(Int(p[0]) == Int(row[0]))
            #expect(abs(p[1] - a) <= 1e-12 * max(1, abs(a)) && abs(p[2] - b) <= 1e-12 * max(1, abs(b)))
            #expect(abs(p[3] - off) <= 1e-9 * max(1e-5, off), "off-plane \(p[3]) vs \(off)")
            #expect(abs(p[4] - row[1]) <= 1e-12 * max(1, row[1]), "the recomputed loss is the recorded one")
            worst = max(worst, off)
        }
        #expect(abs((pca["maxOffPlane"] as? Double ?? 0) - worst) <= 1e-9 * worst && worst > 0.1)
        #expect(projected.last![1] == 0 && projected.last![2] == 0 && projected.last![3] == 0)

        // --trajectory-every K.
        let every = try CLIRunner.run(["train", "dense-baseline", "--trajectory", "every.csv", "--trajectory-every", "40"], in: dir)
        let expected = Array(stride(from: 0, to: steps, by: 40)) + [steps]
        #expect(every.status == 0 && every.stdout.contains("wrote every.csv: \(expected.count) points (every 40 iterations, and the last)"), "\(every.stdout)")
        #expect(try Self.rows(dir + "/every.csv").rows.map { Int($0[0]) } == expected)
    }

    @Test func trajectoryAndPCAMistakesAreOneLineWithStatus2() throws {
        let dir = try CLIRunner.tempDir()
        let train = try CLIRunner.run(["train", "dense-baseline", "--out", "end.json", "--trajectory", "path.csv"], in: dir)
        #expect(train.status == 0, "\(train.stderr)")
        for (args, mention) in [
            (["train", "dense-baseline", "--trajectory-every", "5"], "--trajectory-every needs --trajectory FILE"),
            (["train", "dense-baseline", "--trajectory", "t.csv", "--trajectory-every", "0"], "--trajectory-every must be at least 1 (got 0)"),
            (["slice", "dense-baseline", "--point", "end.json", "--dirs", "pca:path.csv", "--line", "--out", "x.csv"], "drop --line"),
            (["slice", "dense-baseline", "--point", "end.json", "--dirs", "pca:nowhere.csv", "--out", "x.csv"], "nowhere.csv: no such file"),
            (["slice", "theorem5", "--point", "spurious-minimum", "--dirs", "pca:path.csv", "--out", "x.csv"], "12 parameters but the network has 8"),
            (["slice", "dense-baseline", "--point", "end.json", "--pca-uncentered", "--out", "x.csv"], "--pca-uncentered needs --dirs pca:"),
            (["slice", "dense-baseline", "--point", "end.json", "--dirs", "pca:end.json", "--out", "x.csv"], "not a trajectory file"),
        ] {
            let r = try CLIRunner.run(args, in: dir)
            #expect(r.status == 2 && r.stderr.contains(mention), "\(args): \(r.status) \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(args): \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/x.csv") && !FileManager.default.fileExists(atPath: dir + "/t.csv"))
        // A failed run writes no trajectory.
        let diverged = try CLIRunner.run(["train", "theorem5", "--lr", "10", "--trajectory", "bad.csv"], in: dir)
        #expect(diverged.status == 1 && !FileManager.default.fileExists(atPath: dir + "/bad.csv"))
        // Uncentered: the sidecar says so, and a center away from the trajectory's end is pointed out.
        let u = try CLIRunner.run(["slice", "dense-baseline", "--point", "global-minimum", "--dirs", "pca:path.csv", "--pca-uncentered",
                                   "--span", "6", "--grid", "5", "--out", "u.csv", "--json"], in: dir)
        #expect(u.status == 0, "\(u.stderr)")
        let pca = try #require(try Self.json(u.stdout)["pca"] as? [String: Any])
        #expect((pca["centering"] as? String) == "uncentered" && (pca["centerOffset"] as? Double ?? 0) > 0)
    }
}
