/// SHA-256 (FIPS 180-4), computed incrementally: `update` with the bytes as they are written, then `hexDigest`.
public struct SHA256: Sendable {
    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    private var h: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
    private var block = [UInt8](repeating: 0, count: 64)
    private var blockCount = 0
    /// Bytes hashed so far.
    public private(set) var byteCount: UInt64 = 0

    /// An empty hash.
    public init() {}

    /// The digest of `bytes` as 64 lowercase hex digits.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var s = SHA256()
        s.update(Array(bytes))
        return s.hexDigest()
    }

    /// Adds `bytes`.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        byteCount &+= UInt64(bytes.count)
        var i = 0
        while i < bytes.count {
            if blockCount == 0 && bytes.count - i >= 64 {
                // Whole blocks straight from the input.
                let whole = (bytes.count - i) / 64 * 64
                compress(UnsafeRawBufferPointer(rebasing: bytes[i..<(i + whole)]))
                i += whole
                continue
            }
            let n = min(64 - blockCount, bytes.count - i)
            let start = blockCount
            block.withUnsafeMutableBytes { dst in
                dst.baseAddress!.advanced(by: start).copyMemory(from: bytes.baseAddress!.advanced(by: i), byteCount: n)
            }
            blockCount += n
            i += n
            if blockCount == 64 {
                let full = block
                full.withUnsafeBytes { compress($0) }
                blockCount = 0
            }
        }
    }

    /// Adds `bytes`.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The digest of everything added, as 64 lowercase hex digits (the hash itself is left unchanged).
    public func hexDigest() -> String {
        var copy = self
        let bits = byteCount &* 8
        var tail: [UInt8] = [0x80]
        while (Int(byteCount % 64) + tail.count) % 64 != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
        copy.update(tail)
        let digits: [Character] = Array("0123456789abcdef")
        var out = ""
        for word in copy.h {
            for shift in stride(from: 28, through: 0, by: -4) { out.append(digits[Int((word >> UInt32(shift)) & 0xF)]) }
        }
        return out
    }

    /// Whole 64-byte blocks (the count of bytes is a multiple of 64); works on raw buffers so that an unoptimised
    /// build does not retain and release an array at every step.
    private mutating func compress(_ p: UnsafeRawBufferPointer) {
        let count = p.count
        var state = h
        state.withUnsafeMutableBufferPointer { hp in
            Self.k.withUnsafeBufferPointer { kb in
                withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { wb in
                    let k = kb.baseAddress!, w = wb.baseAddress!, p = p.baseAddress!.assumingMemoryBound(to: UInt8.self)
                    var offset = 0
                    while offset < count {
                        for t in 0..<16 {
                            let b = offset + 4 * t
                            w[t] = UInt32(p[b]) &<< 24 | UInt32(p[b + 1]) &<< 16 | UInt32(p[b + 2]) &<< 8 | UInt32(p[b + 3])
                        }
                        for t in 16..<64 {
                            let x = w[t - 15], y = w[t - 2]
                            let s0 = (x &>> 7 | x &<< 25) ^ (x &>> 18 | x &<< 14) ^ (x &>> 3)
                            let s1 = (y &>> 17 | y &<< 15) ^ (y &>> 19 | y &<< 13) ^ (y &>> 10)
                            w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
                        }
                        var a = hp[0], b = hp[1], c = hp[2], d = hp[3], e = hp[4], f = hp[5], g = hp[6], hh = hp[7]
                        for t in 0..<64 {
                            let s1 = (e &>> 6 | e &<< 26) ^ (e &>> 11 | e &<< 21) ^ (e &>> 25 | e &<< 7)
                            let ch = (e & f) ^ (~e & g)
                            let t1 = hh &+ s1 &+ ch &+ k[t] &+ w[t]
                            let s0 = (a &>> 2 | a &<< 30) ^ (a &>> 13 | a &<< 19) ^ (a &>> 22 | a &<< 10)
                            let maj = (a & b) ^ (a & c) ^ (b & c)
                            hh = g; g = f; f = e; e = d &+ t1; d = c; c = b; b = a; a = t1 &+ s0 &+ maj
                        }
                        hp[0] &+= a; hp[1] &+= b; hp[2] &+= c; hp[3] &+= d; hp[4] &+= e; hp[5] &+= f; hp[6] &+= g; hp[7] &+= hh
                        offset += 64
                    }
                }
            }
        }
        h = state
    }
}
