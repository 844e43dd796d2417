import Foundation
import SparseScapeCore

/// The presets' architectures (one to four layers, up to 64 inputs); an input's length picks one.
let architectures: [NetworkArchitecture] = PresetLibrary.names().compactMap { try? PresetLibrary.load($0).architecture }

/// A per-process directory for the input file (point files are read by path; JSON layers name `.npy` files beside it).
let scratchDirectory: String = {
    let dir = NSTemporaryDirectory() + "/sparsescape-fuzz-point-\(getpid())"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    // A layer file that JSON inputs may name: `{"layers": ["W.npy", …]}`.
    try? NpyReader.write(Matrix(rows: 3, cols: 2, data: [1, 0, 0, 1, 1, 1]), to: dir + "/W.npy")
    return dir
}()

/// The fuzz test, run by libFuzzer (main.swift) on one point file (JSON, `.npy`, `.npz` or `.safetensors`, also picked by the file name's suffix). Errors are normal.
public func fuzzPoint(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    precondition(!architectures.isEmpty, "no preset architectures (resource bundle missing?)")
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    let suffix = ["json", "npy", "npz", "safetensors"][count % 4]
    let path = scratchDirectory + "/point." + suffix
    guard (try? data.write(to: URL(fileURLWithPath: path))) != nil else { return 0 }
    let architecture = architectures[count % architectures.count]
    if let p = try? PointFile.read(path, architecture: architecture) {
        precondition(p.count == architecture.parameterCount && p.allSatisfy(\.isFinite), "accepted a point of the wrong length or non-finite")
    }
    _ = try? PointFile.read(path, expectedCount: architecture.parameterCount)
    return 0
}
