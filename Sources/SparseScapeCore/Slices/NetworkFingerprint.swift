/// A 64-bit FNV-1a hash of a network and its data (widths, masks, X and Y bit patterns), for sidecar files.
public enum NetworkFingerprint {
    /// "fnv1a64:" followed by 16 hex digits.
    public static func of(_ arch: NetworkArchitecture, _ data: Dataset) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ v: UInt64) { for b in 0..<8 { h ^= (v >> (8 * UInt64(b))) & 0xff; h = h &* 0x100_0000_01b3 } }
        mix(UInt64(arch.widths.count))
        for w in arch.widths { mix(UInt64(w)) }
        for m in arch.masks { for v in m { mix(v ? 1 : 0) } }
        for m in [data.x, data.y] {
            mix(UInt64(m.rows)); mix(UInt64(m.cols))
            for v in m.data { mix(v.bitPattern) }
        }
        let hex = String(h, radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
