import Foundation
import SparseScapeUI

/// The fuzz test, run by libFuzzer (main.swift) on one theme file (UTF-8 text, as `Theme.load` requires). A thrown error is normal.
public func fuzzTheme(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    guard let text = String(data: data, encoding: .utf8) else { return 0 }
    if let theme = try? Theme.parse(text, source: "fuzz.theme") {
        _ = theme.missingKeys
        _ = theme.gradient("slice")
    }
    for line in text.split(separator: "\n").prefix(8) { _ = Theme.parseColor(String(line)) }
    return 0
}
