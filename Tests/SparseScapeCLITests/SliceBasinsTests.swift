import Foundation
import Testing
import SparseScapeCore
import SparseScapeTestSupport

/// `slice --basins`: the CSV's basin column, the sidecar's basins, the text table, and what it refuses.
@Suite struct SliceBasinsTests {
    static func json(_ s: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: Any])
    }

    static let plane = ["slice", "theorem5", "--point", "spurious-minimum", "--dirs", "toward:best-found", "--span", "1.5", "--grid", "7"]

    @Test func theCSVGainsABasinColumnAndTheSidecarListsTheBasins() throws {
        let dir = try CLIRunner.tempDir()
        let r = try CLIRunner.run(Self.plane + ["--basins", "--out", "b.csv"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try String(contentsOfFile: dir + "/b.csv", encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "alpha,beta,loss,basin")
        let rows = lines.dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(rows.count == 49 && rows.allSatisfy { $0.count == 4 })
        let labels = rows.map { Int($0[3]) ?? -1 }
        // The loss columns are the plain slice's, bit for bit.
        let plain = try CLIRunner.run(Self.plane + ["--out", "p.csv"], in: dir)
        #expect(plain.status == 0, "\(plain.stderr)")
        let plainRows = try String(contentsOfFile: dir + "/p.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(Array(plainRows) == rows.map { $0.prefix(3).joined(separator: ",")[...] })

        let side = try Self.json(try String(contentsOfFile: dir + "/b.json", encoding: .utf8))
        #expect((side["kind"] as? String) == "plane" && (side["grid"] as? Int) == 7)
        let settings = try #require(side["basinSettings"] as? [String: Any])
        #expect(((settings["optimizer"] as? [String: Any])?["kind"] as? String) == "lbfgs")
        #expect((settings["maxSteps"] as? Int) == 3000 && (settings["polish"] as? Bool) == true)
        let basins = try #require(side["basins"] as? [[String: Any]])
        for (i, b) in basins.enumerated() {
            #expect((b["id"] as? Int) == i)
            for key in ["kind", "loss", "classification", "spurious", "valleyLimit", "count", "representative"] {
                #expect(b.keys.contains(key), "basin \(i) lacks \(key)")
            }
            #expect((b["count"] as? Int) == labels.filter { $0 == i }.count, "basin \(i)")
        }
        #expect(labels.allSatisfy { basins.indices.contains($0) })
        // The row at (α, β) = (0, 0) is the spurious minimum L = 8; the row at (1, 0) is best-found, the global minimum.
        func basin(_ alpha: String, _ beta: String) throws -> [String: Any] {
            let row = try #require(rows.first { Double($0[0]) == Double(alpha) && Double($0[1]) == Double(beta) })
            return basins[try #require(Int(row[3]))]
        }
        let centre = try basin("0", "0"), target = try basin("1", "0")
        #expect((centre["kind"] as? String) == "minimum" && (centre["classification"] as? String) == "local-minimum")
        #expect((centre["spurious"] as? Bool) == true)
        #expect(abs((centre["loss"] as? Double ?? 0) - 8) < 1e-9)
        #expect((target["kind"] as? String) == "minimum" && (target["classification"] as? String) == "global-minimum")
        #expect((target["spurious"] as? Bool) == false)
        #expect(abs((target["loss"] as? Double ?? 0) - 0.16564104506071) < 1e-11)
        #expect((basins.first?["classification"] as? String) == "global-minimum")   // sorted by loss, minima first
        // The text names both.
        #expect(r.stdout.contains("global (proven)") && r.stdout.contains("spurious") && r.stdout.contains("basins of attraction (lbfgs, 3000 steps, Newton polish)"))
    }

    @Test func theOptimizerAndBudgetAreOptionsAndJSONListsTheBasins() throws {
        let dir = try CLIRunner.tempDir()
        let r = try CLIRunner.run(Self.plane + ["--basins", "--basin-optimizer", "newton", "--basin-steps", "50", "--out", "n.csv", "--json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let o = try Self.json(r.stdout)
        let basins = try #require(o["basins"] as? [[String: Any]])
        #expect(basins.reduce(0) { $0 + ($1["count"] as? Int ?? 0) } == 49)
        #expect(basins.contains { abs(($0["loss"] as? Double ?? 0) - 8) < 1e-9 && ($0["spurious"] as? Bool) == true })
        let side = try Self.json(try String(contentsOfFile: dir + "/n.json", encoding: .utf8))
        let settings = try #require(side["basinSettings"] as? [String: Any])
        #expect(((settings["optimizer"] as? [String: Any])?["kind"] as? String) == "newton" && (settings["maxSteps"] as? Int) == 50)
    }

    @Test func basinsAreRefusedOnALineAndTheirOptionsWithoutBasins() throws {
        let dir = try CLIRunner.tempDir()
        let line = try CLIRunner.run(Self.plane + ["--line", "--basins", "--out", "l.csv"], in: dir)
        #expect(line.status == 2)
        #expect(line.stderr == "sparsescape: error: --basins maps a plane; it cannot be combined with --line\n")
        let orphan = try CLIRunner.run(Self.plane + ["--basin-steps", "10", "--out", "o.csv"], in: dir)
        #expect(orphan.status == 2 && orphan.stderr.contains("need --basins"))
        let bad = try CLIRunner.run(Self.plane + ["--basins", "--basin-optimizer", "sgd", "--out", "o.csv"], in: dir)
        #expect(bad.status == 2 && bad.stderr.contains("unknown optimizer 'sgd'"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/l.csv") && !FileManager.default.fileExists(atPath: dir + "/o.csv"))
    }
}
