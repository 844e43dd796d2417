import Foundation
import Testing
import SparseScapeTestSupport

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

/// A command that the README or a docs page shows in a fenced block.
struct DocumentedCommand: CustomStringConvertible {
    /// The document, relative to the repository (`README.md`, `docs/commands/train.md`).
    var document: String
    /// The 1-based line of the command in the document.
    var line: Int
    /// The command as a shell would read it (a `$ ` prompt removed, `\` continuations joined).
    var text: String
    /// Whether the block shows it as run (`$ ` prompt) and no `<!-- not run: REASON -->` line stands before the block.
    var runs: Bool
    /// Whether the output shown under it is an error (`sparsescape: error:`).
    var expectsError: Bool

    var description: String { "\(document):\(line): \(text)" }

    /// The repository's Markdown documents: README.md and every `.md` under docs/.
    static func documents(in repository: String) -> [String] {
        let docs = FileManager.default.enumerator(atPath: repository + "/docs")?.compactMap { $0 as? String } ?? []
        return ["README.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
    }

    /// The commands of one document. In a fenced block, a `$ ` line is a command whose output follows it (up to the
    /// next `$ ` line); a line starting with `sparsescape ` in a block without prompts is a command that is shown,
    /// not run. Blocks shown as a file (`<!-- file: PATH -->`) hold no commands.
    static func commands(in text: String, document: String) -> [DocumentedCommand] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out: [DocumentedCommand] = []
        var i = 0
        while i < lines.count {
            guard lines[i].hasPrefix("```") else { i += 1; continue }
            let before = i > 0 ? lines[i - 1] : ""
            let skipped = before.hasPrefix("<!-- not run: ") && before.hasSuffix(" -->") && before.count > "<!-- not run:  -->".count
            let isFile = before.hasPrefix("<!-- file: ")
            var j = i + 1
            var current: DocumentedCommand?
            while j < lines.count, !lines[j].hasPrefix("```") {
                var line = lines[j]
                let start = j
                while line.hasSuffix("\\"), j + 1 < lines.count { line = String(line.dropLast()) + " " + lines[j + 1].trimmingCharacters(in: .whitespaces); j += 1 }
                if isFile {
                } else if line.hasPrefix("$ ") {
                    if let c = current { out.append(c) }
                    current = DocumentedCommand(document: document, line: start + 1, text: String(line.dropFirst(2)), runs: !skipped, expectsError: false)
                } else if current != nil {
                    if line.contains("sparsescape: error:") { current?.expectsError = true }
                } else if line.hasPrefix("sparsescape ") {
                    out.append(DocumentedCommand(document: document, line: start + 1, text: line, runs: false, expectsError: false))
                }
                j += 1
            }
            if let c = current { out.append(c) }
            i = j + 1
        }
        return out
    }

    /// The `sparsescape` invocations in the command (a shell line may hold several, or none): each as its words,
    /// from the subcommand to the end of that simple command.
    var invocations: [[String]] {
        var result: [[String]] = []
        var current: [String]?
        for raw in text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) {
            if raw.hasPrefix("#") { break }
            let endsCommand = raw.hasSuffix(";")
            let word = String(endsCommand ? raw.dropLast() : Substring(raw)).trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
            if ["|", "||", "&&", ">", ">>", "2>", "<", "&"].contains(word) {
                if let c = current { result.append(c) }
                current = nil
            } else if word == "sparsescape" {
                if let c = current { result.append(c) }
                current = []
            } else if !word.isEmpty {
                current?.append(word)
            }
            if endsCommand, let c = current { result.append(c); current = nil }
        }
        if let c = current { result.append(c) }
        return result
    }
}

/// Every command the README and the docs show names a real subcommand and real options, and the ones shown as run
/// (`$ ` prompts) run: each document's commands in order in a fresh directory (with a copy of `examples/`), with the
/// exit status the document shows (an error line means a non-zero status and a `sparsescape: error:` line on stderr).
/// A block preceded by `<!-- not run: REASON -->` is only checked for its subcommands and options.
@Suite struct DocumentedCommandsTests {
    /// The help text of a subcommand path (`["presets", "show"]`), by the binary itself.
    static func help(_ path: [String]) throws -> String {
        let outcome = try CLIRunner.run(path + ["--help"])
        return outcome.status == 0 ? outcome.stdout : ""
    }

