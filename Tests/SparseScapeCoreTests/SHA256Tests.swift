import Foundation
import Testing
@testable import SparseScapeCore

/// SHA-256 (swift-crypto behind `SHA256Digest`) against the FIPS 180-4 / NIST example vectors, fed whole and in
/// uneven pieces, and against `sha256sum` on a written file.
@Suite struct SHA256Tests {
    static let vectors: [(input: String, digest: String)] = [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ]

    @Test(arguments: vectors.indices)
    func fipsVector(_ i: Int) {
        #expect(SHA256Digest.hex(Array(Self.vectors[i].input.utf8)) == Self.vectors[i].digest)
    }

    @Test func millionAsInPieces() {
        // FIPS 180-4's long message: one million 'a', here fed in pieces of 1, 63, 64, 65, … bytes.
        var h = SHA256Digest()
        let piece = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        var fed = 0, k = 0
        let sizes = [1, 63, 64, 65, 127, 1000, 7]
        while fed < 1_000_000 {
            let n = min(sizes[k % sizes.count], 1_000_000 - fed)
            h.update(Array(piece[0..<n]))
            fed += n; k += 1
        }
        #expect(h.byteCount == 1_000_000)
        #expect(h.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func padsAtEveryLengthAroundABlock() {
        // Lengths 55, 56 and 64 cross the padding boundary; pieces must agree with the whole.
        for n in [55, 56, 57, 63, 64, 65, 119, 120] {
            let bytes = (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            var h = SHA256Digest()
            h.update(Array(bytes[0..<(n / 3)]))
            h.update(Array(bytes[(n / 3)...]))
            #expect(h.hexDigest() == SHA256Digest.hex(bytes), "length \(n)")
        }
        #expect(SHA256Digest.hex(Array(repeating: 0, count: 56)) == "d4817aa5497628e7c77e6b606107042bbba3130888c5f47a375e6179be789fbb")
    }

    static let sha256sum = FileManager.default.isExecutableFile(atPath: "/usr/bin/sha256sum")

    @Test(.enabled(if: sha256sum, "needs /usr/bin/sha256sum (coreutils)"))
    func agreesWithSha256sumOnAFileOfAMegabyte() throws {
        let bytes = (0..<1_048_583).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sha256-\(getpid()).bin").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        p.arguments = [path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let printed = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        var h = SHA256Digest()
        var k = 0
        while k < bytes.count {
            let n = min(4099, bytes.count - k)
            h.update(Array(bytes[k..<(k + n)]))
            k += n
        }
        #expect(h.byteCount == UInt64(bytes.count))
        #expect(printed.split(separator: " ").first.map(String.init) == h.hexDigest())
    }
}
