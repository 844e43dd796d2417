import Foundation
@testable import SparseScapeCore

/// Data paths in fuzzed configs resolve against the presets' directory, so `"X": "digits-X.npy"` finds a real file.
let presetsDirectory = PresetLibrary.directory?.path

/// The fuzz test, run by libFuzzer (main.swift) on one config JSON input, parsed and validated. A thrown error is normal.
public func fuzzConfig(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    if let config = try? NetworkConfig.parse(data, name: "fuzz.json", baseDirectory: presetsDirectory) {
        _ = config.jsonText()
        _ = try? config.lossFunction()
    }
    return 0
}
