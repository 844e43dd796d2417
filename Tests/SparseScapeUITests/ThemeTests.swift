import Foundation
import Testing
import SparseScapeCore
@testable import SparseScapeUI

/// Theme files: parsing, the shipped themes, errors.
@Suite struct ThemeTests {
    static let shipped = ["default", "light", "colorblind", "mono"]

    @Test(arguments: shipped)
    func shippedThemeDefinesEveryKey(name: String) throws {
        let path = Theme.packageThemesDirectory + "/\(name).theme"
        let theme = try Theme.load(path: path)
        #expect(theme.missingKeys.isEmpty, "\(name) lacks \(theme.missingKeys.map(\.rawValue))")
        #expect(theme.palette.edgePos != theme.palette.edgeNeg)
        #expect(theme.palette.mainFg != theme.palette.mainBg)
        #expect(theme.gradient("slice") != nil)
    }

    @Test func loadByName() throws {
        let light = try Theme.load(nameOrPath: "light")
        #expect(light.palette.mainBg == RGB(0xfa, 0xfa, 0xfa))
    }

    @Test func builtinMatchesDefaultFile() throws {
        let file = try Theme.load(path: Theme.packageThemesDirectory + "/default.theme")
        #expect(file.colors == Theme.builtinDefault.colors)
        #expect(Theme.builtinDefault.missingKeys.isEmpty)
    }

    @Test func monoIsGreyOnly() throws {
        let mono = try Theme.load(nameOrPath: "mono")
        for (_, c) in mono.colors { #expect(c.r == c.g && c.g == c.b) }
    }

    @Test func parsesFormatsCommentsAndUnknownKeys() throws {
        let t = try Theme.parse("""
        # a comment

        theme[main_bg]="#102030"
        theme[main_fg] = "#abc"
        theme[title]="#7f"
        theme[hi_fg]="255 128 0"
        theme[div_line]=""
        theme[something_else]="#010203"
        """, source: "inline")
        #expect(t.palette.mainBg == RGB(0x10, 0x20, 0x30))
        #expect(t.palette.mainFg == RGB(0xaa, 0xbb, 0xcc))
        #expect(t.palette.title == RGB(0x7f, 0x7f, 0x7f))
        #expect(t.palette.hiFg == RGB(255, 128, 0))
        #expect(t["something_else"] == RGB(1, 2, 3))
        #expect(t.palette.divLine == Theme.builtinDefault.palette.divLine)  // unset: from the built-in default
        #expect(t.missingKeys.contains(.divLine))
    }

    @Test(arguments: [
        ("theme[main_bg]=\"#12345\"", "line 2: bad colour"),
        ("theme[title]=\"#fff\"\nmain_bg=#123456", "line 3: expected 'theme[key]=\"#RRGGBB\"'"),
        ("theme[main_bg] \"#123456\"", "line 2: expected '='"),
        ("theme[main_bg]=\"#123456", "line 2: unterminated quote"),
        ("theme[]=\"#123456\"", "line 2: bad key"),
    ])
    func malformedLineIsAnError(line: String, expected: String) {
        #expect {
            _ = try Theme.parse("# ok\n" + line + "\n", source: "bad.theme")
        } throws: { error in
            let message = (error as? SparseScapeError)?.message ?? ""
            return message.hasPrefix("theme bad.theme ") && message.contains(expected) && !message.contains("\n")
        }
    }

    @Test func aFileThatIsNotAThemeIsNamedButNeverQuoted() {
        // /etc/passwd-like text: the first setting is not theme[key]=…, so the file is not a theme at all.
        #expect {
            _ = try Theme.parse("# comment\nroot:x:0:0:root:/root:/bin/bash\n", source: "passwd")
        } throws: { error in
            (error as? SparseScapeError)?.message == "passwd: not a theme file (line 2: expected 'theme[key]=\"#RRGGBB\"')"
        }
    }

    @Test func aHugeValueIsQuotedAsAShortExcerpt() {
        let value = String(repeating: "#", count: 100_000) + "\u{1B}[2J"
        #expect {
            _ = try Theme.parse("theme[main_bg]=\"\(value)\"\n", source: "big.theme")
        } throws: { error in
            let message = (error as? SparseScapeError)?.message ?? ""
            let excerpt = "'" + String(repeating: "#", count: SafeText.excerptLimit) + "… (100004 bytes)'"
            return message == "theme big.theme line 1: bad colour \(excerpt) for main_bg (expected #RRGGBB, #RGB, #GG or \"R G B\")"
        }
    }

    @Test func missingFileAndUnknownNameAreErrors() {
        #expect(throws: SparseScapeError.self) { try Theme.load(nameOrPath: "/nonexistent/x.theme") }
        do {
            _ = try Theme.load(nameOrPath: "no-such-theme")
            Issue.record("expected an error")
        } catch let e as SparseScapeError {
            #expect(e.message.hasPrefix("unknown theme 'no-such-theme'"))
        } catch { Issue.record("unexpected \(error)") }
        #expect(throws: SparseScapeError.self) { try Theme.load(path: Theme.packageThemesDirectory) }  // a directory
    }

    @Test func defaultFallsBackToBuiltinWhenNoFile() throws {
        let t = try Theme.load(nameOrPath: "default", executablePath: "/nonexistent/bin/sparsescape")
        #expect(t.palette == Theme.builtinDefault.palette)
    }
}
