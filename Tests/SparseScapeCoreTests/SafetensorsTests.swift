import Foundation
import Testing
@testable import SparseScapeCore

/// The safetensors reader and writer, and PyTorch's layout on top of them: every size checked before allocation,
/// exact dtype conversion, torch's out × in transposed, prune's weight_orig/weight_mask, and every refusal naming
/// the tensor.
@Suite struct SafetensorsTests {
    /// A file's bytes from a header text and a data payload (the header padded as given).
    static func file(_ header: String, _ payload: [UInt8] = []) -> Data {
        var d = Data()
        withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { d.append(contentsOf: $0) }
        d.append(contentsOf: Array(header.utf8))
        d.append(contentsOf: payload)
        return d
    }

    static func le32(_ f: Float) -> [UInt8] { withUnsafeBytes(of: f.bitPattern.littleEndian) { Array($0) } }
    static func le64(_ v: Double) -> [UInt8] { withUnsafeBytes(of: v.bitPattern.littleEndian) { Array($0) } }
    static func le16(_ u: UInt16) -> [UInt8] { [UInt8(u & 0xff), UInt8(u >> 8)] }

    /// The error message `body` throws, nil when it returns.
    static func message<T>(_ body: () throws -> T) -> String? {
        do { _ = try body(); return nil }
        catch let e as SparseScapeError { return e.message }
        catch { return "not a SparseScapeError: \(error)" }
    }

    @Test func readsEveryFloatTypeExactly() throws {
        let payload = Self.le64(-0.1) + Self.le64(0x1p-1030) + Self.le32(3.5) + Self.le32(-Float.leastNonzeroMagnitude)
            + Self.le16(0x3C00) + Self.le16(0x0001) + Self.le16(0xFBFF) + Self.le16(0x3F80) + Self.le16(0xC2F7)
        let header = """
            {"a":{"dtype":"F64","shape":[2],"data_offsets":[0,16]},"b":{"dtype":"F32","shape":[1,2],"data_offsets":[16,24]},\
            "c":{"dtype":"F16","shape":[3],"data_offsets":[24,30]},"d":{"dtype":"BF16","shape":[2],"data_offsets":[30,34]},\
            "__metadata__":{"format":"pt"}}
            """
        let f = try SafetensorsFile(Self.file(header, payload), name: "t")
        #expect(f.tensors.map(\.name) == ["a", "b", "c", "d"])
        #expect(f.metadata.map(\.key) == ["format"] && f.metadata.map(\.value) == ["pt"])
        #expect(try f.values(of: f.tensor("a")!) == [-0.1, 0x1p-1030])
        #expect(try f.values(of: f.tensor("b")!) == [3.5, -Double(Float.leastNonzeroMagnitude)])
        // float16: 1, the smallest subnormal 2⁻²⁴, the most negative finite −65504.
        #expect(try f.values(of: f.tensor("c")!) == [1, 0x1p-24, -65504])
        // bfloat16: 1, and 0xC2F7 = −123.5.
        #expect(try f.values(of: f.tensor("d")!) == [1, -123.5])
    }

