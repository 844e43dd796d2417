import CZlib
import Foundation

/// Reads the members of a zip archive (the container of NumPy's `.npz`): stored or deflated, CRC-32 checked.
///
/// Only what `np.savez` and `np.savez_compressed` write is accepted: one disk, no encryption, members
/// below 4 GiB. Zip64 *archives* (a zip64 end record, or 0xFFFFFFFF in a central-directory entry) are
/// refused; a zip64 extra field in a *local* header is accepted, since NumPy always writes one there
/// (`force_zip64=True`) while its central directory holds plain 32-bit sizes. Every offset and size is
/// checked against the file size before anything is allocated.
struct ZipArchive {
    /// One member as its central-directory entry describes it.
    struct Member {
        /// The member's file name inside the archive.
        var name: String
        /// General-purpose flags (bit 0: encrypted, bit 3: sizes in a data descriptor, bit 6: strong encryption).
        var flags: Int
        /// Compression method: 0 stored, 8 deflate.
        var method: Int
        /// CRC-32 of the uncompressed bytes.
        var crc: UInt32
        /// Size of the stored (compressed) bytes.
        var compressedSize: Int
        /// Size once uncompressed.
        var uncompressedSize: Int
        /// Offset of the member's local header in the file.
        var headerOffset: Int
    }

    /// The archive's bytes.
    let data: Data
    /// The file name used in error messages.
    let name: String
    /// The members, in central-directory order.
    let members: [Member]

    private static let endSignature: UInt32 = 0x0605_4b50
    private static let zip64LocatorSignature: UInt32 = 0x0706_4b50
    private static let centralSignature: UInt32 = 0x0201_4b50
    private static let localSignature: UInt32 = 0x0403_4b50
    private static let zip64Marker = 0xFFFF_FFFF

    /// Reads the end record and the central directory of `data`; `name` prefixes every error.
    init(_ data: Data, name: String) throws {
        self.data = data
        self.name = name
        self.members = try data.withUnsafeBytes { try Self.centralDirectory($0, name: name) }
    }

    private static func fail(_ name: String, _ why: String) -> SparseScapeError {
        SparseScapeError("\(SafeText.excerpt(name, limit: 200)): not a valid zip (.npz) archive: \(why)")
    }

    private static func centralDirectory(_ b: UnsafeRawBufferPointer, name: String) throws -> [Member] {
        let n = b.count
        guard n >= 22 else { throw fail(name, "only \(n) bytes, too short for a zip end record") }
        // The end record is the last 22 bytes unless an archive comment (≤ 65535 bytes) follows it.
        var end = -1
        var p = n - 22
        while p >= max(0, n - 22 - 65_535) {
            if u32(b, p) == endSignature && p + 22 + u16(b, p + 20) <= n { end = p; break }
            p -= 1
        }
        guard end >= 0 else { throw fail(name, "no end-of-central-directory record (truncated file?)") }
        let disk = u16(b, end + 4), directoryDisk = u16(b, end + 6)
        let entriesHere = u16(b, end + 8), entries = u16(b, end + 10)
        let directorySize = u32(b, end + 12), directoryOffset = u32(b, end + 16)
        if (end >= 20 && u32(b, end - 20) == zip64LocatorSignature) || entries == 0xFFFF
            || directorySize == UInt32(zip64Marker) || directoryOffset == UInt32(zip64Marker) {
            throw SparseScapeError("\(SafeText.excerpt(name, limit: 200)): zip64 archives are not supported (save with np.savez or np.savez_compressed, below 4 GiB)")
        }
        guard disk == 0, directoryDisk == 0 else { throw SparseScapeError("\(SafeText.excerpt(name, limit: 200)): multi-disk zip archives are not supported") }
        guard entriesHere == entries else { throw fail(name, "the end record counts \(entriesHere) and \(entries) entries") }
        let start = Int(directoryOffset), stop = start + Int(directorySize)
        guard stop <= end else {
            throw fail(name, "the central directory (offset \(start), \(directorySize) bytes) runs past the end record at \(end)")
        }
        var members: [Member] = []
        var q = start
        for i in 0..<entries {
            guard q + 46 <= stop, u32(b, q) == centralSignature else {
                throw fail(name, "central directory entry \(i + 1) of \(entries) is damaged")
            }
            let nameLength = u16(b, q + 28), extraLength = u16(b, q + 30), commentLength = u16(b, q + 32)
            let next = q + 46 + nameLength + extraLength + commentLength
            guard next <= stop else { throw fail(name, "central directory entry \(i + 1) of \(entries) runs past the directory") }
            guard u16(b, q + 34) == 0 else { throw SparseScapeError("\(SafeText.excerpt(name, limit: 200)): multi-disk zip archives are not supported") }
            members.append(Member(
                name: String(decoding: UnsafeRawBufferPointer(rebasing: b[(q + 46)..<(q + 46 + nameLength)]), as: UTF8.self),
                flags: u16(b, q + 8), method: u16(b, q + 10), crc: u32(b, q + 16),
                compressedSize: Int(u32(b, q + 20)), uncompressedSize: Int(u32(b, q + 24)), headerOffset: Int(u32(b, q + 42))))
            q = next
        }
        return members
    }

