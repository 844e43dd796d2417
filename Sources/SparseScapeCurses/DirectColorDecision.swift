import SparseScapeUI

/// Whether to draw with 24-bit colour, and which terminfo entry to start curses with.
public enum DirectColorDecision: Equatable, Sendable {
    /// TERM's own entry is direct-colour: start curses with TERM as it is.
    case direct
    /// Truecolor is wanted and a direct-colour variant of TERM exists: start curses with it.
    case directVia(terminfo: String)
    /// Palette colours (256, 16 or 8) with TERM as it is.
    case indexed
    /// A palette depth was chosen on a direct-colour TERM: start curses with this palette variant of it.
    case indexedVia(terminfo: String)

    /// The terminfo name to pass to `newterm` (nil: TERM).
    public var terminfoName: String? {
        switch self {
        case .directVia(let name), .indexedVia(let name): return name
        case .direct, .indexed: return nil
        }
    }

    /// Decides from COLORTERM, TERM, the chosen colour depth and the terminfo database (passed in, so this is a
    /// pure function).
    ///
    /// - `auto` (the default): direct colour when TERM's entry is direct-colour (`RGB` flag or ≥ 2²⁴ colours).
    ///   Otherwise, when the terminal says it draws truecolor — COLORTERM is `truecolor` or `24bit`, or TERM's
    ///   entry has the `Tc` flag — the first direct-colour entry among `TERM-direct`, TERM without a `-256color`,
    ///   `-88color`, `-16color` or `-color` suffix plus `-direct` (tmux-256color → tmux-direct), and
    ///   `xterm-direct` when TERM starts with `xterm`. Otherwise indexed colour: terminals that draw truecolor but
    ///   have no such entry get the 256-colour palette.
    /// - `direct`: as `auto`, but truecolor is taken as drawn whatever COLORTERM and `Tc` say (the setting for
    ///   terminals whose environment does not reach the program, e.g. over ssh or sudo).
    /// - `256`, `16`, `8`: indexed colour; on a direct-colour TERM, its palette variant (`xterm-direct` →
    ///   `xterm-256color`) when one exists, else TERM as it is (direct colour: its palette cannot be limited).
    public static func decide(colorterm: String?, term: String?, depth: ColorDepth = .auto,
                              terminfo: (String) -> TerminfoFacts?) -> DirectColorDecision {
        guard let term, !term.isEmpty, term != "dumb" else { return .indexed }
        let facts = terminfo(term)
        if depth.paletteLimit != nil {
            guard facts?.isDirect == true else { return .indexed }
            for name in paletteCandidates(for: term) {
                if let f = terminfo(name), !f.isDirect { return .indexedVia(terminfo: name) }
            }
            return .direct
        }
        if facts?.isDirect == true { return .direct }
        let ct = colorterm?.lowercased()
        let saysTruecolor = ct == "truecolor" || ct == "24bit" || facts?.truecolorFlag == true
        guard saysTruecolor || depth == .direct else { return .indexed }
        for name in directCandidates(for: term) where terminfo(name)?.isDirect == true {
            return .directVia(terminfo: name)
        }
        return .indexed
    }

    /// The direct-colour entries to try for `term`, in order, without repeats.
    static func directCandidates(for term: String) -> [String] {
        if term.hasSuffix("-direct") { return [] }
        var names = [term + "-direct"]
        for suffix in ["-256color", "-88color", "-16color", "-color"] where term.hasSuffix(suffix) {
            names.append(String(term.dropLast(suffix.count)) + "-direct")
            break
        }
        if term.hasPrefix("xterm") { names.append("xterm-direct") }
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }

    /// The palette entries to try for a direct-colour `term`, in order: `-direct` (or nothing) replaced by
    /// `-256color`, then `xterm-256color` when TERM starts with `xterm`.
    static func paletteCandidates(for term: String) -> [String] {
        let base = term.hasSuffix("-direct") ? String(term.dropLast("-direct".count)) : term
        var names = [base + "-256color"]
        if term.hasPrefix("xterm") { names.append("xterm-256color") }
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }
}
