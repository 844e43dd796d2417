import Foundation

/// A number as printed in the paper, compared to the printed precision.
public struct PrintedValue: Sendable, Equatable {
    /// The text as printed (e.g. "0.5143043518476", "2.1e-1", "8").
    public let text: String
    /// Its value.
    public let value: Double
    /// One unit in the last printed digit.
    public let unit: Double

    /// Parses printed text such as "0.191640" or "3.4e-1".
    public init(_ text: String) {
        self.text = text
        value = Double(text)!
        let lower = text.lowercased()
        let parts = lower.split(separator: "e", maxSplits: 1)
        let mantissa = String(parts[0])
        let exponent = parts.count > 1 ? Int(parts[1])! : 0
        let decimals = mantissa.split(separator: ".").dropFirst().first?.count ?? 0
        unit = pow(10, Double(exponent - decimals))
    }

    /// True when `x` agrees with the printed digits: it rounds or truncates to them (|x − printed| < one unit).
    public func matches(_ x: Double) -> Bool { abs(x - value) < unit }
}
