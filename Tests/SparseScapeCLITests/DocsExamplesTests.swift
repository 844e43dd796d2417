import Foundation
import Testing

/// The example files that `make test-cluster` runs are the ones the documentation shows.
///
/// A document shows a file as a fenced block right after a `<!-- file: PATH -->` line; every such block must
/// equal the file at PATH byte for byte, so the docs cannot drift from what the cluster test runs.
@Suite struct DocsExamplesTests {
    /// The repository's root (this file is Tests/SparseScapeCLITests/DocsExamplesTests.swift).
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// The (path, shown text) pairs of a document.
    static func shownFiles(in document: String) -> [(path: String, text: String)] {
        var out: [(String, String)] = []
        let lines = document.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var i = 0
        while i < lines.count {
            let line = lines[i]
            if line.hasPrefix("<!-- file: "), line.hasSuffix(" -->"), i + 1 < lines.count, lines[i + 1].hasPrefix("```") {
                let path = String(line.dropFirst("<!-- file: ".count).dropLast(" -->".count))
                var body: [String] = []
                var j = i + 2
                while j < lines.count, lines[j] != "```" { body.append(lines[j]); j += 1 }
                out.append((path, body.map { $0 + "\n" }.joined()))
                i = j
            }
            i += 1
        }
        return out
    }

    @Test func slurmDocShowsTheExampleFilesAsTheyAre() throws {
        let doc = try String(contentsOfFile: Self.repository + "/docs/slurm-sweep.md", encoding: .utf8)
        let shown = Self.shownFiles(in: doc)
        #expect(shown.map(\.path) == ["examples/slurm/sweep.sbatch", "examples/slurm/merge.sbatch", "examples/slurm/parallel-sweep.sh"])
        for (path, text) in shown {
            let file = try String(contentsOfFile: Self.repository + "/" + path, encoding: .utf8)
            #expect(text == file, "docs/slurm-sweep.md shows \(path) differently from the file")
        }
    }

    @Test func everyShownFileInTheREADMEAndDocsIsTheFile() throws {
        let docs = try FileManager.default.contentsOfDirectory(atPath: Self.repository + "/docs").filter { $0.hasSuffix(".md") }
        var checked = 0
        for name in ["README.md"] + docs.map({ "docs/" + $0 }) {
            guard let doc = try? String(contentsOfFile: Self.repository + "/" + name, encoding: .utf8) else { continue }
            for (path, text) in Self.shownFiles(in: doc) {
                let file = try String(contentsOfFile: Self.repository + "/" + path, encoding: .utf8)
                #expect(text == file, "\(name) shows \(path) differently from the file")
                checked += 1
            }
        }
        #expect(checked >= 3)
    }
}
