import Foundation

/// Number formatting for human-readable reports.
public enum NumberFormat {
    /// `%.{digits}g`.
    public static func g(_ x: Double, _ digits: Int = 6) -> String {
        guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "inf" : "-inf") }
        return String(format: "%.\(digits)g", x)
    }

    /// A number for people to read: like `g`, but values below 1e-100 in magnitude (underflow debris such as
    /// 2.47e-323) are shown as 0 and −0 as 0.
    public static func human(_ x: Double, _ digits: Int = 4) -> String {
        guard x.isFinite else { return g(x, digits) }
        return abs(x) < 1e-100 ? "0" : g(x, digits)
    }

    /// A list of numbers, comma-separated.
    public static func list(_ xs: [Double], _ digits: Int = 6) -> String { xs.map { g($0, digits) }.joined(separator: ", ") }

    /// Pads `s` on the right to `width` characters.
    public static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }
}