    /// The uncompressed bytes of `member`, refusing members larger than `byteLimit` once uncompressed.
    func contents(of member: Member, byteLimit: Int) throws -> Data {
        func fail(_ why: String) -> SparseScapeError { SparseScapeError("\(SafeText.excerpt(name, limit: 200)): member \(SafeText.excerpt(member.name)): \(why)") }
        if member.flags & 0x41 != 0 || member.method == 99 {
            throw fail("encrypted members are not supported")
        }
        if member.compressedSize == Self.zip64Marker || member.uncompressedSize == Self.zip64Marker
            || member.headerOffset == Self.zip64Marker {
            throw fail("zip64 members (4 GiB or more) are not supported")
        }
        guard member.method == 0 || member.method == 8 else {
            throw fail("compression method \(member.method) is not supported (only stored and deflate, as NumPy writes)")
        }
        guard member.uncompressedSize <= byteLimit else {
            throw fail("declares \(member.uncompressedSize) bytes uncompressed, more than the \(byteLimit) its array can need")
        }
        let out: Data = try data.withUnsafeBytes { b in
            let dataStart = try localDataStart(b, member, fail)
            guard member.compressedSize <= b.count - dataStart else {
                throw fail("declares \(member.compressedSize) compressed bytes but only \(b.count - dataStart) follow (truncated file?)")
            }
            let source = UnsafeRawBufferPointer(rebasing: b[dataStart..<(dataStart + member.compressedSize)])
            if member.method == 0 {
                guard member.compressedSize == member.uncompressedSize else {
                    throw fail("stored, yet its sizes differ (\(member.compressedSize) and \(member.uncompressedSize) bytes)")
                }
                return Data(source)
            }
            // Deflate expands at most about 1032:1, so a larger declared size is corrupt, not merely large.
            guard member.uncompressedSize <= member.compressedSize * 1032 + 1024 else {
                throw fail("declares \(member.uncompressedSize) bytes uncompressed from only \(member.compressedSize) compressed")
            }
            return try Self.inflate(source, count: member.uncompressedSize, fail)
        }
        let crc = Self.crc32(of: out)
        guard crc == member.crc else {
            throw fail("CRC-32 mismatch (archive says \(Self.hex(member.crc)), data gives \(Self.hex(crc))): the file is corrupt")
        }
        return out
    }

    /// Checks the local header of `member` against its central-directory entry; returns where its data starts.
    private func localDataStart(_ b: UnsafeRawBufferPointer, _ member: Member,
                                _ fail: (String) -> SparseScapeError) throws -> Int {
        let h = member.headerOffset
        guard h <= b.count - 30, Self.u32(b, h) == Self.localSignature else {
            throw fail("no local header at offset \(h) (truncated or damaged file)")
        }
        let nameLength = Self.u16(b, h + 26), extraLength = Self.u16(b, h + 28)
        let dataStart = h + 30 + nameLength + extraLength
        guard dataStart <= b.count else { throw fail("local header runs past the end of the file") }
        let localName = String(decoding: UnsafeRawBufferPointer(rebasing: b[(h + 30)..<(h + 30 + nameLength)]), as: UTF8.self)
        guard localName == member.name, Self.u16(b, h + 8) == member.method else {
            throw fail("local header disagrees with the central directory (name or compression method)")
        }
        // With flag bit 3 the local CRC and sizes are zero and follow the data; otherwise they must agree.
        if Self.u16(b, h + 6) & 0x08 == 0 {
            var compressed = Int(Self.u32(b, h + 18)), uncompressed = Int(Self.u32(b, h + 22))
            if compressed == Self.zip64Marker || uncompressed == Self.zip64Marker {
                // NumPy's local zip64 extra field (id 1): the 8-byte sizes replacing the 0xFFFFFFFF ones, in this order.
                guard let fields = Self.zip64Extra(UnsafeRawBufferPointer(rebasing: b[(h + 30 + nameLength)..<dataStart])) else {
                    throw fail("local header has 0xFFFFFFFF sizes but no zip64 extra field")
                }
                var k = 0
                if uncompressed == Self.zip64Marker, k < fields.count { uncompressed = fields[k]; k += 1 }
                if compressed == Self.zip64Marker, k < fields.count { compressed = fields[k]; k += 1 }
            }
            guard Self.u32(b, h + 14) == member.crc, compressed == member.compressedSize,
                  uncompressed == member.uncompressedSize else {
                throw fail("local header disagrees with the central directory (CRC-32 or sizes)")
            }
        }
        return dataStart
    }

