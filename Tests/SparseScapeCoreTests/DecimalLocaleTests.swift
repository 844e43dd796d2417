import Foundation
import Testing
@testable import SparseScapeCore

/// Number parsing does not depend on the process's or thread's locale (the explorer calls setlocale for ncurses).
@Suite struct DecimalLocaleTests {
    /// Installed locales whose decimal point is a comma (scripts/ensure-deps.sh generates de_DE.UTF-8).
    static let commaLocales = ["de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8", "ru_RU.UTF-8", "nl_NL.UTF-8"]
    /// The first comma-decimal locale this machine has, if any.
    static let commaLocale: String? = commaLocales.first { name in
        guard let loc = newlocale(LC_NUMERIC_MASK, name, nil) else { return false }
        freelocale(loc)
        return true
    }

    /// `strtodWhole` (the parsers' fallback for long significands) reads '.' as the decimal point in a comma-decimal
    /// locale set for this thread.
    @Test(.enabled(if: commaLocale != nil, "no comma-decimal locale is installed (scripts/ensure-deps.sh generates de_DE.UTF-8)"))
    func strtodFallbackIgnoresTheLocale() throws {
        let name = try #require(Self.commaLocale)
        let loc = try #require(newlocale(LC_NUMERIC_MASK, name, nil))
        defer { freelocale(loc) }
        let previous = uselocale(loc)
        defer { uselocale(previous) }
        let decimalPoint = String(cString: localeconv().pointee.decimal_point)
        #expect(decimalPoint == ",", "locale \(name) is meant to have a comma as its decimal point")
        // The locale is in force: the C library itself now stops at the '.'.
        #expect(strtod("2.5", nil) == 2, "strtod under \(name)")
        // 25 significant digits: beyond the fast paths, so strtod decides.
        let text = "0.1234567890123456789012345"
        let bytes = Array(text.utf8)
        let v = bytes.withUnsafeBufferPointer { DecimalToDouble.strtodWhole($0.baseAddress!, $0.baseAddress! + $0.count) }
        #expect(v?.bitPattern == Double(text)?.bitPattern, "locale \(name), decimal point \(decimalPoint)")
        let rows = try CSVMatrixReader.parse(Data("a,b\n\(text),2.5000000000000000000000001\n".utf8), name: "t.csv")
        #expect(rows.data == [Double(text)!, 2.5])
    }
}
