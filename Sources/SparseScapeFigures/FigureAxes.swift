import Foundation
import SparseScapeCore

/// How an axis maps values: evenly, or by their logarithm.
public enum AxisScale: String, Sendable, CaseIterable {
    /// Even spacing.
    case linear
    /// Logarithmic spacing (positive values only).
    case log
}

/// A labelled tick: its value and the text shown beside it.
public struct AxisTick: Equatable, Sendable {
    /// The value (in data units).
    public var value: Double
    /// Its label.
    public var label: String

    /// A tick.
    public init(value: Double, label: String) {
        self.value = value
        self.label = label
    }
}

/// A figure axis: a value range on a linear or log scale, with "nice" ticks (1, 2, 5 × 10ᵏ).
public struct FigureAxis: Equatable, Sendable {
    /// The value at the axis start.
    public var lower: Double
    /// The value at the axis end.
    public var upper: Double
    /// Linear or log.
    public var scale: AxisScale

    /// An axis over [lower, upper]; a degenerate range is widened (by ±10 % of the value, or ±½ around 0, on linear
    /// axes; by a factor √10 each way on log axes),
    /// and a log axis needs positive bounds (they are clamped to 10⁻³⁰⁰).
    public init(lower: Double, upper: Double, scale: AxisScale = .linear) {
        var lo = min(lower, upper), hi = max(lower, upper)
        if !lo.isFinite || !hi.isFinite { lo = 0; hi = 1 }
        if scale == .log {
            lo = max(lo, 1e-300)
            hi = max(hi, lo)
            if hi <= lo * (1 + 1e-12) { lo /= 10.0.squareRoot(); hi *= 10.0.squareRoot() }
        } else if hi - lo <= 1e-12 * max(abs(lo), abs(hi)) {
            let half = lo == 0 ? 0.5 : 0.1 * abs(lo)
            lo -= half
            hi += half
        }
        self.lower = lo
        self.upper = hi
        self.scale = scale
    }

    /// The axis covering the finite `values` (positive ones on a log axis), nil when there are none.
    public static func covering(_ values: [Double], scale: AxisScale = .linear) -> FigureAxis? {
        let usable = values.filter { $0.isFinite && (scale == .linear || $0 > 0) }
        guard let lo = usable.min(), let hi = usable.max() else { return nil }
        return FigureAxis(lower: lo, upper: hi, scale: scale)
    }

    /// The same axis widened by `fraction` of its length at each end (in scale units).
    public func padded(_ fraction: Double) -> FigureAxis {
        switch scale {
        case .linear:
            let d = (upper - lower) * fraction
            return FigureAxis(lower: lower - d, upper: upper + d, scale: .linear)
        case .log:
            let d = (Foundation.log10(upper) - Foundation.log10(lower)) * fraction
            return FigureAxis(lower: lower / pow(10, d), upper: upper * pow(10, d), scale: .log)
        }
    }

    /// Where `value` lies: 0 at `lower`, 1 at `upper` (outside for values beyond); nil for a value the scale
    /// cannot show (non-finite, or not positive on a log axis).
    public func fraction(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        switch scale {
        case .linear:
            return (value - lower) / (upper - lower)
        case .log:
            guard value > 0 else { return nil }
            return (Foundation.log10(value) - Foundation.log10(lower)) / (Foundation.log10(upper) - Foundation.log10(lower))
        }
    }

    /// The value at `fraction` of the axis.
    public func value(at fraction: Double) -> Double {
        switch scale {
        case .linear: return lower + fraction * (upper - lower)
        case .log: return pow(10, Foundation.log10(lower) + fraction * (Foundation.log10(upper) - Foundation.log10(lower)))
        }
    }

    /// At most about `maxCount` ticks inside the range, at nice values, labelled alike.
    ///
    /// Linear: multiples of 1, 2, 2.5 or 5 × 10ᵏ, with as many decimals as the step needs. Log: the powers of
    /// ten (every second or fifth when there are many), with 2 and 5 between them when fewer than three decades
    /// show, and linear ticks when the range is narrower than a factor of about three.
    public func ticks(maxCount: Int = 6) -> [AxisTick] {
        let count = max(2, maxCount)
        switch scale {
        case .linear: return Self.linearTicks(lower, upper, count)
        case .log: return logTicks(count)
        }
    }

    /// Nice linear ticks in [lo, hi].
    static func linearTicks(_ lo: Double, _ hi: Double, _ count: Int) -> [AxisTick] {
        let step = niceStep((hi - lo) / Double(count - 1))
        guard step > 0, step.isFinite else { return [] }
        let first = (lo / step - 1e-9).rounded(.up)
        var ticks: [AxisTick] = []
        var k = first
        while k * step <= hi + 1e-9 * step && ticks.count < 100 {
            let v = k * step
            ticks.append(AxisTick(value: v == 0 ? 0 : v, label: label(v, step: step)))
            k += 1
        }
        return ticks
    }

