import Foundation
import Testing
@testable import SparseScapeCore

/// Number parsing does not depend on the process's or thread's locale (the explorer calls setlocale for ncurses).
@Suite struct DecimalLocaleTests {
    /// `strtodWhole` (the parsers' fallback for long significands) reads '.' as the decimal point in any locale:
    /// run under a comma-decimal locale when one is installed (else C.UTF-8), set for this thread only.
    @Test func strtodFallbackIgnoresTheLocale() throws {
        let candidates = ["de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8", "ru_RU.UTF-8", "nl_NL.UTF-8", "C.UTF-8"]
        guard let (name, loc) = candidates.lazy.compactMap({ n in newlocale(LC_NUMERIC_MASK, n, nil).map { (n, $0) } }).first else {
            Issue.record("no locale could be made"); return
        }
        defer { freelocale(loc) }
        let previous = uselocale(loc)
        defer { uselocale(previous) }
        let decimalPoint = String(cString: localeconv().pointee.decimal_point)
        // 25 significant digits: beyond the fast paths, so strtod decides.
        let text = "0.1234567890123456789012345"
        let bytes = Array(text.utf8)
        let v = bytes.withUnsafeBufferPointer { DecimalToDouble.strtodWhole($0.baseAddress!, $0.baseAddress! + $0.count) }
        #expect(v?.bitPattern == Double(text)?.bitPattern, "locale \(name), decimal point \(decimalPoint)")
        let rows = try CSVMatrixReader.parse(Data("a,b\n\(text),2.5000000000000000000000001\n".utf8), name: "t.csv")
        #expect(rows.data == [Double(text)!, 2.5])
    }
}