    /// The subcommands of the binary, from `sparsescape --help`.
    static func subcommands() throws -> Set<String> {
        let text = try help([])
        guard let range = text.range(of: "SUBCOMMANDS:") else { return [] }
        return Set(text[range.upperBound...].split(separator: "\n").compactMap { line in
            line.hasPrefix("  ") ? line.split(separator: " ").first.map(String.init) : nil
        })
    }

    static let documents = DocumentedCommand.documents(in: DocsExamplesTests.repository)

    @Test func theDocumentsShowCommands() throws {
        var total = 0, running = 0
        for document in Self.documents {
            let text = try String(contentsOfFile: DocsExamplesTests.repository + "/" + document, encoding: .utf8)
            let commands = DocumentedCommand.commands(in: text, document: document)
            total += commands.count
            running += commands.filter(\.runs).count
        }
        #expect(Self.documents.contains("docs/commands/train.md"))
        #expect(total >= 100, "only \(total) commands found")
        #expect(running >= 50, "only \(running) commands are run")
    }

    @Test func everyShownCommandNamesRealSubcommandsAndOptions() throws {
        let subcommands = try Self.subcommands()
        #expect(subcommands.contains("train") && subcommands.contains("sweep-merge"))
        var helps: [[String]: String] = [:]
        for document in Self.documents {
            let text = try String(contentsOfFile: DocsExamplesTests.repository + "/" + document, encoding: .utf8)
            for command in DocumentedCommand.commands(in: text, document: document) {
                for words in command.invocations {
                    // `sparsescape` alone, or with a preset or config first, opens the explorer.
                    var path = ["explore"]
                    if let first = words.first, subcommands.contains(first) {
                        path = [first]
                        if first == "presets", words.count > 1, ["list", "show"].contains(words[1]) { path.append(words[1]) }
                    }
                    if helps[path] == nil { helps[path] = try Self.help(path) }
                    let help = helps[path] ?? ""
                    #expect(!help.isEmpty, "\(command): no help for \(path.joined(separator: " "))")
                    for word in words where word.hasPrefix("--") && word.count > 2 {
                        let option = String(word.split(separator: "=", maxSplits: 1)[0])
                        let named = help.range(of: option + " ") != nil || help.range(of: option + "\n") != nil
                            || help.range(of: option + ",") != nil || help.range(of: option + "=") != nil
                            || help.range(of: option + " <") != nil || help.range(of: option + "[") != nil
                        #expect(named, "\(command): \(path.joined(separator: " ")) has no option \(option)")
                    }
                }
            }
        }
    }

    @Test(arguments: DocumentedCommandsTests.documents)
    func theShownCommandsRun(document: String) throws {
        let repository = DocsExamplesTests.repository
        let text = try String(contentsOfFile: repository + "/" + document, encoding: .utf8)
        let commands = DocumentedCommand.commands(in: text, document: document).filter(\.runs)
        guard !commands.isEmpty else { return }
        let dir = try CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: repository + "/examples", toPath: dir + "/examples")
        try FileManager.default.createDirectory(atPath: dir + "/.bin", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir + "/.bin/sparsescape", withDestinationPath: CLIRunner.binary)
        let path = dir + "/.bin:" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        for command in commands {
            let outcome = try CLIRunner.run(["-c", command.text], in: dir, timeout: 600,
                                            environment: ["PATH": path], executable: "/bin/bash")
            if command.expectsError {
                #expect(outcome.status != 0, "\(command): the document shows an error, the command succeeded")
                #expect(outcome.stderr.contains("sparsescape: error:"), "\(command): no error line on stderr: \(outcome.stderr.prefix(300))")
            } else {
                #expect(outcome.status == 0, "\(command): exit status \(outcome.status): \(outcome.stderr.prefix(300))")
            }
        }
    }
}