    /// Ticks of a log axis.
    func logTicks(_ count: Int) -> [AxisTick] {
        let a = Foundation.log10(lower), b = Foundation.log10(upper)
        let first = Int((a - 1e-9).rounded(.up)), last = Int((b + 1e-9).rounded(.down))
        let decades = last - first + 1
        if b - a < 0.5 {
            return Self.linearTicks(lower, upper, count)
        }
        if decades >= 3 {
            let every = [1, 2, 3, 5, 10, 20, 50, 100].first { decades / $0 + 1 <= count } ?? 100
            let start = Int((Double(first) / Double(every)).rounded(.up)) * every
            let ks = Array(stride(from: start, through: last, by: every))
            // Plain numbers when all are short (0.001 … 10000), else every one as a power of ten.
            let plain = ks.allSatisfy { $0 >= -3 && $0 <= 4 }
            return ks.map { AxisTick(value: pow(10, Double($0)), label: plain ? Self.powerLabel($0) : "10" + Self.superscript($0)) }
        }
        var ticks: [AxisTick] = []
        for k in (first - 1)...(last + 1) {
            for m in [1.0, 2.0, 5.0] {
                let v = m * pow(10, Double(k))
                let lv = Foundation.log10(v)
                if lv >= a - 1e-9 && lv <= b + 1e-9 { ticks.append(AxisTick(value: v, label: Self.multipleLabel(m, k))) }
            }
        }
        if ticks.count > count { ticks = ticks.filter { t in abs(Foundation.log10(t.value).rounded() - Foundation.log10(t.value)) < 1e-9 || t.label.hasPrefix("5") } }
        return ticks.count >= 2 ? ticks : Self.linearTicks(lower, upper, count)
    }

    /// The smallest of 1, 2, 2.5, 5 × 10ᵏ at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 0 }
        let p = pow(10, Foundation.log10(raw).rounded(.down))
        for m in [1.0, 2.0, 2.5, 5.0, 10.0] where m * p >= raw * (1 - 1e-9) { return m * p }
        return 10 * p
    }

    /// A linear tick's label: fixed decimals enough for `step`, or a power-of-ten form for very large or small values.
    static func label(_ v: Double, step: Double) -> String {
        if abs(v) < 1e-9 * step { return "0" }
        let magnitude = max(abs(v), step)
        if magnitude >= 1e6 || step < 1e-4 {
            let e = Int(Foundation.log10(abs(v)).rounded(.down))
            let mantissa = v / pow(10, Double(e))
            let digits = max(0, Int((Foundation.log10(abs(v)) - Foundation.log10(step)).rounded(.down)))
            var m = String(format: "%.\(min(digits, 6))f", mantissa)
            if m.contains(".") { while m.hasSuffix("0") { m.removeLast() }; if m.hasSuffix(".") { m.removeLast() } }
            return m == "1" ? "10" + superscript(e) : m == "-1" ? "−10" + superscript(e) : m.replacingOccurrences(of: "-", with: "−") + "×10" + superscript(e)
        }
        var decimals = max(0, Int((-Foundation.log10(step) - 1e-9).rounded(.up)))
        let scaled = step / pow(10, -Double(decimals))
        if abs(scaled - scaled.rounded()) > 1e-6 { decimals += 1 }   // 2.5 × 10ᵏ needs one more
        let s = String(format: "%.\(decimals)f", v)
        return s.hasPrefix("-") ? "−" + s.dropFirst() : s
    }

    /// 10ᵏ: plain for 10⁻⁴ … 10⁵, else with a superscript exponent.
    static func powerLabel(_ k: Int) -> String {
        if k >= 0 && k <= 5 { return "1" + String(repeating: "0", count: k) }
        if k < 0 && k >= -4 { return "0." + String(repeating: "0", count: -k - 1) + "1" }
        return "10" + superscript(k)
    }

    /// m × 10ᵏ for m in 1, 2, 5.
    static func multipleLabel(_ m: Double, _ k: Int) -> String {
        let digit = String(Int(m))
        if m == 1 { return powerLabel(k) }
        if k >= 0 && k <= 5 { return digit + String(repeating: "0", count: k) }
        if k < 0 && k >= -4 { return "0." + String(repeating: "0", count: -k - 1) + digit }
        return digit + "×10" + superscript(k)
    }

    /// An integer in superscript digits (with a superscript minus).
    static func superscript(_ k: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        return (k < 0 ? "⁻" : "") + String(abs(k)).map { digits[Int(String($0))!] }
    }
}
