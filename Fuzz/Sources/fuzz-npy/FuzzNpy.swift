import Foundation
@testable import SparseScapeCore

/// Where the file-reading path (`NpyReader.read`, which pread(2)s the payload) gets its input.
let scratchFile = NSTemporaryDirectory() + "/sparsescape-fuzz-npy-\(getpid()).npy"

/// The fuzz test, run by libFuzzer (main.swift) on one `.npy` input, parsed from memory and read from a file. A thrown error is a normal outcome.
public func fuzzNpy(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    let parsed = try? NpyReader.parse(data, name: "fuzz.npy")
    _ = try? NpyReader.parseWithDimensions(data, name: "fuzz.npy")
    if (try? data.write(to: URL(fileURLWithPath: scratchFile))) != nil {
        let read = try? NpyReader.read(scratchFile)
        // Both paths accept the same files and give the same matrix (bit for bit, NaNs included).
        precondition((parsed == nil) == (read == nil), "NpyReader.parse and NpyReader.read disagree on acceptance")
        if let parsed, let read {
            precondition(parsed.rows == read.rows && parsed.cols == read.cols
                && parsed.data.map(\.bitPattern) == read.data.map(\.bitPattern), "NpyReader.parse and NpyReader.read disagree")
        }
    }
    return 0
}
