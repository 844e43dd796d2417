/// Counts worded with the noun in the number it takes: "1 run", "2 runs", "1 minimum", "3 minima".
public enum Plural {
    /// `n` followed by `one` when n is 1, else by `many` (the singular with an "s" when not given).
    public static func count(_ n: Int, _ one: String, _ many: String? = nil) -> String {
        "\(n) " + noun(n, one, many)
    }

    /// The noun alone, in the number `n` takes.
    public static func noun(_ n: Int, _ one: String, _ many: String? = nil) -> String {
        n == 1 ? one : (many ?? one + "s")
    }
}
