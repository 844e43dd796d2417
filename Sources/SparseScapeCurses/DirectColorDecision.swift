/// Whether to draw with 24-bit colour, and which terminfo entry to start curses with.
public enum DirectColorDecision: Equatable, Sendable {
    /// TERM's own entry is direct-colour: start curses with TERM as it is.
    case direct
    /// The environment asks for truecolor and a direct-colour variant of TERM exists: start curses with it.
    case directVia(terminfo: String)
    /// Palette colours (256, 16 or 8) with TERM as it is.
    case indexed

    /// The terminfo name to pass to `newterm` (nil: TERM).
    public var terminfoName: String? {
        if case .directVia(let name) = self { return name }
        return nil
    }

    /// Decides from COLORTERM, TERM and the terminfo database (passed in, so this is a pure function).
    ///
    /// Direct colour when TERM's entry is direct-colour (`RGB` flag or ≥ 2²⁴ colours). Otherwise, when COLORTERM is
    /// `truecolor` or `24bit`, the first direct-colour entry among `TERM-direct`, TERM without a `-256color`,
    /// `-88color`, `-16color` or `-color` suffix plus `-direct` (tmux-256color → tmux-direct), and `xterm-direct`
    /// when TERM starts with `xterm`. Otherwise indexed colour: terminals that draw truecolor but have no such
    /// entry get the 256-colour palette.
    public static func decide(colorterm: String?, term: String?, terminfo: (String) -> TerminfoFacts?) -> DirectColorDecision {
        guard let term, !term.isEmpty, term != "dumb" else { return .indexed }
        if terminfo(term)?.isDirect == true { return .direct }
        guard let ct = colorterm?.lowercased(), ct == "truecolor" || ct == "24bit" else { return .indexed }
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
}
