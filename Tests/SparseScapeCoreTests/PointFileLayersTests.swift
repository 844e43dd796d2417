import CZlib
import Foundation
import Testing
@testable import SparseScapeCore
import SparseScapeTestSupport

/// Points given as per-layer matrices (JSON, .npy by name, .npy, .npz) read into the canonical vector.
@Suite struct PointFileLayersTests {
    /// Widths [2, 3, 2]; W1 = [[1 0 1] [1 1 0]], W2 = [[1 0] [0 1] [1 1]]: 4 + 4 free weights.
    static func architecture() throws -> NetworkArchitecture {
        try NetworkArchitecture(widths: [2, 3, 2], masks: [
            [true, false, true, true, true, false],
            [true, false, false, true, true, true],
        ])
    }

    /// The weights of `expected`, zero where pruned.
    static let w1: [[Double]] = [[1, 0, 2], [3, 4, 0]]
    static let w2: [[Double]] = [[5, 0], [0, 6], [7, 8]]
    /// The canonical vector of w1 and w2: free entries layer by layer, row-major.
    static let expected: [Double] = [1, 2, 3, 4, 5, 6, 7, 8]

    static func tempDir() throws -> String {
        let d = NSTemporaryDirectory() + "sparsescape-points-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    /// The error message `body` throws, nil when it returns.
    static func message(_ body: () throws -> [Double]) -> String? {
        do { _ = try body(); return nil }
        catch let e as SparseScapeError { return e.message }
        catch { return "not a SparseScapeError: \(error)" }
    }

    /// Float64 C-order .npy bytes of `values` in `shape`.
    static func npy(_ values: [Double], shape: [Int]) -> Data {
        let payload = values.flatMap { v -> [UInt8] in let u = v.bitPattern; return (0..<8).map { UInt8((u >> (8 * UInt64($0))) & 0xff) } }
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        return IOTests.npyBytes(descr: "<f8", fortran: false, shape: shapeText, payload: payload)
    }

    /// Float64 C-order .npy bytes of a matrix given by rows.
    static func npy(_ rows: [[Double]]) -> Data { npy(rows.flatMap { $0 }, shape: [rows.count, rows[0].count]) }

    /// A member of a hand-written zip archive.
    struct ZipEntry {
        var name: String
        var bytes: Data
        var deflate: Bool
    }

    private static func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xff), UInt8((v >> 8) & 0xff)] }
    private static func le32(_ v: Int) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xff) } }
    private static func le64(_ v: Int) -> [UInt8] { (0..<8).map { UInt8((v >> (8 * $0)) & 0xff) } }

    /// zlib's CRC-32, called directly (not through the code under test).
    static func crc(_ d: Data) -> Int {
        Int(d.withUnsafeBytes { CZlib.crc32(0, $0.baseAddress?.assumingMemoryBound(to: Bytef.self), UInt32($0.count)) })
    }

    /// Raw deflate (as zip stores it): compress2's zlib stream without its 2-byte header and 4-byte Adler-32.
    static func rawDeflate(_ d: Data) -> Data {
        var out = [UInt8](repeating: 0, count: Int(compressBound(uLong(d.count))))
        var length = uLongf(out.count)
        let status = d.withUnsafeBytes { src in
            compress2(&out, &length, src.baseAddress!.assumingMemoryBound(to: Bytef.self), uLong(d.count), 9)
        }
        precondition(status == Z_OK)
        return Data(out[2..<(Int(length) - 4)])
    }

    /// A zip archive as np.savez writes it: `numpyLocalZip64` puts NumPy's zip64 extra field (and 0xFFFFFFFF sizes)
    /// in the local headers, as `force_zip64=True` does.
    static func zip(_ entries: [ZipEntry], numpyLocalZip64: Bool = false) -> Data {
        var out: [UInt8] = [], central: [UInt8] = []
        for e in entries {
            let payload = e.deflate ? rawDeflate(e.bytes) : e.bytes
            let name = Array(e.name.utf8), method = e.deflate ? 8 : 0, checksum = crc(e.bytes), offset = out.count
            out += le32(0x0403_4b50) + le16(numpyLocalZip64 ? 45 : 20) + le16(0) + le16(method) + le16(0) + le16(0x21) + le32(checksum)
            let extra = numpyLocalZip64 ? le16(1) + le16(16) + le64(e.bytes.count) + le64(payload.count) : []
            out += numpyLocalZip64 ? le32(0xFFFF_FFFF) + le32(0xFFFF_FFFF) : le32(payload.count) + le32(e.bytes.count)
            out += le16(name.count) + le16(extra.count) + name + extra + Array(payload)
            central += le32(0x0201_4b50) + le16(20) + le16(20) + le16(0) + le16(method) + le16(0) + le16(0x21) + le32(checksum)
            central += le32(payload.count) + le32(e.bytes.count) + le16(name.count) + le16(0) + le16(0) + le16(0) + le16(0)
            central += le32(0) + le32(offset) + name
        }
        let directoryOffset = out.count
        out += central
        out += le32(0x0605_4b50) + le16(0) + le16(0) + le16(entries.count) + le16(entries.count)
        out += le32(central.count) + le32(directoryOffset) + le16(0)
        return Data(out)
    }

    /// Where the central directory starts (from the end record, the archive having no comment).
    static func directoryOffset(_ z: Data) -> Int {
        let e = z.count - 22
        return (0..<4).reduce(0) { $0 | Int(z[e + 16 + $1]) << (8 * $1) }
    }

    static func patch32(_ z: inout Data, at: Int, _ v: Int) { for k in 0..<4 { z[at + k] = UInt8((v >> (8 * k)) & 0xff) } }

    static func layersZip(deflate: Bool, positional: Bool = false, numpyLocalZip64: Bool = false) -> Data {
        zip([ZipEntry(name: positional ? "arr_0.npy" : "W1.npy", bytes: npy(w1), deflate: deflate),
             ZipEntry(name: positional ? "arr_1.npy" : "W2.npy", bytes: npy(w2), deflate: deflate)],
            numpyLocalZip64: numpyLocalZip64)
    }

    // MARK: JSON

    @Test func jsonLayersGiveTheCanonicalVector() throws {
        let a = try Self.architecture(), dir = try Self.tempDir(), p = dir + "/p.json"
        try AtomicFile.write("{\"layers\": [\(Self.w1), \(Self.w2)], \"loss\": 0.25}", to: p)
        let v = try PointFile.read(p, architecture: a)
        #expect(v == Self.expected)
        // Each free weight sits where the architecture's own index says.
        for (l, w) in [Self.w1, Self.w2].enumerated() {
            for i in w.indices { for j in w[i].indices {
                if let k = a.parameterIndex(layer: l, row: i, col: j) { #expect(v[k] == w[i][j]) }
            } }
        }
    }

    @Test func jsonParamsAreReadAndTheirLengthChecked() throws {
        let a = try Self.architecture(), dir = try Self.tempDir(), p = dir + "/p.json"
        try PointFile.write(params: Self.expected, to: p)
        #expect(try PointFile.read(p, architecture: a) == Self.expected)
        #expect(try PointFile.read(p, expectedCount: 8) == Self.expected)
        try PointFile.write(params: Array(Self.expected.dropLast()), to: p)
        #expect(Self.message { try PointFile.read(p, architecture: a) }
                == "\(p): the point has 7 parameters but the network has 8 free weights")
        try AtomicFile.write("{\"params\": [1], \"layers\": []}", to: p)
        #expect(Self.message { try PointFile.read(p, architecture: a) } == "\(p): gives both 'params' and 'layers'; keep one")
        try AtomicFile.write("{\"loss\": 1}", to: p)
        #expect(Self.message { try PointFile.read(p, architecture: a) }?.hasPrefix("\(p): missing field 'params'") == true)
    }

    @Test func jsonLayerMayNameANpyFileBesideIt() throws {
        let a = try Self.architecture(), dir = try Self.tempDir(), p = dir + "/p.json"
        try FileManager.default.createDirectory(atPath: dir + "/w", withIntermediateDirectories: true)
        try NpyReader.write(Matrix(Self.w2), to: dir + "/w/second.npy")
        try AtomicFile.write("{\"layers\": [\(Self.w1), \"w/second.npy\"]}", to: p)
        #expect(try PointFile.read(p, architecture: a) == Self.expected)

        try AtomicFile.write("{\"layers\": [\(Self.w1), \"w/none.npy\"]}", to: p)
        #expect(Self.message { try PointFile.read(p, architecture: a) } == "\(p): W2: \(dir)/w/none.npy: no such file")
        try NpyReader.write(Matrix(Self.w1), to: dir + "/w/first.npy")
        try AtomicFile.write("{\"layers\": [\(Self.w1), \"w/first.npy\"]}", to: p)
        #expect(Self.message { try PointFile.read(p, architecture: a) }
                == "\(p): W2 must be 3x2 (rows = inputs, columns = outputs), got 2x3")
        try AtomicFile.write("{\"layers\": [\(Self.w1), \"w/first.csv\"]}", to: p)
        #expect(Self.message { try PointFile.read(p, architecture: a) }
                == "\(p): W2 names \"w/first.csv\", but a layer file must be a .npy file")
    }

    @Test func prunedPositionsMustBeZero() throws {
        let a = try Self.architecture(), dir = try Self.tempDir(), p = dir + "/p.json"
        var w2 = Self.w2
        w2[0][1] = -0.0
        try AtomicFile.write("{\"layers\": [\(Self.w1), \(w2)]}", to: p)
        #expect(try PointFile.read(p, architecture: a) == Self.expected)
        w2[0][1] = 0.5
        try AtomicFile.write("{\"layers\": [\(Self.w1), \(w2)]}", to: p)
        #expect(Self.message { try PointFile.read(p, architecture: a) } == "\(p): W2[1,2] is pruned by the mask but the file gives 0.5")
        var w1 = Self.w1
        w1[1][2] = -3e-9
        try AtomicFile.write("{\"layers\": [\(w1), \(Self.w2)]}", to: p)
        #expect(Self.message { try PointFile.read(p, architecture: a) } == "\(p): W1[2,3] is pruned by the mask but the file gives -3e-09")
    }

    @Test func shapesMustMatchExactly() throws {
        let a = try Self.architecture(), dir = try Self.tempDir(), p = dir + "/p.json"
        let cases: [(String, String)] = [
            ("[\(Self.w1), [[5, 0, 0], [6, 7, 8]]]", "W2 must be 3x2 (rows = inputs, columns = outputs), got 2x3"),
            ("[[[1, 0, 2], [3, 4]], \(Self.w2)]", "W1 must be 2x3 (rows = inputs, columns = outputs), got rows of different lengths [2, 3]"),
            ("[[1, 0, 2, 3, 4, 0], \(Self.w2)]", "W1 must be 2x3 (rows = inputs, columns = outputs), got a 1-D array of length 6"),
            ("[\(Self.w1), []]", "W2 must be 3x2 (rows = inputs, columns = outputs), got 0x0"),
            ("[\(Self.w1)]", "gives 1 layers but the network has 2 (widths [2, 3, 2])"),
            ("[\(Self.w1), \(Self.w2), \(Self.w2)]", "gives 3 layers but the network has 2 (widths [2, 3, 2])"),
        ]
        for (layers, why) in cases {
            try AtomicFile.write("{\"layers\": \(layers)}", to: p)
            #expect(Self.message { try PointFile.read(p, architecture: a) } == "\(p): \(why)", "\(layers)")
        }
        try AtomicFile.write("{\"layers\": [\(Self.w1), [[1, \"a\"], [0, 1], [1, 1]]]}", to: p)
        let m = Self.message { try PointFile.read(p, architecture: a) }
        #expect(m?.hasPrefix("\(p): ") == true && m?.contains("layers[1]") == true, "\(m ?? "no error")")
    }

    // MARK: .npy

    @Test func npyGivesAVectorOrTheOnlyLayer() throws {
        let a = try Self.architecture(), dir = try Self.tempDir(), p = dir + "/p.npy"
        try Self.npy(Self.expected, shape: [8]).write(to: URL(fileURLWithPath: p))
        #expect(try PointFile.read(p, architecture: a) == Self.expected)
        try Self.npy(Self.w1).write(to: URL(fileURLWithPath: p))
        #expect(Self.message { try PointFile.read(p, architecture: a) } == "\(p): a 2-D .npy gives one weight matrix but the network has 2 layers; "
                + "give a 1-D vector of its 8 free weights, or W1…W2 in a .npz or JSON file")
        let single = try NetworkArchitecture(widths: [2, 3], masks: [a.masks[0]])
        #expect(try PointFile.read(p, architecture: single) == [1, 2, 3, 4])
        try Self.npy([[1, 0, 2], [3, 4, 9]]).write(to: URL(fileURLWithPath: p))
        #expect(Self.message { try PointFile.read(p, architecture: single) } == "\(p): W1[2,3] is pruned by the mask but the file gives 9.0")
        try Self.npy(Self.w2).write(to: URL(fileURLWithPath: p))
        #expect(Self.message { try PointFile.read(p, architecture: single) }
                == "\(p): W1 must be 2x3 (rows = inputs, columns = outputs), got 3x2")
        try Self.npy([1, .nan, 3, 4], shape: [4]).write(to: URL(fileURLWithPath: p))
        #expect(Self.message { try PointFile.read(p, architecture: single) } == "\(p): parameter 2 (W1[1,3]) is not finite (nan)")
    }

    // MARK: .npz

    @Test(arguments: [false, true])
    func npzNamedLayers(deflate: Bool) throws {
        let a = try Self.architecture(), dir = try Self.tempDir(), p = dir + "/p.npz"
        for numpyLocalZip64 in [false, true] {
            try Self.layersZip(deflate: deflate, numpyLocalZip64: numpyLocalZip64).write(to: URL(fileURLWithPath: p))
            #expect(try PointFile.read(p, architecture: a) == Self.expected)
            try Self.layersZip(deflate: deflate, positional: true, numpyLocalZip64: numpyLocalZip64).write(to: URL(fileURLWithPath: p))
            #expect(try PointFile.read(p, architecture: a) == Self.expected)
        }
    }

    @Test func npzLargeDeflatedLayersRoundTrip() throws {
        let a = try NetworkArchitecture.dense(widths: [60, 50, 40]), dir = try Self.tempDir(), p = dir + "/p.npz"
        var g = SeededGenerator(seed: 7)
        let v = a.randomPoint(&g)
        let w = a.weights(from: v)
        let z = Self.zip(w.enumerated().map { ZipEntry(name: "W\($0.offset + 1).npy", bytes: Self.npy($0.element.nested), deflate: true) }
                         + [ZipEntry(name: "notes.txt", bytes: Data("trained 3 epochs".utf8), deflate: true)])
        try z.write(to: URL(fileURLWithPath: p))
        #expect(try PointFile.read(p, architecture: a) == v)
    }

    @Test func npzParamsVector() throws {
        let a = try Self.architecture(), dir = try Self.tempDir(), p = dir + "/p.npz"
        try Self.zip([ZipEntry(name: "params.npy", bytes: Self.npy(Self.expected, shape: [8]), deflate: true)])
            .write(to: URL(fileURLWithPath: p))
        #expect(try PointFile.read(p, architecture: a) == Self.expected)
        try Self.zip([ZipEntry(name: "params.npy", bytes: Self.npy(Self.expected, shape: [2, 4]), deflate: false)])
            .write(to: URL(fileURLWithPath: p))
        #expect(Self.message { try PointFile.read(p, architecture: a) } == "\(p): params must be a 1-D array, got 2x4")
        try Self.zip([ZipEntry(name: "params.npy", bytes: Self.npy([1, 2, 3], shape: [3]), deflate: false)])
            .write(to: URL(fileURLWithPath: p))
        #expect(Self.message { try PointFile.read(p, architecture: a) } == "\(p): the point has 3 parameters but the network has 8 free weights")
    }

    @Test func npzNamingShapeAndMaskErrors() throws {
        let a = try Self.architecture(), dir = try Self.tempDir(), p = dir + "/p.npz"
        func check(_ entries: [(String, Data)], _ why: String) throws {
            try Self.zip(entries.map { ZipEntry(name: $0.0, bytes: $0.1, deflate: true) }).write(to: URL(fileURLWithPath: p))
            #expect(Self.message { try PointFile.read(p, architecture: a) } == "\(p): \(why)")
        }
        try check([("W1.npy", Self.npy(Self.w1))], "holds no array W2; the network has 2 layers (W1, W2)")
        try check([("W1.npy", Self.npy(Self.w1)), ("W2.npy", Self.npy(Self.w2)), ("W3.npy", Self.npy(Self.w2))],
                  "holds an array W3, which is not one of the network's 2 layers (W1, W2)")
        try check([("arr_0.npy", Self.npy(Self.w1)), ("arr_1.npy", Self.npy(Self.w1))],
                  "arr_1 (W2) must be 3x2 (rows = inputs, columns = outputs), got 2x3")
        try check([("W1.npy", Self.npy(Self.w1)), ("W2.npy", Self.npy([5, 0.25, 0, 6, 7, 8], shape: [3, 2]))],
                  "W2[1,2] is pruned by the mask but the file gives 0.25")
        try check([("W1.npy", Self.npy([1, 0, 2, -.infinity, 4, 0], shape: [2, 3])), ("W2.npy", Self.npy(Self.w2))],
                  "W1[2,1] is not finite (-inf)")
        try check([("W1.npy", Self.npy(Self.w1)), ("arr_1.npy", Self.npy(Self.w2))],
                  "mixes named (W1, …) and positional (arr_0, …) arrays; use one naming")
        try check([("params.npy", Self.npy(Self.expected, shape: [8])), ("W1.npy", Self.npy(Self.w1))],
                  "gives both params and layer matrices (W1); keep one")
        try check([("weights.npy", Self.npy(Self.w1))], "holds no params or W1…W2 arrays (found: weights)")
        try check([("W1.npy", Self.npy(Self.w1)), ("W1.npy", Self.npy(Self.w1))], "holds two arrays named 'W1'")
        try check([("W1.npy", Data("not an array".utf8)), ("W2.npy", Self.npy(Self.w2))],
                  "W1.npy: not a valid .npy file: bad magic string")
    }

    /// Every truncation and every single-byte change of a valid archive either fails cleanly or reads the same point.
    @Test(arguments: [false, true])
    func damagedArchivesFailWithoutCrashing(deflate: Bool) throws {
        let a = try Self.architecture(), dir = try Self.tempDir(), p = dir + "/p.npz"
        let good = Self.layersZip(deflate: deflate, numpyLocalZip64: true)
        for n in 0..<good.count {
            try good.prefix(n).write(to: URL(fileURLWithPath: p))
            let m = Self.message { try PointFile.read(p, architecture: a) }
            #expect(m?.hasPrefix("\(p): ") == true, "prefix \(n): \(m ?? "accepted")")
            #expect(m?.contains("\n") == false)
        }
        var rejected = 0
        for k in 0..<good.count {
            var bad = good
            bad[k] ^= 0x5a
            try bad.write(to: URL(fileURLWithPath: p))
            do {
                #expect(try PointFile.read(p, architecture: a) == Self.expected, "byte \(k) changed")
            } catch let e as SparseScapeError {
                rejected += 1
                #expect(e.message.hasPrefix("\(p): ") && !e.message.contains("\n"), "\(e.message)")
            }
        }
        // Most bytes matter: the headers' signatures, sizes and names, the CRCs and the data they cover.
        #expect(rejected > good.count / 2, "only \(rejected) of \(good.count) changes rejected")
    }

    @Test func corruptDataFailsTheCRC() throws {
        let a = try Self.architecture(), dir = try Self.tempDir(), p = dir + "/p.npz"
        var z = Self.layersZip(deflate: false)
        z[30 + "W1.npy".utf8.count + 128 + 3] ^= 0x01  // a payload byte of W1 (after the 128-byte .npy header)
        try z.write(to: URL(fileURLWithPath: p))
        let m = Self.message { try PointFile.read(p, architecture: a) }
        #expect(m?.hasPrefix("\(p): member W1.npy: CRC-32 mismatch (archive says 0x") == true, "\(m ?? "accepted")")
    }

    @Test func unsupportedOrOversizedMembersAreRefused() throws {
        let a = try Self.architecture(), dir = try Self.tempDir(), p = dir + "/p.npz"
        let good = Self.layersZip(deflate: true)
        let cd = Self.directoryOffset(good)
        func check(_ z: Data, _ why: String) throws {
            try z.write(to: URL(fileURLWithPath: p))
            #expect(Self.message { try PointFile.read(p, architecture: a) } == "\(p): \(why)")
        }
        var z = good
        z[cd + 8] |= 0x01
        try check(z, "member W1.npy: encrypted members are not supported")
        z = good
        z[cd + 10] = 12
        try check(z, "member W1.npy: compression method 12 is not supported (only stored and deflate, as NumPy writes)")
        z = good
        Self.patch32(&z, at: cd + 20, 0xFFFF_FFFF)
        try check(z, "member W1.npy: zip64 members (4 GiB or more) are not supported")
        z = good
        Self.patch32(&z, at: z.count - 22 + 16, 0xFFFF_FFFF)
        try check(z, "zip64 archives are not supported (save with np.savez or np.savez_compressed, below 4 GiB)")
        // A huge declared size is refused before anything is allocated.
        z = good
        Self.patch32(&z, at: cd + 24, 0x7FFF_FFF0)
        Self.patch32(&z, at: 22, 0x7FFF_FFF0)
        try check(z, "member W1.npy: declares 2147483632 bytes uncompressed, more than the 65596 its array can need")
        // Declared sizes that disagree with the deflate stream.
        let compressed = (0..<4).reduce(0) { $0 | Int(good[cd + 20 + $1]) << (8 * $1) }
        for (declared, why) in [(176 + 24, "inflates to 176 bytes, not the 200 the archive declares"),
                                (100, "inflates to more than the 100 bytes the archive declares")] {
            z = good
            Self.patch32(&z, at: cd + 24, declared)
            Self.patch32(&z, at: 22, declared)
            try check(z, "member W1.npy: " + why)
        }
        // Within what a wider W1 could need, yet more than deflate can expand its bytes to.
        let wide = try NetworkArchitecture.dense(widths: [2, 3_000, 2]), declared = compressed * 1032 + 2_000
        try #require(declared <= 2 * 3_000 * 8 + 65_548)
        z = good
        Self.patch32(&z, at: cd + 24, declared)
        Self.patch32(&z, at: 22, declared)
        try z.write(to: URL(fileURLWithPath: p))
        #expect(Self.message { try PointFile.read(p, architecture: wide) }
                == "\(p): member W1.npy: declares \(declared) bytes uncompressed from only \(compressed) compressed")
        // A stored member claiming more bytes than the file holds.
        var s = Self.zip([ZipEntry(name: "W1.npy", bytes: Self.npy(Self.w1), deflate: false),
                          ZipEntry(name: "W2.npy", bytes: Self.npy(Self.w2), deflate: false)])
        let scd = Self.directoryOffset(s), second = scd + 46 + "W1.npy".utf8.count
        let offset = (0..<4).reduce(0) { $0 | Int(s[second + 42 + $1]) << (8 * $1) }
        for at in [second + 20, second + 24] { Self.patch32(&s, at: at, 60_000) }
        for at in [offset + 18, offset + 22] { Self.patch32(&s, at: at, 60_000) }
        let follow = s.count - (offset + 30 + "W2.npy".utf8.count)
        try check(s, "member W2.npy: declares 60000 compressed bytes but only \(follow) follow (truncated file?)")
        z = good
        z[z.count - 22 + 8] = 3
        try check(z, "not a valid zip (.npz) archive: the end record counts 3 and 2 entries")
        try check(Data("PK not really".utf8), "not a valid zip (.npz) archive: only 13 bytes, too short for a zip end record")
    }

    /// np.savez and np.savez_compressed files, when NumPy is installed.
    static let numpyAvailable = PythonProbe.numpy

    @Test(.enabled(if: PointFileLayersTests.numpyAvailable, "python3 with numpy is not installed"))
    func numpyWrittenArchives() throws {
        let a = try Self.architecture(), dir = try Self.tempDir()
        let script = """
        import sys, numpy as np
        d = sys.argv[1]
        w1 = np.array(\(Self.w1)); w2 = np.array(\(Self.w2))
        np.savez(d + '/named.npz', W1=w1, W2=w2)
        np.savez_compressed(d + '/positional.npz', w1, w2.astype(np.float32))
        np.savez_compressed(d + '/params.npz', params=np.arange(1.0, 9.0))
        np.savez_compressed(d + '/pruned.npz', W1=w1, W2=np.array([[5, 0], [0, 6], [7, 8.5]]).T)
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, dir]
        try p.run()
        p.waitUntilExit()
        try #require(p.terminationStatus == 0)
        for name in ["named", "positional", "params"] {
            #expect(try PointFile.read(dir + "/\(name).npz", architecture: a) == Self.expected, "\(name)")
        }
        #expect(Self.message { try PointFile.read(dir + "/pruned.npz", architecture: a) }
                == "\(dir)/pruned.npz: W2 must be 3x2 (rows = inputs, columns = outputs), got 2x3")
    }
}
