import Foundation
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

    /// An iteration count for an axis: at most three significant digits and a k/M/G suffix (950, 1.78k, 12.5k, 3M).
    ///
    /// Exact for the round numbers that ticks fall on (1500 is "1.5k", 10000 is "10k"); other counts are rounded
    /// to three significant digits (1778 is "1.78k").
    public static func compactIteration(_ n: Int) -> String {
        let sign = n < 0 ? "-" : ""
        let a = Double(n.magnitude)
        guard a >= 1000 else { return sign + String(n.magnitude) }
        let units: [(Double, String)] = [(1e3, "k"), (1e6, "M"), (1e9, "G"), (1e12, "T")]
        var k = 0
        while k + 1 < units.count && a >= units[k + 1].0 * 0.9995 { k += 1 }
        let v = a / units[k].0
        let decimals = v >= 99.95 ? 0 : (v >= 9.995 ? 1 : 2)
        var s = String(format: "%.\(decimals)f", v)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return sign + s + units[k].1
    }

    /// A value for a colour bar or status line: `%.4g`.
    public static func value(_ x: Double) -> String { NumberFormat.g(x, 4) }

    /// The smallest "nice" step (1, 2 or 5 times a power of ten) that is at least `x` (1 for non-positive or non-finite `x`).
    public static func niceStep(atLeast x: Double) -> Double {
        guard x.isFinite, x > 0 else { return 1 }
        let e = (log10(x)).rounded(.down)
        let base = pow(10, e)
        for m in [1.0, 2, 5, 10] where m * base >= x * (1 - 1e-12) { return m * base }
        return 10 * base
    }
}
