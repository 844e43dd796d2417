import Foundation
import SparseScapeCore

/// The fuzz test, run by libFuzzer (main.swift) on one `.safetensors` input: the header parsed with every size
/// checked, every readable tensor's values read, the torch layout taken from it; a checkpoint that reads must write
/// back and read again to the same point. A thrown error is normal.
public func fuzzSafetensors(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    guard let file = try? SafetensorsFile(data, name: "fuzz.safetensors") else { return 0 }
    for t in file.tensors where t.dtype.isReadable {
        let values = try? file.values(of: t)
        precondition(values == nil || values!.count == t.count, "a tensor read to the wrong number of values")
    }
    guard let checkpoint = try? TorchCheckpoint(file),
          let architecture = try? NetworkArchitecture(widths: checkpoint.widths, masks: checkpoint.masks(fromZeros: false)),
          architecture.parameterCount <= 1 << 16,
          let point = try? checkpoint.point(for: architecture) else { return 0 }
    // The write-back round trip: the same layout, the same point, bit for bit.
    let back = SafetensorsEncoder.encode(TorchCheckpoint.tensors(params: point, architecture: architecture, layout: checkpoint.layout))
    guard let again = try? TorchCheckpoint(try SafetensorsFile(back, name: "back"), following: checkpoint.layout) else {
        preconditionFailure("a checkpoint written back does not read")
    }
    precondition(again.layout == checkpoint.layout, "the layout changed in the round trip")
    precondition((try? again.point(for: architecture))?.map(\.bitPattern) == point.map(\.bitPattern), "the point changed in the round trip")
    return 0
}
