import Foundation
import SparseScapeCore

/// The fuzz test, run by libFuzzer (main.swift) on one CSV input (UTF-8 text, as `CSVMatrixReader.read` requires). A thrown error is normal.
public func fuzzCSV(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    guard let text = String(data: data, encoding: .utf8) else { return 0 }
    if let m = try? CSVMatrixReader.parse(text, name: "fuzz.csv") {
        precondition(m.rows >= 1 && m.cols >= 1 && m.data.count == m.rows * m.cols, "CSV matrix of inconsistent shape")
    }
    return 0
}
