import Foundation
import Testing
import SparseScapeCore
@testable import SparseScapeGrid

/// Plans read from TOML: the tasks and their order, the identity, and every bad key or value named.
@Suite struct GridPlanTests {
    static func tempDir() throws -> String {
        let d = NSTemporaryDirectory() + "sparsescape-grid-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    /// A plan file in a fresh folder.
    static func plan(_ text: String) throws -> String {
        let path = try tempDir() + "/plan.toml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let small = """
        networks = ["theorem5"]
        methods = ["magnitude", "random", "imp"]
        sparsities = [0.5, 0.25]
        seeds = [3, 1]
        [prune]
        restarts = 2
        [imp]
        levels = 2
        rate = 0.3
        """

    /// The error message `body` throws, nil when it returns.
    static func message<T>(_ body: () throws -> T) -> String? {
        do { _ = try body(); return nil }
        catch let e as SparseScapeError { return e.message }
        catch { return "not a SparseScapeError: \(error)" }
    }

    @Test func tasksComeInTheirFixedOrder() throws {
        let path = try Self.plan(Self.small)
        let p = try GridPlan(file: path)
        #expect(p.name == "plan")
        #expect(p.output == URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL.path + "/plan")
        #expect(p.sparsities == [0.25, 0.5])
        // magnitude and random: 2 sparsities × 2 seeds each; imp: one task per seed.
        #expect(p.tasks.count == 10)
        #expect(p.tasks.map(\.number) == Array(1...10))
        #expect(p.tasks.map { $0.label(p) } == [
            "theorem5 · magnitude · 25% · seed 3", "theorem5 · magnitude · 25% · seed 1",
            "theorem5 · magnitude · 50% · seed 3", "theorem5 · magnitude · 50% · seed 1",
            "theorem5 · random · 25% · seed 3", "theorem5 · random · 25% · seed 1",
            "theorem5 · random · 50% · seed 3", "theorem5 · random · 50% · seed 1",
            "theorem5 · imp · 2 levels · seed 3", "theorem5 · imp · 2 levels · seed 1",
        ])
        let s = try p.settings(for: p.tasks[8])
        #expect(s.method == .imp && s.levels == 2 && s.rate == 0.3 && s.searchRestarts == 2 && s.seed == 3)
        #expect(try p.settings(for: p.tasks[2]).sparsity == 0.5)
        #expect(p.gridId.hasPrefix("grid-") && p.gridId.count == 21)
    }

    @Test func identityChangesWithAnySettingButNotTheSlurmOnes() throws {
        let base = try GridPlan(file: try Self.plan(Self.small)).gridId
        #expect(try GridPlan(file: try Self.plan(Self.small + "\n[slurm]\ntime = \"00:01:00\"\n")).gridId == base)
        #expect(try GridPlan(file: try Self.plan(Self.small.replacingOccurrences(of: "restarts = 2", with: "restarts = 3"))).gridId != base)
        #expect(try GridPlan(file: try Self.plan(Self.small.replacingOccurrences(of: "[3, 1]", with: "[3, 2]"))).gridId != base)
        #expect(try GridPlan(file: try Self.plan(Self.small.replacingOccurrences(of: "rate = 0.3", with: "rate = 0.31"))).gridId != base)
    }

    @Test func startFromTheSeedOrTheConfig() throws {
        let p = try GridPlan(file: try Self.plan(Self.small))
        let config = p.networks[0].config
        var g = SeededGenerator(seed: 3)
        #expect(p.startPoint(for: p.tasks[0]) == config.architecture.randomPoint(&g))
        let c = try GridPlan(file: try Self.plan("start = \"config\"\n" + Self.small))
        #expect(c.startPoint(for: c.tasks[0]) == config.start)
    }

    @Test func badPlansAreNamedByKey() throws {
        func check(_ text: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let path = try Self.plan(text)
            #expect(Self.message { try GridPlan(file: path) } == path + ": " + expected, sourceLocation: sourceLocation)
        }
        try check("seed = 4\n" + Self.small, "unknown key 'seed'")
        try check(Self.small + "\n[prune]\nrestart = 4\n", "not valid TOML at line 10, column 1: Error while parsing table header: cannot redefine existing table 'prune'")
        try check(Self.small.replacingOccurrences(of: "restarts = 2", with: "restart = 2"), "[prune] unknown key 'restart'")
        try check(Self.small.replacingOccurrences(of: "restarts = 2", with: "restarts = \"2\""), "[prune] restarts must be a whole number")
        try check(Self.small.replacingOccurrences(of: "restarts = 2", with: "restarts = -1"), "[prune] restarts must be at least 0, got -1")
        try check(Self.small.replacingOccurrences(of: "[0.5, 0.25]", with: "[0.5, 1.0]"), "sparsities must be in (0, 1), got 1.0")
        try check(Self.small.replacingOccurrences(of: "[0.5, 0.25]", with: "[0.5, \"a\"]"), "sparsities entry 2 must be a finite number")
        try check(Self.small.replacingOccurrences(of: "\"imp\"]", with: "\"lottery\"]"),
                  "methods: unknown pruning method 'lottery' (choose from: magnitude, random, snip, imp)")
        try check(Self.small.replacingOccurrences(of: ", \"imp\"]", with: "]"), "an [imp] section but no \"imp\" in methods")
        try check(Self.small.replacingOccurrences(of: "[3, 1]", with: "[3, 3]"), "seeds lists a seed twice")
        try check(Self.small.replacingOccurrences(of: "rate = 0.3", with: "rate = 1.5"), "rate must be in (0, 1), got 1.5")
        try check(Self.small.replacingOccurrences(of: "[\"theorem5\"]", with: "[\"nope.json\"]"), "networks: nope.json: no such file")
        try check("networks = [\"theorem5\"\n", "not valid TOML at line 1, column 24: Error while parsing array: encountered end-of-file")
        try check(Self.small + "\n[slurm]\ntime = \"1:00\\\"; rm -rf ~\"\n",
                  "[slurm] values are written into the job scripts; '1:00\"; rm -rf ~' holds a quote, $, `, \\ or a control character")
    }
}