    /// The 8-byte values of a zip64 extended-information extra field (header id 1), or nil when there is none.
    private static func zip64Extra(_ extra: UnsafeRawBufferPointer) -> [Int]? {
        var p = 0
        while p + 4 <= extra.count {
            let id = u16(extra, p), size = u16(extra, p + 2)
            guard p + 4 + size <= extra.count else { return nil }
            if id == 1 {
                return stride(from: p + 4, to: p + 4 + size - 7, by: 8).map { k in
                    let low = UInt64(u32(extra, k)), high = UInt64(u32(extra, k + 4))
                    return Int(clamping: low | high << 32)
                }
            }
            p += 4 + size
        }
        return nil
    }

    /// Inflates raw deflate `source` into exactly `count` bytes.
    private static func inflate(_ source: UnsafeRawBufferPointer, count: Int,
                                _ fail: (String) -> SparseScapeError) throws -> Data {
        guard count > 0 else {
            // An empty member is still a (tiny) deflate stream; nothing to allocate.
            var one = [UInt8](repeating: 0, count: 1)
            _ = try one.withUnsafeMutableBytes { try inflate(source, into: $0, count: 0, fail) }
            return Data()
        }
        var out = Data(count: count)
        try out.withUnsafeMutableBytes { try inflate(source, into: $0, count: count, fail) }
        return out
    }

    private static func inflate(_ source: UnsafeRawBufferPointer, into target: UnsafeMutableRawBufferPointer, count: Int,
                                _ fail: (String) -> SparseScapeError) throws {
        guard source.count <= Int(UInt32.max), count <= Int(UInt32.max),
              let input = source.baseAddress ?? UnsafeRawPointer(target.baseAddress) else {
            throw fail("too large to inflate")
        }
        var stream = z_stream()
        stream.next_in = UnsafeMutablePointer(mutating: input.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = UInt32(source.count)
        stream.next_out = target.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = UInt32(count)
        guard sparsescape_inflate_init_raw(&stream) == Z_OK else { throw fail("zlib could not start inflating (out of memory?)") }
        defer { inflateEnd(&stream) }
        let status = CZlib.inflate(&stream, Z_FINISH)
        switch status {
        case Z_STREAM_END:
            guard Int(stream.total_out) == count else {
                throw fail("inflates to \(stream.total_out) bytes, not the \(count) the archive declares")
            }
            guard stream.avail_in == 0 else {
                throw fail("its deflate stream ends \(stream.avail_in) bytes before its declared compressed size")
            }
        case Z_DATA_ERROR:
            let why = stream.msg.map { String(cString: $0) } ?? "invalid deflate data"
            throw fail("corrupt deflate data (\(why))")
        case Z_MEM_ERROR:
            throw fail("out of memory while inflating")
        default:
            if stream.avail_out == 0 { throw fail("inflates to more than the \(count) bytes the archive declares") }
            throw fail("its deflate stream is truncated")
        }
    }

    /// zlib's CRC-32 of `bytes`.
    static func crc32(of bytes: Data) -> UInt32 {
        bytes.withUnsafeBytes { raw in
            var crc = CZlib.crc32(0, nil, 0)
            var p = 0
            while p < raw.count {
                let n = min(raw.count - p, 1 << 30)
                crc = CZlib.crc32(crc, (raw.baseAddress! + p).assumingMemoryBound(to: Bytef.self), UInt32(n))
                p += n
            }
            return UInt32(truncatingIfNeeded: crc)
        }
    }

    private static func hex(_ v: UInt32) -> String {
        let digits = String(v, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }

    private static func u16(_ b: UnsafeRawBufferPointer, _ at: Int) -> Int { Int(b[at]) | Int(b[at + 1]) << 8 }

    private static func u32(_ b: UnsafeRawBufferPointer, _ at: Int) -> UInt32 {
        UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 3]) << 24
    }
}
