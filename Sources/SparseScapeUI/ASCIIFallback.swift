/// One-character ASCII stand-ins for the non-ASCII characters in SparseScape's labels.
public enum ASCIIFallback {
    /// The ASCII stand-in of `c` ('?' for characters without one).
    public static func of(_ c: Character) -> Character {
        if c.isASCII { return c }
        switch c {
        case "·", "•", "●", "○": return "."
        case "±": return "~"
        case "…": return "~"
        case "×": return "x"
        case "—", "–", "─", "┄": return "-"
        case "→": return ">"
        case "←": return "<"
        case "↑": return "^"
        case "↓": return "v"
        case "λ": return "l"
        case "α": return "a"
        case "β": return "b"
        case "η": return "h"
        case "∇": return "g"
        case "‖", "│", "┆": return "|"
        case "★": return "*"
        case "┌", "┐", "└", "┘", "┤", "├": return "+"
        case "█", "▀", "▄": return "#"
        case "₊": return "+"
        default: return "?"
        }
    }
}

extension CellBuffer {
    /// Replaces every non-ASCII character with its `ASCIIFallback` (for terminals without UTF-8).
    public mutating func replaceNonASCII() {
        for y in 0..<height {
            for x in 0..<width where !self[x, y].char.isASCII {
                self[x, y].char = ASCIIFallback.of(self[x, y].char)
            }
        }
    }
}
