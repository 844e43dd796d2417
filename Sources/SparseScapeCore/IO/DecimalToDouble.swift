import Foundation

/// Correctly rounded conversion of decimal text (bytes) to doubles, without building Strings.
///
/// Up to 19 significant digits: Clinger's fast path (an exact significand times an exact power of ten, one
/// rounding) or else the Eisel–Lemire algorithm (a 128-bit product with `PowersOfFive`). Longer significands and
/// the rare ambiguous cases go to `strtod` on a small NUL-terminated copy. The result equals `Double(String)`.
public enum DecimalToDouble {
    /// A scanned number: its value and the position just after it.
    public typealias Scanned = (value: Double, next: UnsafePointer<UInt8>)

    /// Scans the longest number at `p` (before `end`) and converts it.
    ///
    /// Lenient grammar (CSV): `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`. Strict grammar (JSON):
    /// `-? (0 | [1-9] digits) (. digits)? ([eE] [+-]? digits)?`. Returns nil when no number starts at `p` (and, in the
    /// strict grammar, when a number is malformed: a leading zero followed by a digit, a dot without digits).
    /// The caller checks what follows; forms like `inf`, `nan` or hexadecimal go through `strtodWhole`.
    @inline(__always)
    public static func scan(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, strict: Bool) -> Scanned? {
        var p = start
        var negative = false
        if p < end && (p.pointee == UInt8(ascii: "-") || (!strict && p.pointee == UInt8(ascii: "+"))) {
            negative = p.pointee == UInt8(ascii: "-")
            p += 1
        }
        var significand: UInt64 = 0
        var digits = 0          // significant digits (after leading zeros) accumulated or dropped
        var exponent = 0        // decimal exponent of the last accumulated digit
        var sawDigit = false
        let integerStart = p
        while p < end, case let d = p.pointee &- 48, d < 10 {
            sawDigit = true
            if significand == 0 && d == 0 { p += 1; continue }
            if digits < 19 { significand = significand &* 10 &+ UInt64(d) } else { exponent += 1 }
            digits += 1
            p += 1
        }
        if strict {
            guard sawDigit else { return nil }
            if integerStart.pointee == UInt8(ascii: "0") && p - integerStart > 1 { return nil }
        }
        if p < end && p.pointee == UInt8(ascii: ".") {
            p += 1
            let fractionStart = p
            while p < end, case let d = p.pointee &- 48, d < 10 {
                sawDigit = true
                if significand == 0 && d == 0 { exponent -= 1; p += 1; continue }
                if digits < 19 { significand = significand &* 10 &+ UInt64(d); exponent -= 1 }
                digits += 1
                p += 1
            }
            if strict && p == fractionStart { return nil }
        }
        guard sawDigit else { return nil }
        if p < end && (p.pointee | 0x20) == UInt8(ascii: "e") {
            var q = p + 1
            var expNegative = false
            if q < end && (q.pointee == UInt8(ascii: "-") || q.pointee == UInt8(ascii: "+")) {
                expNegative = q.pointee == UInt8(ascii: "-")
                q += 1
            }
            if q < end && q.pointee &- 48 < 10 {
                var e = 0
                while q < end, case let d = q.pointee &- 48, d < 10 {
                    if e < 100_000 { e = e * 10 + Int(d) }
                    q += 1
                }
                exponent += expNegative ? -e : e
                p = q
            } else if strict {
                return nil
            }
        }
        if digits > 19 {
            // More digits than a UInt64 holds exactly: strtod decides.
            guard let v = strtodWhole(start, p) else { return nil }
            return (v, p)
        }
        if let v = value(significand: significand, exponent: exponent, negative: negative) { return (v, p) }
        guard let v = strtodWhole(start, p) else { return nil }
        return (v, p)
    }

    /// significand × 10^exponent, correctly rounded, or nil in the rare cases the fast algorithms cannot decide.
    @inline(__always)
    public static func value(significand w: UInt64, exponent q: Int, negative: Bool) -> Double? {
        if w == 0 { return negative ? -0.0 : 0.0 }
        // Clinger: both factors exact, so the one operation rounds correctly.
        if w <= 1 << 53 && q >= -22 && q <= 22 {
            var d = Double(w)
            d = q < 0 ? d / exactPowersOfTen[-q] : d * exactPowersOfTen[q]
            return negative ? -d : d
        }
        guard let bits = eiselLemire(w, q) else { return nil }
        let d = Double(bitPattern: bits)
        return negative ? -d : d
    }

