import Foundation
import Testing
import SparseScapeTestSupport

/// Inputs whose sizes would need more memory (or work) than the budget are refused up front, through the real binary.
@Suite("Memory budget")
struct MemoryBudgetTests {
    /// Writes a config JSON and returns its path.
    static func config(_ object: [String: Any], in dir: String, name: String = "net.json") throws -> String {
        let path = dir + "/" + name
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("widths [100000, 1, 1] with one sample: every command refuses with the size and the limit, exit 2")
    func wideInputIsRefused() throws {
        let dir = try CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try Self.config(["name": "wide", "widths": [100_000, 1, 1],
                                    "masks": [Array(repeating: [1], count: 100_000), [[1]]],
                                    "X": [Array(repeating: 0.5, count: 100_000)], "Y": [[1.0]]], in: dir)
        for args in [["train", path], ["search", path, "--restarts", "1"], ["analyze", path], ["landscape", path]] {
            let r = try CLIRunner.run(args, timeout: 60)
            #expect(r.status == 2, "\(args[0])")
            let lines = r.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(args[0]): \(r.stderr.prefix(300))")
            // XᵀX alone is 10¹⁰ doubles (80 GB); with the input-sized products the network needs 160 GB.
            #expect(r.stderr.contains("needs 160 GB, over the memory budget of"), "\(args[0]): \(r.stderr.prefix(300))")
            #expect(r.stderr.contains("SPARSESCAPE_MEMORY_LIMIT"))
            #expect(!r.stderr.contains("Fatal error"))
        }
    }

    @Test("SPARSESCAPE_MEMORY_LIMIT lowers and raises the budget; a malformed value is refused")
    func environmentSetsTheBudget() throws {
        // theorem5 (3-2-3, 8 weights) needs 912 bytes for its summaries and workspace: 500 refuses, 1K runs.
        let low = try CLIRunner.run(["train", "theorem5", "--steps", "10"], environment: ["SPARSESCAPE_MEMORY_LIMIT": "500"])
        #expect(low.status == 2)
        #expect(low.stderr.contains("needs 912 bytes, over the memory budget of 500 bytes"), "\(low.stderr)")
        let ok = try CLIRunner.run(["train", "theorem5", "--steps", "10"], environment: ["SPARSESCAPE_MEMORY_LIMIT": "1K"])
        #expect(ok.status == 0, "\(ok.stderr)")
        let bad = try CLIRunner.run(["train", "theorem5"], environment: ["SPARSESCAPE_MEMORY_LIMIT": "lots\u{1B}[2J"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("is not a size"))
        #expect(!bad.stderr.contains("\u{1B}"))
    }

    @Test("a 100,000-layer chain of width 1: search stops with the symmetry basis's size instead of aborting")
    func deepChainIsRefusedWithItsCost() throws {
        let dir = try CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let layers = 100_000
        let path = try Self.config(["name": "chain", "widths": Array(repeating: 1, count: layers + 1),
                                    "masks": Array(repeating: [[1]], count: layers),
                                    "X": [[1.0], [2.0]], "Y": [[1.0], [3.0]]], in: dir)
        // Refused from the masks, before any training (prune used to train its levels first).
        for args in [["search", path, "--restarts", "1", "--steps", "5"], ["prune", path]] {
            let r = try CLIRunner.run(args, timeout: 300)
            #expect(r.status == 2, "\(args[0]): \(r.stderr.prefix(300))")
            #expect(r.stderr.contains("the symmetry basis (an SVD of 100000 weights × 99999 mixings of hidden nodes) needs 240 GB"),
                    "\(args[0]): \(r.stderr.prefix(300))")
        }
    }

    @Test("a hidden layer of 3,000 nodes with nested supports: the sweep refuses its symmetry analysis instead of aborting")
    func wideHiddenLayerSweepIsRefused() throws {
        let dir = try CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try Self.config(["name": "w3000", "widths": [2, 3000, 1],
                                    "masks": [Array(repeating: Array(repeating: 1, count: 3000), count: 2), Array(repeating: [1], count: 3000)],
                                    "X": [[1.0, 0.5], [2.0, -1.0], [0.3, 0.2]], "Y": [[1.0], [3.0], [0.5]]], in: dir)
        let r = try CLIRunner.run(["sweep", path, "--sample", "1", "--restarts", "1", "--steps", "20"], timeout: 120)
        #expect(r.status == 2, "\(r.stderr.prefix(300))")
        #expect(r.stderr.contains("the symmetry analysis ("), "\(r.stderr.prefix(300))")
        #expect(r.stderr.contains("over the memory budget of"))
        #expect(!r.stderr.contains("Fatal error"))
    }
}
