import SparseScapeCore

/// Tick labels for the charts.
public enum AxisFormat {
    /// A power of ten as "1e+1", "1e-2", "1e+0".
    public static func decade(_ k: Int) -> String {
        "1e" + (k < 0 ? "-" : "+") + String(abs(k))
    }

    /// An iteration count, compact: 950, 12000, 1.2e+06.
    public static func iteration(_ n: Int) -> String {
        abs(n) < 1_000_000 ? String(n) : NumberFormat.g(Double(n), 2)
    }

    /// A value for a colour bar or status line: `%.4g`.
    public static func value(_ x: Double) -> String { NumberFormat.g(x, 4) }
}
