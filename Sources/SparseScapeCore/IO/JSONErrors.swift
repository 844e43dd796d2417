/// Turns decoding errors into one readable line.
enum JSONErrors {
    /// "at masks[0][1]: expected a number" style text.
    static func describe(_ e: DecodingError) -> String {
        func path(_ p: [CodingKey]) -> String {
            if p.isEmpty { return "top level" }
            return p.map { k in k.intValue.map { "[\($0)]" } ?? ".\(k.stringValue)" }.joined()
                .trimmingCharacters(in: ["."])
        }
        switch e {
        case .dataCorrupted(let c):
            if c.codingPath.isEmpty { return "malformed JSON (\(c.underlyingError.map { "\($0)" } ?? c.debugDescription))" }
            return "invalid value at \(path(c.codingPath)): \(c.debugDescription)"
        case .keyNotFound(let k, let c):
            return "missing field '\(k.stringValue)'" + (c.codingPath.isEmpty ? "" : " in \(path(c.codingPath))")
        case .typeMismatch(let t, let c):
            return "wrong type at \(path(c.codingPath)): expected \(readable(t))"
        case .valueNotFound(let t, let c):
            return "missing value at \(path(c.codingPath)): expected \(readable(t))"
        @unknown default:
            return "invalid JSON"
        }
    }

    private static func readable(_ t: Any.Type) -> String {
        let s = "\(t)"
        if s.contains("Double") || s.contains("Int") { return s.hasPrefix("Array") ? "an array of numbers" : "a number" }
        if s.contains("String") { return "a string" }
        if s.hasPrefix("Array") { return "an array" }
        return s
    }
}
