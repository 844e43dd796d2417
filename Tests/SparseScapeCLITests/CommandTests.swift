import Foundation
import Testing
import SparseScapeCore
import SparseScapeTestSupport

/// The commands as a user runs them: outputs, JSON fields, files, exit statuses.
@Suite struct CommandTests {
    static func json(_ s: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: Any])
    }

    @Test func trainStallsAtTheSpuriousMinimumAndWritesThePoint() throws {
        let dir = try CLIRunner.tempDir()
        let r = try CLIRunner.run(["train", "theorem5", "--steps", "20000", "--out", "stall.json", "--json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let o = try Self.json(r.stdout)
        #expect(abs((o["loss"] as? Double ?? 0) - 8) < 1e-9)
        #expect((o["stopReason"] as? String) == "gradient-tolerance")
        // Stopped where the relative gradient (‖∇L‖ against the size of its terms) reached 1e-7.
        #expect((o["relativeGradient"] as? Double ?? 1) <= 1e-7)
        // ‖∇L‖ itself is in the loss's units: here its terms are of order 10, so 1e-7 relative is about 1e-6.
        #expect((o["gradientNorm"] as? Double ?? 1) <= 1e-5)
        #expect((o["params"] as? [Double])?.count == 8)
        #expect((o["steps"] as? Int ?? 0) > 0)
        let c = try CLIRunner.run(["certify", "theorem5", "--point", "stall.json", "--json"], in: dir)
        #expect(c.status == 0, "\(c.stderr)")
        let cert = try Self.json(c.stdout)
        #expect((cert["classification"] as? String) == "local-minimum")
        #expect((cert["spurious"] as? Bool) == true)
        let ev = try #require(cert["hessianEigenvalues"] as? [Double])
        #expect(ev.count == 8 && ev == ev.sorted())
        #expect(cert.keys.contains("globalMinimum") && cert.keys.contains("gradientNorm") && cert.keys.contains("loss"))
    }

    @Test func aPointGivenAsPerLayerMatricesCertifiesLikeTheCanonicalVector() throws {
        let dir = try CLIRunner.tempDir()
        // theorem5's spurious minimum, written as W1 (3×2) and W2 (2×3) with zeros at the pruned positions.
        let config = try PresetLibrary.load("theorem5")
        let p = try #require(config.point("spurious-minimum"))
        let w = config.architecture.weights(from: p)
        func rows(_ m: Matrix) -> String {
            "[" + (0..<m.rows).map { i in "[" + (0..<m.cols).map { "\(m[i, $0])" }.joined(separator: ", ") + "]" }.joined(separator: ", ") + "]"
        }
        try "{\"layers\": [\(rows(w[0])), \(rows(w[1]))]}".write(toFile: dir + "/layers.json", atomically: true, encoding: .utf8)
        let a = try CLIRunner.run(["certify", "theorem5", "--point", "layers.json", "--json"], in: dir)
        let b = try CLIRunner.run(["certify", "theorem5", "--point", "spurious-minimum", "--json"], in: dir)
        #expect(a.status == 0, "\(a.stderr)")
        let ca = try Self.json(a.stdout), cb = try Self.json(b.stdout)
        #expect((ca["loss"] as? Double) == (cb["loss"] as? Double))
        #expect((ca["classification"] as? String) == "local-minimum" && (ca["spurious"] as? Bool) == true)
        // A non-zero value at a pruned position is refused with its paper name.
        var bad = w[0]
        bad[0, 1] = 0.5
        try "{\"layers\": [\(rows(bad)), \(rows(w[1]))]}".write(toFile: dir + "/bad.json", atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["certify", "theorem5", "--point", "bad.json"], in: dir)
        #expect(r.status != 0)
        #expect(r.stderr.contains("W1[1,2] is pruned by the mask but the file gives 0.5"), "\(r.stderr)")
    }

    @Test func zeroToleranceRunsExactlyTheSteps() throws {
        let r = try CLIRunner.run(["train", "theorem5", "--steps", "123", "--tol", "0", "--json"])
        let o = try Self.json(r.stdout)
        #expect((o["steps"] as? Int) == 123)
        #expect((o["stopReason"] as? String) == "max-steps")
    }

    @Test func divergenceIsAFailureWithNoPointWritten() throws {
        let dir = try CLIRunner.tempDir()
        let r = try CLIRunner.run(["train", "theorem5", "--lr", "10", "--out", "p.json"], in: dir)
        #expect(r.status == 1)
        #expect(r.stdout.contains("DIVERGED"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/p.json"))
    }

    @Test func presetsListAndShowRoundTripIntoTrain() throws {
        let list = try CLIRunner.run(["presets", "--json"])
        let names = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]]).compactMap { $0["name"] as? String }
        for required in ["theorem5", "appendix-a", "table1-row1", "table1-row2", "table1-row3", "theorem1-scalar",
                         "theorem2-disjoint", "deep-scalar", "dense-baseline"] {
            #expect(names.contains(required), "missing preset \(required)")
        }
        let dir = try CLIRunner.tempDir()
        let show = try CLIRunner.run(["presets", "show", "table1-row1"])
        try show.stdout.write(toFile: dir + "/mine.json", atomically: true, encoding: .utf8)
        let a = try CLIRunner.run(["train", "mine.json", "--steps", "50", "--json"], in: dir)
        let b = try CLIRunner.run(["train", "table1-row1", "--steps", "50", "--json"])
        #expect(a.status == 0 && b.status == 0)
        #expect((try Self.json(a.stdout)["params"] as? [Double]) == (try Self.json(b.stdout)["params"] as? [Double]))
    }

    @Test func certifyAcceptsReferencePointLabels() throws {
        let r = try CLIRunner.run(["certify", "theorem5", "--point", "spurious-minimum"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("SPURIOUS local minimum"))
        #expect(r.stdout.contains("0.1916"))
    }

    @Test func searchFindsBothTable1Minima() throws {
        let r = try CLIRunner.run(["search", "table1-row1", "--restarts", "16", "--steps", "600", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try Self.json(r.stdout)
        let minima = try #require(o["minima"] as? [[String: Any]])
        let losses = minima.compactMap { $0["loss"] as? Double }
        #expect(losses.contains { abs($0 - 0.5143043518476249) < 1e-12 })
        #expect(losses.contains { abs($0 - 0.6781647585270727) < 1e-12 })
        let counts = minima.compactMap { $0["count"] as? Int }
        #expect(counts.reduce(0, +) + (o["diverged"] as? Int ?? 0) + (o["escaping"] as? Int ?? 0) == 16)
    }

    @Test func searchJSONListsEveryRunAndTheValleys() throws {
        let r = try CLIRunner.run(["search", "theorem5", "--restarts", "40", "--optimizer", "lbfgs", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try Self.json(r.stdout)
        let runs = try #require(o["runs"] as? [[String: Any]])
        #expect(runs.count == 40)
        for run in runs {
            for key in ["restart", "outcome", "loss", "gradientNorm", "parameterNorm", "reason", "steps", "stopReason"] {
                #expect(run[key] != nil, "run lacks \(key)")
            }
        }
        let minima = try #require(o["minima"] as? [[String: Any]])
        let critical = runs.filter { ($0["outcome"] as? String) == "critical" }.count
        #expect(critical == minima.compactMap { $0["count"] as? Int }.reduce(0, +))
        let first = try #require(minima.first?["certificate"] as? [String: Any])
        #expect((first["classification"] as? String) == "global-minimum")
        #expect(o["valleys"] is [Any])
    }

    @Test func criticalListsMinimaAndSaddlesByLoss() throws {
        let r = try CLIRunner.run(["critical", "theorem5", "--starts", "40", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try Self.json(r.stdout)
        let points = try #require(o["points"] as? [[String: Any]])
        let losses = points.compactMap { $0["loss"] as? Double }
        #expect(losses == losses.sorted() && losses.count == points.count)
        for p in points {
            for key in ["loss", "index", "classification", "gradientNorm", "count", "params"] { #expect(p[key] != nil, "point lacks \(key)") }
        }
        #expect(points.contains { ($0["classification"] as? String) == "saddle" && ($0["index"] as? Int) == 1 })
        #expect(points.contains { ($0["classification"] as? String) == "local-minimum" && abs(($0["loss"] as? Double ?? 0) - 8) < 1e-9 })
        let text = try CLIRunner.run(["critical", "theorem5", "--starts", "40"])
        #expect(text.status == 0 && text.stdout.contains("index") && text.stdout.contains("spurious minimum"))
    }

    @Test func certifyProvesTheDeepOriginIsAThirdOrderSaddle() throws {
        let dir = try CLIRunner.tempDir()
        try #"{"params": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]}"#.write(toFile: dir + "/zero.json", atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["certify", "deep-scalar", "--point", "zero.json", "--json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let o = try Self.json(r.stdout)
        #expect((o["classification"] as? String) == "saddle")
        #expect((o["saddleOrder"] as? Int) == 3)
        let h = try #require(o["higherOrder"] as? [String: Any])
        let c = try #require(h["coefficients"] as? [Double])
        #expect(c.count >= 4 && c[3] < 0 && abs(c[1]) < 1e-12 && abs(c[2]) < 1e-12)
        #expect((h["direction"] as? [Double])?.count == 11)
    }

    @Test func regrowNamesTheEdgesThatOpenAWayDown() throws {
        let r = try CLIRunner.run(["regrow", "theorem5", "--point", "spurious-minimum", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try Self.json(r.stdout)
        let edges = try #require(o["edges"] as? [[String: Any]])
        #expect(edges.count == 4)
        for e in edges {
            for key in ["layer", "row", "col", "label", "gradient", "bestLoss", "lambdaMin", "classification"] { #expect(e[key] != nil, "edge lacks \(key)") }
        }
        let saddles = edges.filter { ($0["classification"] as? String) == "saddle" }.compactMap { $0["label"] as? String }
        #expect(Set(saddles) == ["W1[3,1] x3→h1", "W2[1,3] h1→y3"])
        #expect(((o["dense"] as? [String: Any])?["classification"] as? String) == "saddle")
        let text = try CLIRunner.run(["regrow", "theorem5", "--point", "spurious-minimum"])
        #expect(text.status == 0 && text.stdout.contains("2 of 4 single revived connections open a way down"))
    }

    @Test func pathReportsTheSaddleTheBarrierAndTheDensePath() throws {
        let r = try CLIRunner.run(["path", "theorem5", "--from", "spurious-minimum", "--to", "best-found", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try Self.json(r.stdout)
        let path = o
        let saddle = try #require(path["saddle"] as? [String: Any])
        #expect((saddle["index"] as? Int) == 1)
        #expect(abs((saddle["loss"] as? Double ?? 0) - 8.04506870262312) < 1e-9)
        #expect((saddle["params"] as? [Double])?.count == 8)
        #expect((path["lineBarrier"] as? Double ?? 0) > (path["barrier"] as? Double ?? 1))
        #expect((path["monotone"] as? Bool) == false)
        let dense = try #require(o["dense"] as? [String: Any])
        #expect((dense["barrier"] as? Double) == 0 && (dense["monotone"] as? Bool) == true)
        let text = try CLIRunner.run(["path", "theorem5", "--from", "spurious-minimum", "--to", "best-found"])
        #expect(text.status == 0 && text.stdout.contains("the mask cuts the decreasing path"))
    }

    @Test func pathWritesItsCSVAndASidecarThatReproducesIt() throws {
        let dir = try CLIRunner.tempDir()
        let r = try CLIRunner.run(["path", "theorem5", "--from", "spurious-minimum", "--to", "best-found", "--images", "15", "--out", "p.csv"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let (header, rows) = try SliceExport.read(dir + "/p.csv")
        #expect(header.prefix(3) == ["image", "arc_length", "loss"] && header.count == 3 + 8)
        #expect(rows.count == 15)
        let f = try PresetLibrary.resolve("theorem5").lossFunction()
        for row in rows { #expect(abs(f.loss(Array(row.dropFirst(3))) - row[2]) < 1e-12 * max(1, row[2])) }
        #expect(rows.map { $0[1] } == rows.map { $0[1] }.sorted())
        let meta = try Self.json(String(contentsOfFile: dir + "/p.json", encoding: .utf8))
        #expect((meta["kind"] as? String) == "path" && (meta["fromParams"] as? [Double])?.count == 8)
        #expect(((meta["saddle"] as? [String: Any])?["index"] as? Int) == 1)
        // The sidecar's command recomputes the same file.
        let command = try #require(meta["command"] as? String).split(separator: " ").dropFirst().map(String.init)
        let again = try CLIRunner.run(command + ["--out", "q.csv"], in: dir)
        #expect(again.status == 0)
        #expect(try String(contentsOfFile: dir + "/q.csv", encoding: .utf8) == String(contentsOfFile: dir + "/p.csv", encoding: .utf8))
    }

    @Test func sliceWritesTheGridAndItsSidecar() throws {
        let dir = try CLIRunner.tempDir()
        let r = try CLIRunner.run(["slice", "theorem5", "--point", "spurious-minimum", "--dirs", "toward:paper-better",
                                   "--span", "1.5", "--grid", "21", "--out", "plane.csv"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: dir + "/plane.csv", encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.first == "alpha,beta,loss")
        #expect(lines.count == 1 + 21 * 21)
        let rows = lines.dropFirst().map { $0.split(separator: ",").map { Double($0)! } }
        #expect(rows[0][0] == -1.5 && rows[0][1] == -1.5 && rows[1][0] == -1.5 && rows[1][1] > -1.5)  // α outer, β inner
        #expect(rows[10 * 21 + 10][0] == 0 && rows[10 * 21 + 10][1] == 0)
        #expect(abs(rows[10 * 21 + 10][2] - 8) < 1e-12)  // the center is the L = 8 minimum
        let side = try Self.json(try String(contentsOfFile: dir + "/plane.json", encoding: .utf8))
        for key in ["config", "networkHash", "masks", "center", "direction1", "direction2", "span", "grid", "seed", "tool"] {
            #expect(side[key] != nil, "sidecar lacks \(key)")
        }
        #expect((side["grid"] as? Int) == 21)
    }

    @Test func lineReportsTheBarrierToThePaperPoint() throws {
        let dir = try CLIRunner.tempDir()
        let r = try CLIRunner.run(["slice", "theorem5", "--point", "spurious-minimum", "--dirs", "toward:paper-better",
                                   "--line", "--grid", "201", "--out", "path.csv", "--json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let o = try Self.json(r.stdout)
        #expect((o["monotone"] as? Bool) == false)
        let h = try #require(o["barrierHeight"] as? Double)
        #expect(h > 0.9 && h < 1.1)
        #expect(abs((o["lossStart"] as? Double ?? 0) - 8) < 1e-12)
        #expect(abs((o["lossEnd"] as? Double ?? 0) - 0.18) < 1e-12)
        let csv = try String(contentsOfFile: dir + "/path.csv", encoding: .utf8)
        #expect(csv.hasPrefix("t,loss\n"))
        #expect(csv.split(separator: "\n").count == 202)
    }

    @Test func analyzeReportsStructureVerdictAndWritesTheEffectiveNetwork() throws {
        let dir = try CLIRunner.tempDir()
        let r = try CLIRunner.run(["analyze", "deep-scalar", "--json", "--effective-out", "eff.json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let o = try Self.json(r.stdout)
        let theory = try #require(o["theory"] as? [String: Any])
        #expect((theory["verdict"] as? String) == "scalar-output")
        #expect((theory["benign"] as? Bool) == true)
        let structure = try #require(o["structure"] as? [String: Any])
        #expect((structure["nodes"] as? [Any])?.count == 1)
        #expect((o["effectiveWidths"] as? [Int]) == [3, 2, 2, 1])
        // The effective config trains like any other and has the same loss at the restricted start.
        let a = try CLIRunner.run(["train", "eff.json", "--steps", "0", "--tol", "0", "--json"], in: dir)
        let b = try CLIRunner.run(["train", "deep-scalar", "--steps", "0", "--tol", "0", "--json"])
        let la = try #require(try Self.json(a.stdout)["loss"] as? Double), lb = try #require(try Self.json(b.stdout)["loss"] as? Double)
        #expect(abs(la - lb) <= 1e-12 * max(1, lb))
        let t = try CLIRunner.run(["analyze", "theorem5"])
        #expect(t.stdout.contains("Theorem 5") && t.stdout.contains("[ ] first-layer supports are disjoint"))
    }

    @Test func helpTeachesWithExamples() throws {
        let r = try CLIRunner.run(["train", "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Examples:"))
        #expect(r.stdout.contains("--optimizer"))
    }

    @Test func demoRunsTheDefaultExampleHeadless() throws {
        let r = try CLIRunner.run(["demo"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("theorem5"))
        #expect(r.stdout.contains("SPURIOUS local minimum"))
    }

    /// The default command is the explorer; without a terminal it explains itself in one line, status 2, no escapes.
    @Test func defaultCommandNeedsATerminal() throws {
        let r = try CLIRunner.run([])
        #expect(r.status == 2)
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(r.stderr.contains("headless"))
        #expect(!r.stdout.contains("\u{1B}") && !r.stderr.contains("\u{1B}"))
    }
}
