/// The colour depth the explorer draws with: detected from the terminal, or chosen by the user.
public enum ColorDepth: String, CaseIterable, Equatable, Sendable {
    /// Direct (24-bit) colour when the terminal says it has it (terminfo, `COLORTERM` or terminfo's `Tc`), else its palette.
    case auto
    /// Direct colour whenever a direct-colour terminfo entry for the terminal exists, whatever the environment says.
    case direct
    /// At most the xterm 256-colour palette.
    case palette256 = "256"
    /// At most the 16 ANSI colours.
    case palette16 = "16"
    /// At most the 8 basic ANSI colours.
    case palette8 = "8"

    /// The most palette colours this depth allows (nil: no limit below what the terminal has).
    public var paletteLimit: Int? {
        switch self {
        case .auto, .direct: return nil
        case .palette256: return 256
        case .palette16: return 16
        case .palette8: return 8
        }
    }

    /// The accepted spellings, for messages: "auto, direct, 256, 16 or 8".
    public static var spellings: String {
        let names = allCases.map(\.rawValue)
        return names.dropLast().joined(separator: ", ") + " or " + names.last!
    }
}
