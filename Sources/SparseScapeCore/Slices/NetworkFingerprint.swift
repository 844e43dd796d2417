/// A 64-bit hash of a network and its data (widths, masks, X and Y bit patterns), for sidecar files and sweep ids.
///
/// Whole 8-byte words are mixed in four independent lanes (a multiply–xorshift step each), so hashing the 125 MB
/// of a 20000×784 X takes milliseconds; the lanes are then combined in order and finished with MurmurHash3's
/// 64-bit finaliser. Deterministic across runs and machines. (Before issue 12 the hash was a byte-by-byte FNV-1a,
/// "fnv1a64:…"; the "words64:" prefix marks the new one, and sweep ids changed with it.)
public enum NetworkFingerprint {
    /// "words64:" followed by 16 hex digits.
    public static func of(_ arch: NetworkArchitecture, _ data: Dataset) -> String {
        var hasher = WordHasher()
        hasher.mix(UInt64(arch.widths.count))
        for w in arch.widths { hasher.mix(UInt64(w)) }
        for m in arch.masks {
            hasher.mix(UInt64(m.count))
            // 64 mask entries per word.
            var word: UInt64 = 0
            for (k, v) in m.enumerated() {
                if v { word |= 1 << UInt64(k & 63) }
                if k & 63 == 63 { hasher.mix(word); word = 0 }
            }
            hasher.mix(word)
        }
        for m in [data.x, data.y] {
            hasher.mix(UInt64(m.rows)); hasher.mix(UInt64(m.cols))
            m.data.withUnsafeBufferPointer { hasher.mix($0) }
        }
        let hex = String(hasher.finish(), radix: 16)
        return "words64:" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// Four-lane word hasher behind `NetworkFingerprint`.
struct WordHasher {
    private var lanes: (UInt64, UInt64, UInt64, UInt64) = (0x243F_6A88_85A3_08D3, 0x1319_8A2E_0370_7344, 0xA409_3822_299F_31D0, 0x082E_FA98_EC4E_6C89)
    private var count: UInt64 = 0
    private static let k: UInt64 = 0x9E37_79B9_7F4A_7C15

    @inline(__always) private static func step(_ h: UInt64, _ v: UInt64) -> UInt64 {
        let x = (h ^ v) &* k
        return x ^ (x >> 29)
    }

    /// Mixes one word (into the first lane).
    mutating func mix(_ v: UInt64) {
        lanes.0 = Self.step(lanes.0, v)
        count &+= 1
    }

    /// Mixes the bit patterns of many doubles, four lanes at a time.
    mutating func mix(_ values: UnsafeBufferPointer<Double>) {
        let n = values.count
        var (a, b, c, d) = lanes
        var i = 0
        if let base = values.baseAddress {
            base.withMemoryRebound(to: UInt64.self, capacity: n) { w in
                while i + 4 <= n {
                    a = Self.step(a, w[i]); b = Self.step(b, w[i + 1]); c = Self.step(c, w[i + 2]); d = Self.step(d, w[i + 3])
                    i += 4
                }
                while i < n { a = Self.step(a, w[i]); i += 1 }
            }
        }
        lanes = (a, b, c, d)
        count &+= UInt64(n)
    }

    /// The hash of everything mixed.
    func finish() -> UInt64 {
        var h = count
        for lane in [lanes.0, lanes.1, lanes.2, lanes.3] { h = Self.step(h, lane) }
        h ^= h >> 33; h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33; h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }
}
