import Foundation
import Testing
import SparseScapeTestSupport

/// `--help` is written once and wrapped only by ArgumentParser, at 80 columns: prose paragraphs are one logical line
/// (no line ends where the next word would still have fitted), example lines are never broken, and each default is
/// printed once (issue 20, item 9).
@Suite struct HelpTextTests {
    static let commands = ["", "analyze", "certify", "critical", "demo", "explore", "grid", "grid-merge", "import",
                           "landscape", "path", "presets", "prune", "regrow", "reproduce", "search", "slice", "sweep",
                           "sweep-merge", "train", "verify-theorems"]

    /// The problems of one command's help text (empty when it is well formed).
    static func problems(in help: String) -> [String] {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var found: [String] = []
        let usage = lines.firstIndex { $0.hasPrefix("USAGE:") } ?? lines.count
        // The usage line is ArgumentParser's own, never wrapped.
        for (k, line) in lines.enumerated() where line.count > 80 && !line.hasPrefix("USAGE:") {
            found.append("line \(k + 1) is \(line.count) columns")
        }
        for k in 0..<max(0, usage - 1) {
            let a = lines[k], b = lines[k + 1]
            guard !a.isEmpty, !b.isEmpty else { continue }
            if !a.hasPrefix(" "), !b.hasPrefix(" "), !a.hasPrefix("OVERVIEW:") {
                // ArgumentParser breaks at the last space within 80 columns: the next word would have fitted here.
                let word = b.split(separator: " ").first.map(String.init) ?? b
                if a.count + 1 + word.count + 1 <= 80 { found.append("hand-broken after \"\(a)\"") }
            }
            if a.hasPrefix("  "), !b.hasPrefix(" ") { found.append("example broken: \"\(a)\" / \"\(b)\"") }
        }
        // Option entries: an entry ArgumentParser gave "(default: …)" must not state a default in its text too.
        var entries: [String] = []
        for line in lines[usage...] {
            if line.hasPrefix("  ") && !line.hasPrefix("   ") || !line.hasPrefix(" ") { entries.append(line) }
            else if !entries.isEmpty { entries[entries.count - 1] += " " + line.trimmingCharacters(in: .whitespaces) }
        }
        for e in entries where e.range(of: #"\(default: [^()]*\)$"#, options: .regularExpression) != nil {
            let stated = e.components(separatedBy: "(default").count - 1
            if stated > 1 { found.append("default printed twice: \(e)") }
        }
        return found
    }

    @Test(arguments: commands)
    func helpIsWrappedOnceWithEachDefaultOnce(_ command: String) throws {
        let r = try CLIRunner.run((command.isEmpty ? [] : [command]) + ["--help"], environment: ["COLUMNS": "80"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("USAGE:"))
        #expect(Self.problems(in: r.stdout) == [], "sparsescape \(command) --help")
    }

    /// The checker finds what it is meant to find (a checker that cannot fail would prove nothing).
    @Test func checkerFindsEachProblem() {
        let good = "OVERVIEW: x\n\nA short paragraph.\n\nExamples:\n  sparsescape x\n\nUSAGE: s\n\nOPTIONS:\n  --a <a>   A. (default: 1)\n"
        #expect(Self.problems(in: good) == [])
        #expect(Self.problems(in: "Hand\nbroken.\nUSAGE: s\n").count == 1)
        #expect(Self.problems(in: "Examples:\n  sparsescape x --a very long example that\nwrapped\nUSAGE: s\n").count == 1)
        #expect(Self.problems(in: "USAGE: s\nOPTIONS:\n  --speed <r>   Rate (default 100).\n                (default: 100)\n").count == 1)
        #expect(Self.problems(in: String(repeating: "x", count: 81) + "\nUSAGE: s\n").count == 1)
    }

    @Test func exploreHelpNamesTheSettingsFile() throws {
        let r = try CLIRunner.run(["explore", "--help"], environment: ["COLUMNS": "80"])
        #expect(r.stdout.contains("$XDG_CONFIG_HOME/sparsescape/config.toml"))
        #expect(r.stdout.contains("--color <depth>") && r.stdout.contains("--grid <points>") && r.stdout.contains("--span <x>"))
    }
}

/// The explorer's settings file, end to end: where it is read, which source wins, how a bad one is refused.
@Suite struct ExplorerSettingsCLITests {
    /// Runs `sparsescape explore args…` with XDG_CONFIG_HOME holding a settings file with `text` (none when nil).
    static func explore(_ args: [String], settings text: String?) throws -> (CLIRunner.Outcome, path: String) {
        let home = try CLIRunner.tempDir()
        let path = home + "/sparsescape/config.toml"
        if let text {
            try FileManager.default.createDirectory(atPath: home + "/sparsescape", withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return (try CLIRunner.run(["explore"] + args, environment: ["XDG_CONFIG_HOME": home]), path)
    }

    @Test(arguments: [
        ("grid = 5000", "grid must be a whole number from 2 to 1001, got 5000"),
        (#"thme = "light""#, #"unknown key "thme" (did you mean "theme"?)"#),
        (#"theme = "nosuch""#, "theme: unknown theme 'nosuch'"),
        (#"color = "truecolor""#, "color must be auto, direct, 256, 16 or 8, got 'truecolor'"),
        ("speed = = 3", "not valid TOML at line 1"),
    ])
    func badSettingsAreOneLineNamingTheFile(_ text: String, _ problem: String) throws {
        let (r, path) = try Self.explore(["theorem5"], settings: text)
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("sparsescape: error: \(path): \(problem)"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test func flagsWinOverTheFile() throws {
        // The file's theme cannot be loaded, but --theme replaces it: the run gets as far as asking for a terminal.
        let (r, _) = try Self.explore(["theorem5", "--theme", "light"], settings: #"theme = "nosuch""#)
        #expect(r.status == 2)
        #expect(r.stderr.contains("needs a terminal"), "\(r.stderr)")
        // A good file and no flags: the same.
        let (ok, _) = try Self.explore(["theorem5"], settings: "grid = 81\nspan = 0.5\ncolor = \"direct\"\nspeed = \"unlimited\"\n")
        #expect(ok.stderr.contains("needs a terminal"), "\(ok.stderr)")
        // No file at all: the defaults.
        let (none, _) = try Self.explore(["theorem5"], settings: nil)
        #expect(none.stderr.contains("needs a terminal"), "\(none.stderr)")
        // A bad flag is named as the flag.
        let (flag, _) = try Self.explore(["theorem5", "--grid", "1"], settings: "grid = 81\n")
        #expect(flag.stderr == "sparsescape: error: --grid must be a whole number from 2 to 1001, got 1\n")
    }
}