    @Test func halfPrecisionMatchesFloat16ForEveryPattern() {
        #if arch(x86_64) || arch(arm64)
        for bits in UInt16.min...UInt16.max {
            let want = Double(Float16(bitPattern: bits)), got = SafetensorsDType.halfToDouble(bits)
            if want.isNaN { #expect(got.isNaN, "\(bits)") } else { #expect(got.bitPattern == want.bitPattern, "\(bits)") }
        }
        #endif
    }

    @Test func refusesMalformedFilesWithOneLineEach() {
        func check(_ d: Data, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(Self.message { try SafetensorsFile(d, name: "m.safetensors") } == "m.safetensors: not a valid safetensors file: " + expected,
                    sourceLocation: sourceLocation)
        }
        check(Data([1, 2, 3]), "only 3 bytes, too short for the 8-byte header length")
        var huge = Data(); withUnsafeBytes(of: UInt64(1) << 62) { huge.append(contentsOf: $0) }
        check(huge, "the header length 4611686018427387904 is over the 100000000-byte limit")
        check(Self.file("{}").prefix(9), "the header length 2 runs past the end of the file (9 bytes)")
        check(Self.file("[1]"), "the header is not a JSON object (it must start with '{')")
        check(Self.file("{\"a\":1,\"a\":2}"), "header: duplicate key 'a' at top level (line 1, column 8)")
        check(Self.file(#"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, [0, 0, 0, 0]),
              "tensor 'w' ends at byte 8, past the end of the data (4 bytes)")
        check(Self.file(#"{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, Array(repeating: 0, count: 8)),
              "tensor 'w': shape [3] of F32 needs 12 bytes but data_offsets hold 8")
        check(Self.file(#"{"w":{"dtype":"F64","shape":[4611686018427387904,4],"data_offsets":[0,8]}}"#, Array(repeating: 0, count: 8)),
              "tensor 'w': the shape [4611686018427387904, 4] overflows")
        check(Self.file(#"{"w":{"dtype":"F64","shape":[1152921504606846976],"data_offsets":[0,8]}}"#, Array(repeating: 0, count: 8)),
              "tensor 'w': shape [1152921504606846976] of F64 needs more than 9223372036854775807 bytes but data_offsets hold 8")
        check(Self.file(#"{"w":{"dtype":"Q9","shape":[1],"data_offsets":[0,1]}}"#, [0]), "tensor 'w' has an unknown dtype 'Q9'")
        check(Self.file(#"{"w":{"dtype":"\u001b[31m","shape":[1],"data_offsets":[0,1]}}"#, [0]), "tensor 'w' has an unknown dtype")
        check(Self.file(#"{"w":{"dtype":"U8","shape":[-1],"data_offsets":[0,1]}}"#, [0]), "tensor 'w': shape entry 1 is not a whole number ≥ 0")
        check(Self.file(#"{"w":{"dtype":"U8","shape":[1],"data_offsets":[1,0]}}"#, [0]), "tensor 'w': data_offsets must be [begin, end] with 0 ≤ begin ≤ end")
        check(Self.file(#"{"w":{"dtype":"U8","shape":[1],"data_offsets":[0,1],"x":0}}"#, [0]),
              "tensor 'w' has an unknown field 'x' (expected dtype, shape and data_offsets)")
        // The tensors must tile the data: a gap, an overlap, bytes after the last one are all refused.
        check(Self.file(#"{"a":{"dtype":"U8","shape":[1],"data_offsets":[1,2]}}"#, [0, 0]), "the data starts 1 unused bytes before tensor 'a'")
        check(Self.file(#"{"a":{"dtype":"U8","shape":[2],"data_offsets":[0,2]},"b":{"dtype":"U8","shape":[2],"data_offsets":[1,3]}}"#, [0, 0, 0]),
              "tensor 'b' overlaps the tensor before it (its data starts at byte 1, before byte 2)")
        check(Self.file(#"{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}"#, [0, 0]), "1 bytes of data follow the last tensor")
        check(Self.file(#"{"__metadata__":{"a":1}}"#), "__metadata__ entry 'a' is a number, not a string")
    }

    @Test func encoderWritesWhatTheReaderReadsBitForBit() throws {
        let values: [Double] = [0.1, -0.0, .leastNonzeroMagnitude, -.greatestFiniteMagnitude, 3]
        let d = SafetensorsEncoder.encode([.init(name: "x.weight", shape: [1, 5], values: values), .init(name: "e", shape: [0], values: [])],
                                          metadata: [("format", "pt")])
        let headerLength = d.withUnsafeBytes { Int(UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self))) }
        #expect(headerLength % 8 == 0)
        let f = try SafetensorsFile(d, name: "e")
        #expect(try f.values(of: f.tensor("x.weight")!).map(\.bitPattern) == values.map(\.bitPattern))
        #expect(f.tensor("e")?.count == 0 && f.tensor("x.weight")?.shape == [1, 5])
    }

    /// torch's layout of widths [3, 2, 2]: fc1 pruned (out × in = 2 × 3), fc2 plain (2 × 2).
    static func torchFile(mask: [Float] = [1, 0, 1, 0, 1, 1], extra: String = "", extraBytes: [UInt8] = []) -> Data {
        let orig: [Float] = [1, 2, 3, 4, 5, 6], w2: [Float] = [7, 8, 0, 9]
        let header = """
            {"fc1.weight_orig":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},\
            "fc1.weight_mask":{"dtype":"F32","shape":[2,3],"data_offsets":[24,48]},\
            "fc2.weight":{"dtype":"F32","shape":[2,2],"data_offsets":[48,64]}\(extra)}
            """
        return file(header, orig.flatMap(le32) + mask.flatMap(le32) + w2.flatMap(le32) + extraBytes)
    }

    @Test func torchLayoutIsTransposedAndMasked() throws {
        let c = try TorchCheckpoint(try SafetensorsFile(Self.torchFile(), name: "m"))
        #expect(c.widths == [3, 2, 2])
        #expect(c.layout == (try TorchLayout(layers: ["fc1", "fc2"], pruned: [true, false])))
        // Rows = inputs: W1[i][j] = orig[j][i] · mask[j][i].
        #expect(c.matrices[0].data == [1, 0, 0, 5, 3, 6])
        #expect(c.matrices[1].data == [7, 0, 8, 9])
        #expect(c.masks(fromZeros: false) == [[true, false, false, true, true, true], [true, true, true, true]])
        #expect(c.masks(fromZeros: true)[1] == [true, false, true, true])
        let arch = try NetworkArchitecture(widths: [3, 2, 2], masks: c.masks(fromZeros: false))
        let p = try c.point(for: arch)
        #expect(p == [1, 5, 3, 6, 7, 0, 8, 9])
        // Written back in the same layout, read again: the same point, the same mask.
        let back = SafetensorsEncoder.encode(TorchCheckpoint.tensors(params: p, architecture: arch, layout: c.layout))
        let again = try TorchCheckpoint(try SafetensorsFile(back, name: "b"))
        #expect(again.layout == c.layout)
        #expect(try again.point(for: arch) == p)
        let f = try SafetensorsFile(back, name: "b")
        #expect(f.tensors.map(\.name) == ["fc1.weight_orig", "fc1.weight_mask", "fc2.weight"])
        #expect(try f.values(of: f.tensor("fc1.weight_mask")!) == [1, 0, 1, 0, 1, 1])
        #expect(try f.values(of: f.tensor("fc1.weight_orig")!) == [1, 0, 3, 0, 5, 6])
    }

    @Test func torchRefusalsNameTheTensor() throws {
        func check(_ d: Data, order: [String]? = nil, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(Self.message { try TorchCheckpoint(try SafetensorsFile(d, name: "m"), order: order) } == "m: " + expected, sourceLocation: sourceLocation)
        }
        check(Self.torchFile(extra: #","fc1.bias":{"dtype":"F32","shape":[2],"data_offsets":[64,72]}"#, extraBytes: Array(repeating: 0, count: 8)),
              "tensor 'fc1.bias' is a bias: SparseScape's networks are bias-free linear stacks (nn.Linear(..., bias=False))")
        check(Self.torchFile(extra: #","bn.running_mean":{"dtype":"F32","shape":[2],"data_offsets":[64,72]}"#, extraBytes: Array(repeating: 0, count: 8)),
              "tensor 'bn.running_mean' is not a linear layer's weight (expected NAME.weight, or NAME.weight_orig with NAME.weight_mask)")
        check(Self.torchFile(mask: [1, 0, 0.5, 0, 1, 1]), "tensor 'fc1.weight_mask' entry [0, 2] is 0.5; a mask holds 0 and 1 only")
        check(Self.file(#"{"a.weight":{"dtype":"I32","shape":[1,1],"data_offsets":[0,4]}}"#, [0, 0, 0, 0]),
              "tensor 'a.weight' has dtype I32; SparseScape reads float32 (F32), float64 (F64), float16 (F16) or bfloat16 (BF16)")
        check(Self.file(#"{"0.weight":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},"1.weight":{"dtype":"F32","shape":[1,3],"data_offsets":[24,36]}}"#,
                        Array(repeating: 0, count: 36)),
              "tensor '1.weight' is 1×3 (out × in): its 3 inputs do not match the 2 outputs of '0.weight'")
        check(Self.file(#"{"fc1.weight_orig":{"dtype":"F32","shape":[1,1],"data_offsets":[0,4]}}"#, [0, 0, 0, 0]),
              "tensor 'fc1.weight_orig' has no 'fc1.weight_mask' beside it (torch.nn.utils.prune saves both)")
        check(Self.file(#"{"w.weight":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#, Array(repeating: 0, count: 16)),
              "tensor 'w.weight' has shape [4]; a linear layer's weight is 2-D (out × in)")
        check(Self.file(#"{"w.weight":{"dtype":"F32","shape":[1,1],"data_offsets":[0,4]}}"#, Self.le32(.nan)),
              "tensor 'w.weight' entry [0, 0] is not finite (nan)")
        check(Self.file(#"{"encoder.weight":{"dtype":"F32","shape":[1,1],"data_offsets":[0,4]},"decoder.weight":{"dtype":"F32","shape":[1,1],"data_offsets":[4,8]}}"#,
                        Array(repeating: 0, count: 8)),
              "cannot tell the order of the layers from their names (decoder, encoder)")
        check(Self.torchFile(), order: ["fc1", "fc3"], "the layer order given names 'fc3', but the file has no such layer (layers: fc1, fc2)")
        check(Self.torchFile(), order: ["fc2"], "the layer 'fc1' is not in the layer order given (layers: fc1, fc2)")
    }

    @Test func layerOrderComesFromTheNumbersInTheNames() throws {
        let names = ["layers.10", "layers.2", "layers.1"]
        var header: [String] = [], offset = 0
        // Square 1×1 layers chain in any order; the order must be 1, 2, 10 (numeric, not textual).
        for n in names { header.append("\"\(n).weight\":{\"dtype\":\"F64\",\"shape\":[1,1],\"data_offsets\":[\(offset),\(offset + 8)]}"); offset += 8 }
        let d = Self.file("{" + header.joined(separator: ",") + "}", Self.le64(10) + Self.le64(2) + Self.le64(1))
        let c = try TorchCheckpoint(try SafetensorsFile(d, name: "m"))
        #expect(c.layers.map(\.module) == ["layers.1", "layers.2", "layers.10"])
        #expect(c.layers.map { $0.weights[0] } == [1, 2, 10])
        let given = try TorchCheckpoint(try SafetensorsFile(d, name: "m"), order: ["layers.10", "layers.1", "layers.2"])
        #expect(given.layers.map { $0.weights[0] } == [10, 1, 2])
    }

    @Test func pointForAConfigChecksShapeAndMask() throws {
        let c = try TorchCheckpoint(try SafetensorsFile(Self.torchFile(), name: "m"))
        let otherMask = try NetworkArchitecture(widths: [3, 2, 2], masks: [[true, true, false, true, true, true], [true, true, true, true]])
        #expect(Self.message { try c.point(for: otherMask) }
                == "m: tensor 'fc1.weight_mask' entry [1, 0] is 0 but the network's mask keeps that weight (W1[1,2])")
        let prunesPlain = try NetworkArchitecture(widths: [3, 2, 2], masks: [[true, false, false, true, true, true], [true, true, false, true]])
        #expect(Self.message { try c.point(for: prunesPlain) }
                == "m: tensor 'fc2.weight' entry [0, 1] is 8.0 but the network's mask prunes that weight (W2[2,1])")
        let wider = try NetworkArchitecture.dense(widths: [4, 2, 2])
        #expect(Self.message { try c.point(for: wider) }
                == "m: tensor 'fc1.weight_orig' is 2×3 (out × in) but layer 1 of the network maps 4 to 2 (needs 2×4)")
    }
}
