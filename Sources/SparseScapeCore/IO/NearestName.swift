/// The known name nearest to a misspelt one, by edit distance, for "did you mean …?" in error messages.
public enum NearestName {
    /// The entry of `known` nearest to `name`: an exact alias first (`aliases[name]`), else the smallest
    /// case-insensitive Levenshtein distance (ties: the earlier entry of `known`); nil when `known` is empty.
    public static func nearest(to name: String, in known: [String], aliases: [String: String] = [:]) -> String? {
        if let alias = aliases[name.lowercased()], known.contains(alias) { return alias }
        let target = Array(name.lowercased())
        var best: (name: String, distance: Int)?
        for candidate in known {
            let d = distance(target, Array(candidate.lowercased()))
            if best == nil || d < best!.distance { best = (candidate, d) }
        }
        return best?.name
    }

    /// The Levenshtein distance between two character sequences (insertions, deletions, substitutions).
    public static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// `unknown key "k" (did you mean "n"?)`, or without the suggestion when nothing is known; the key is
    /// quoted as JSON and TOML write keys, its control characters escaped.
    public static func unknownKey(_ key: String, in known: [String], aliases: [String: String] = [:]) -> String {
        let head = "unknown key \"\(SafeText.excerpt(key, limit: 60))\""
        guard let n = nearest(to: key, in: known, aliases: aliases) else { return head }
        return head + " (did you mean \"\(n)\"?)"
    }
}
