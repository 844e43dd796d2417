import Foundation
import Testing
@testable import SparseScapeCore

/// The byte-level number parser gives exactly what `Double(String)` gives.
@Suite struct DecimalToDoubleTests {
    /// Scans the whole text in the lenient (CSV) grammar; nil unless all of it is one number.
    static func lenient(_ s: String) -> Double? {
        let bytes = Array(s.utf8)
        return bytes.withUnsafeBufferPointer { b -> Double? in
            guard let base = b.baseAddress, !bytes.isEmpty else { return nil }
            if let (v, next) = DecimalToDouble.scan(base, base + b.count, strict: false), next == base + b.count { return v }
            return DecimalToDouble.strtodWhole(base, base + b.count)
        }
    }

    static func same(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (let x?, let y?): return x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN)
        default: return false
        }
    }

    @Test func randomDoublesInEveryFormatReadBackExactly() {
        var g = SeededGenerator(seed: 12)
        var checked = 0
        for k in 0..<60_000 {
            // Random bit patterns cover every exponent, subnormals included; finite ones only.
            let v = Double(bitPattern: g.next())
            guard v.isFinite else { continue }
            let forms = ["\(v)", String(format: "%.17g", v), String(format: "%.18e", v), String(format: "%.15g", v),
                         String(format: "%.19e", v), String(format: "%.6f", k % 7 == 0 ? v : v / 1e300)]
            for s in forms {
                #expect(Self.same(Self.lenient(s), Double(s)), "\(s)")
                checked += 1
            }
        }
        #expect(checked > 300_000)
    }

    @Test func randomDecimalStringsNearHalfwayAndLongReadBackExactly() {
        var g = SeededGenerator(seed: 3)
        for _ in 0..<50_000 {
            let digits = Int(g.next() % 25) + 1
            var s = (g.next() % 2 == 0 ? "-" : "") + String(g.next() % 9 + 1)
            for _ in 1..<digits { s += String(g.next() % 10) }
            s += "e" + String(Int(g.next() % 700) - 350)
            #expect(Self.same(Self.lenient(s), Double(s)), "\(s)")
        }
        // Halfway cases and the edges of the range.
        for s in ["9007199254740993", "9007199254740995", "2.2250738585072011e-308", "2.2250738585072014e-308",
                  "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "1.7976931348623157e308",
                  "1.7976931348623158e308", "1.7976931348623159e308", "1e-400", "1e400", "0.1", "-0", "0e0", "123456789012345678901234",
                  "7.3177701707893310e+15", "1.00000000000000011102230246251565404236316680908203125", "+1.5", ".5", "5.", "1E5",
                  "inf", "-infinity", "nan", "0x1p-3", "1e", "1e+", "--1", "1.2.3", "", "1,5", " 1"] {
            #expect(Self.same(Self.lenient(s), Double(s)), "\(s)")
        }
    }

    @Test func strictGrammarIsJSONs() {
        func strict(_ s: String) -> Double? {
            let bytes = Array(s.utf8)
            return bytes.withUnsafeBufferPointer { b in
                DecimalToDouble.scan(b.baseAddress!, b.baseAddress! + b.count, strict: true).flatMap { $0.next == b.baseAddress! + b.count ? $0.value : nil }
            }
        }
        #expect(strict("-0.25e+2") == -25)
        #expect(strict("0") == 0 && strict("10") == 10 && strict("1E-2") == 0.01)
        for bad in ["01", "+1", ".5", "5.", "1e", "-", "1.e3"] { #expect(strict(bad) == nil, "\(bad)") }
    }
}
