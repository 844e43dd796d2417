import Crypto
import Foundation

/// SHA-256 of bytes as they are written (swift-crypto's `SHA256`), with the number of bytes hashed.
public struct SHA256Digest {
    private var hasher = Crypto.SHA256()
    /// Bytes hashed so far.
    public private(set) var byteCount: UInt64 = 0

    /// An empty hash.
    public init() {}

    /// The digest of `bytes` as 64 lowercase hex digits.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var s = SHA256Digest()
        s.update(Array(bytes))
        return s.hexDigest()
    }

    /// Adds `bytes`.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        byteCount &+= UInt64(bytes.count)
        hasher.update(bufferPointer: bytes)
    }

    /// Adds `bytes`.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The digest of everything added so far as 64 lowercase hex digits (the hash itself is not consumed).
    public func hexDigest() -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in hasher.finalize() {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
