import Foundation
import Testing
import SparseScapeCore
import SparseScapeTestSupport

/// `sparsescape prune` as a user runs it: the table, the JSON, the written config read back by the other commands,
/// the digits preset, and every bad option as one line with exit status 2.
@Suite struct PruneCommandTests {
    static func json(_ s: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: Any])
    }

    @Test func impOnTheDenseBaselineWritesALevelThatCertifyAndTrainReadBack() throws {
        let dir = try CLIRunner.tempDir()
        let r = try CLIRunner.run(["prune", "dense-baseline", "--method", "imp", "--levels", "3", "--rate", "0.25",
                                   "--out-config", "ticket.json", "--level", "2", "--json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty, "progress must not be written when stderr is not a terminal: \(r.stderr)")
        let o = try Self.json(r.stdout)
        let report = try #require(o["report"] as? [String: Any])
        #expect((report["method"] as? String) == "imp")
        let levels = try #require(report["levels"] as? [[String: Any]])
        #expect(levels.compactMap { $0["freeWeights"] as? Int } == [12, 9, 7, 5])
        let dense = try #require((report["denseOptimum"] as? [String: Any])?["value"] as? Double)
        #expect(abs(dense - 0.1656410450607) < 1e-10)
        #expect(abs((levels[0]["loss"] as? Double ?? 0) - dense) < 1e-9)
        #expect((levels[0]["verdict"] as? String) == "global-minimum")
        for l in levels { #expect(l["seconds"] is Double && l["reachesBest"] is Bool && l["certificate"] != nil) }
        let l2 = levels[2]
        // The written config: level 2's mask (7 free weights), its rewound start and its trained point.
        let c = try CLIRunner.run(["certify", "ticket.json", "--point", "trained", "--json"], in: dir)
        #expect(c.status == 0, "\(c.stderr)")
        let cert = try Self.json(c.stdout)
        #expect((cert["parameterCount"] as? Int) == 7)
        let trainedLoss = try #require(l2["loss"] as? Double)
        #expect(abs((cert["loss"] as? Double ?? 0) - trainedLoss) <= 1e-12 * max(1, trainedLoss))
        let levelCert = try #require(l2["certificate"] as? [String: Any])
        #expect((cert["classification"] as? String) == (levelCert["classification"] as? String))
        // train on the config starts from the level's start (the rewound weights) with the level's optimizer.
        let t = try CLIRunner.run(["train", "ticket.json", "--json"], in: dir)
        #expect(t.status == 0, "\(t.stderr)")
        let train = try Self.json(t.stdout)
        #expect((train["optimizer"] as? String) == "lm")
        #expect(abs((train["initialLoss"] as? Double ?? 0) - (l2["startLoss"] as? Double ?? 1)) <= 1e-12 * max(1, trainedLoss))
        #expect(abs((train["loss"] as? Double ?? 0) - trainedLoss) <= 1e-7 * max(1, trainedLoss))
        let config = try NetworkConfig.load(path: dir + "/ticket.json")
        #expect(config.start == (l2["start"] as? [Double]))
        // (JSONSerialization may round the last digit: compare to a few ulps.)
        let trained = try #require(config.point("trained")), listed = try #require(l2["params"] as? [Double])
        #expect(trained.count == 7 && zip(trained, listed).allSatisfy { abs($0 - $1) <= 1e-14 * max(1, abs($1)) })
    }

    @Test func theTableShowsEveryLevelWithItsVerdict() throws {
        let r = try CLIRunner.run(["prune", "theorem5", "--method", "magnitude", "--sparsity", "0.5", "--levels", "2", "--optimizer", "lbfgs"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("theorem5: magnitude pruning (global) to 50% in 2 levels"))
        #expect(lines.contains { $0.hasPrefix("dense optimum 0.165641045061") })
        let rows = lines.filter { $0.range(of: #"^\d+ +\d+(\.\d+)?% +\d+ "#, options: .regularExpression) != nil }
        #expect(rows.count == 3, "\(r.stdout)")
        // Level 0: L-BFGS from theorem5's start stalls at the spurious L = 8 minimum.
        #expect(rows[0].contains("SPURIOUS minimum (best known 0.16564105)") && rows[0].contains(" 8 "), "\(rows[0])")
        #expect(rows[2].hasPrefix("2      50%       4 "), "\(rows[2])")
    }

    @Test func impAnswersTheWinningTicketQuestionPerLevel() throws {
        let r = try CLIRunner.run(["prune", "dense-baseline", "--method", "imp", "--levels", "3", "--rate", "0.25"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0].contains("25% of the remaining weights per level, rewinding to the start"))
        // 12 → 9 → 7 → 5 weights; every rewound level reaches its proven global minimum (2.5 each).
        #expect(lines.contains { $0.hasPrefix("1      25%       9      2.5 ") && $0.contains("global minimum (proven)") }, "\(r.stdout)")
        // Level 3 prunes by the magnitudes of level 2's minimum, whose balance along the rescaling orbit is the
        // solver's: its mask's proven global minimum can only be higher than level 2's (a sub-mask).
        let level3 = try #require(lines.first { $0.hasPrefix("3      58.3%     5 ") }, "\(r.stdout)")
        let loss3 = try #require(Double(level3.split(separator: " ", omittingEmptySubsequences: true)[3]))
        #expect(loss3 >= 2.5 - 1e-9 && level3.contains("global minimum (proven)"), "\(level3)")
        #expect(lines.contains { $0.hasPrefix("winning tickets") && $0.hasSuffix("levels 1, 2, 3; spurious minimum: none") }, "\(r.stdout)")
    }

    @Test func digitsIsAPresetThatPruneTrainAndCertifyRead() throws {
        let list = try CLIRunner.run(["presets"])
        #expect(list.stdout.contains("digits  widths [64, 16, 10], 1184 free weights"), "\(list.stdout)")
        let dir = try CLIRunner.tempDir()
        // presets show writes a config whose data paths resolve from where it is saved.
        let show = try CLIRunner.run(["presets", "show", "digits"], in: dir)
        #expect(show.status == 0 && show.stdout.contains("digits-X.npy\""), "\(show.stderr)")
        try show.stdout.write(toFile: dir + "/mine.json", atomically: true, encoding: .utf8)
        let mine = try NetworkConfig.load(path: dir + "/mine.json")
        #expect(mine.dataset == (try PresetLibrary.load("digits")).dataset && mine.architecture.parameterCount == 1184)
        let t = try CLIRunner.run(["train", "digits", "--steps", "300", "--json"], in: dir, timeout: 600)
        #expect(t.status == 0, "\(t.stderr)")
        let train = try Self.json(t.stdout)
        #expect((train["optimizer"] as? String) == "lbfgs" && (train["steps"] as? Int) == 300)
        #expect((train["loss"] as? Double ?? 0) < 300 && (train["loss"] as? Double ?? 0) > 276.758151)
        // Magnitude pruning of 30% of the weights keeps the dense optimum (the least-squares fit; hidden width 16 ≥ 10
        // outputs): both levels are proven global minima at the same loss.
        let r = try CLIRunner.run(["prune", "digits", "--method", "magnitude", "--sparsity", "0.3", "--restarts", "0",
                                   "--out-config", "pruned.json", "--json"], in: dir, timeout: 600)
        #expect(r.status == 0, "\(r.stderr)")
        let levels = try #require((try Self.json(r.stdout)["report"] as? [String: Any])?["levels"] as? [[String: Any]])
        #expect(levels.compactMap { $0["freeWeights"] as? Int } == [1184, 829])
        for l in levels {
            #expect(abs(l["denseGap"] as? Double ?? 1) < 1e-6 && abs((l["loss"] as? Double ?? 0) - 276.758151261) < 1e-6)
            #expect((l["verdict"] as? String) == "global-minimum")
        }
        // The written config references the shipped .npy files instead of inlining 1797 rows.
        let text = try String(contentsOfFile: dir + "/pruned.json", encoding: .utf8)
        #expect(text.contains("digits-X.npy\"") && text.contains("digits-Y.npy\""))
        #expect(text.utf8.count < 200_000)
        let c = try CLIRunner.run(["certify", "pruned.json", "--point", "trained", "--restarts", "0", "--json"], in: dir, timeout: 600)
        #expect(c.status == 0, "\(c.stderr)")
        let cert = try Self.json(c.stdout)
        #expect((cert["parameterCount"] as? Int) == 829 && (cert["classification"] as? String) == "global-minimum")
        #expect(abs((cert["loss"] as? Double ?? 0) - (levels[1]["loss"] as? Double ?? 1)) < 1e-9)
    }

    @Test(arguments: [
        (["prune", "theorem5", "--method", "magnitude", "--rate", "0.2"], "--rate applies to --method imp only"),
        (["prune", "theorem5", "--method", "snip", "--rewind", "3"], "--rewind applies to --method imp only"),
        (["prune", "theorem5", "--method", "imp", "--sparsity", "0.5"], "--sparsity applies to the one-shot methods"),
        (["prune", "theorem5", "--sparsity", "1"], "--sparsity must be in [0, 1)"),
        (["prune", "theorem5", "--method", "imp", "--rate", "0"], "--rate must be in (0, 1)"),
        (["prune", "theorem5", "--levels", "0"], "--levels must be at least 1 (got 0)"),
        (["prune", "theorem5", "--method", "obd"], "unknown pruning method 'obd'"),
        (["prune", "theorem5", "--scope", "rows"], "--scope must be global or layerwise"),
        (["prune", "theorem5", "--level", "1"], "give --out-config FILE"),
        (["prune", "theorem5", "--levels", "2", "--level", "3", "--out-config", "x.json"], "--level 3 is beyond the last level (2)"),
        (["prune", "theorem5", "--method", "imp", "--rewind", "5000"], "--rewind 5000 is beyond the step budget"),
        (["prune", "theorem5", "--restarts=-1"], "--restarts must be zero or positive (got -1)"),
        (["prune", "theorem5", "--out-config", "no/such/dir/c.json"], "does not exist"),
        (["prune", "nosuchpreset"], "neither a config file nor a preset"),
    ])
    func badOptionsAreOneLineAndExitTwo(args: [String], mention: String) throws {
        let dir = try CLIRunner.tempDir()
        let r = try CLIRunner.run(args, in: dir)
        #expect(r.status == 2, "\(args): \(r.stdout) \(r.stderr)")
        #expect(r.stderr.hasPrefix("sparsescape: error: ") && r.stderr.contains(mention), "\(args): \(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(args): \(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/x.json"))
    }
}
