import Foundation
@testable import SparseScapeCore

/// The fuzz test, run by libFuzzer (main.swift) on one `.npz` (zip) input; every `.npy` member is inflated and parsed. A thrown error is normal.
public func fuzzNpz(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    if let zip = try? ZipArchive(data, name: "fuzz.npz") {
        for member in zip.members { _ = try? zip.contents(of: member, byteLimit: 1 << 20) }
    }
    if let npz = try? NpzArchive(data, name: "fuzz.npz") {
        for name in npz.names { _ = try? npz.array(name, entries: 1 << 16) }
    }
    return 0
}