    /// 10^0 … 10^22, all exact doubles.
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// The bit pattern of the double nearest to w × 10^q (w > 0), or nil when undecided.
    private static func eiselLemire(_ w0: UInt64, _ q: Int) -> UInt64? {
        if q < PowersOfFive.smallestExponent { return 0 }
        if q > PowersOfFive.largestExponent { return 0x7FF0_0000_0000_0000 }
        let lz = w0.leadingZeroBitCount
        let w = w0 << UInt64(lz)
        // w × 5^q, the top 128 bits (the second product only when the first leaves the rounding undecided).
        let power = PowersOfFive.table[q - PowersOfFive.smallestExponent]
        var (high, low) = w.multipliedFullWidth(by: power.high)
        let precisionMask: UInt64 = UInt64.max >> 55
        if high & precisionMask == precisionMask {
            let second = w.multipliedFullWidth(by: power.low)
            let (sum, carry) = low.addingReportingOverflow(second.high)
            low = sum
            if carry { high &+= 1 }
        }
        if low == UInt64.max && !(q >= -27 && q <= 55) { return nil }
        let upperBit = Int(high >> 63)
        var mantissa = high >> UInt64(upperBit + 9)
        // The binary exponent: ⌊q·log2(10)⌋ + 63 + upperBit − lz, biased.
        var power2 = (((q &* (152_170 + 65_536)) >> 16) + 63) + upperBit - lz + 1023
        if power2 <= 0 {
            // Subnormal (or zero).
            if -power2 + 1 >= 64 { return 0 }
            mantissa >>= UInt64(-power2 + 1)
            mantissa += mantissa & 1
            mantissa >>= 1
            power2 = mantissa < (1 << 52) ? 0 : 1
            return (mantissa & ((1 << 52) - 1)) | (UInt64(power2) << 52)
        }
        // Exactly halfway between two doubles (possible only when 5^q is exact in 64 bits): round to even.
        if low <= 1 && q >= -4 && q <= 23 && mantissa & 3 == 1 && (mantissa << UInt64(upperBit + 9)) == high {
            mantissa &= ~1
        }
        mantissa += mantissa & 1
        mantissa >>= 1
        if mantissa >= 2 << 52 {
            mantissa = 1 << 52
            power2 += 1
        }
        mantissa &= ~(1 << 52)
        if power2 >= 0x7FF { return 0x7FF0_0000_0000_0000 }
        return mantissa | (UInt64(power2) << 52)
    }

    /// The "C" locale, made once: `strtodWhole` reads a '.' as the decimal point whatever locale the process or
    /// thread has set (the explorer calls `setlocale(LC_ALL, "")` for ncurses).
    nonisolated(unsafe) static let cLocale: locale_t? = newlocale(LC_NUMERIC_MASK, "C", nil)

    /// `strtod` of the whole byte range (any form `Double(String)` accepts), or nil unless all of it is one number.
    /// Locale-independent: `strtod` with the "C" locale set for this thread during the call (`uselocale`; the
    /// `strtod_l` of glibc is not visible to Swift without _GNU_SOURCE). Any length: a number of thousands of digits
    /// (a CSV cell of 5,000 bytes) is read like a short one (the copy goes to the heap beyond a few KiB).
    public static func strtodWhole(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Double? {
        let count = end - start
        guard count > 0 else { return nil }
        // strtod skips leading white space; Double(String) does not.
        let first = start.pointee
        guard first != UInt8(ascii: " ") && !(9...13).contains(first) else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { buffer -> Double? in
            let base = buffer.baseAddress!
            for i in 0..<count {
                guard start[i] != 0 else { return nil }
                base[i] = CChar(bitPattern: start[i])
            }
            base[count] = 0
            var stop: UnsafeMutablePointer<CChar>?
            guard let c = cLocale, let previous = uselocale(c) else { return nil }
            let v = strtod(base, &stop)
            uselocale(previous)
            guard let stop, stop == base + count else { return nil }
            return v
        }
    }
}
