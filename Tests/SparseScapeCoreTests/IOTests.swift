import Foundation
import Testing
import Synchronization
@testable import SparseScapeCore

/// Files in and out: .npy, CSV, config and point files, atomic writes.
@Suite struct IOTests {
    static func tempDir() throws -> String {
        let d = NSTemporaryDirectory() + "sparsescape-io-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    /// Hand-built .npy bytes (as NumPy writes them).
    static func npyBytes(descr: String, fortran: Bool, shape: String, payload: [UInt8]) -> Data {
        var header = "{'descr': '\(descr)', 'fortran_order': \(fortran ? "True" : "False"), 'shape': \(shape), }"
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        var d = Data([0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.utf8.count & 0xff), UInt8(header.utf8.count >> 8)])
        d.append(contentsOf: Array(header.utf8))
        d.append(contentsOf: payload)
        return d
    }

    @Test func npyRoundTripIsExact() throws {
        let dir = try Self.tempDir()
        var g = SeededGenerator(seed: 1)
        let m = Matrix(rows: 7, cols: 3, data: g.gaussianVector(21).map { $0 * 1e-3 + 1 / 3 })
        try NpyReader.write(m, to: dir + "/m.npy")
        #expect(try NpyReader.read(dir + "/m.npy") == m)
    }

    @Test func npyReadsFloat32FortranAndBigEndian() throws {
        // [[1, 2, 3], [4, 5, 6]] stored column-major as float32 little-endian.
        let colMajor: [Float] = [1, 4, 2, 5, 3, 6]
        let f32 = colMajor.flatMap { v -> [UInt8] in let u = v.bitPattern; return (0..<4).map { UInt8((u >> (8 * $0)) & 0xff) } }
        let m = try NpyReader.parse(Self.npyBytes(descr: "<f4", fortran: true, shape: "(2, 3)", payload: f32), name: "t")
        #expect(m == Matrix([[1, 2, 3], [4, 5, 6]]))
        let be = [0.5, -2.25].flatMap { v -> [UInt8] in let u = v.bitPattern; return (0..<8).map { UInt8((u >> (8 * (7 - $0))) & 0xff) } }
        let col = try NpyReader.parse(Self.npyBytes(descr: ">f8", fortran: false, shape: "(2,)", payload: be), name: "t")
        #expect(col == Matrix([[0.5], [-2.25]]))
    }

    @Test func npyRejectsCorruptAndAbsurdFiles() throws {
        #expect(throws: SparseScapeError.self) { try NpyReader.parse(Data("not numpy".utf8), name: "t") }
        // Header claims 10^6 × 10^6 doubles but carries 16 bytes: rejected before any allocation.
        #expect(throws: SparseScapeError.self) {
            try NpyReader.parse(Self.npyBytes(descr: "<f8", fortran: false, shape: "(1000000, 1000000)", payload: [UInt8](repeating: 0, count: 16)), name: "t")
        }
        #expect(throws: SparseScapeError.self) {
            try NpyReader.parse(Self.npyBytes(descr: "<i8", fortran: false, shape: "(2,)", payload: [UInt8](repeating: 0, count: 16)), name: "t")
        }
        #expect(throws: SparseScapeError.self) {
            try NpyReader.parse(Self.npyBytes(descr: "<f8", fortran: false, shape: "(2, 2, 2)", payload: [UInt8](repeating: 0, count: 64)), name: "t")
        }
    }

    @Test func csvWithHeaderAndErrors() throws {
        #expect(try CSVMatrixReader.parse("a,b\n1,2\n3.5,-4e-2\n", name: "t") == Matrix([[1, 2], [3.5, -0.04]]))
        #expect(try CSVMatrixReader.parse("1,2\n\n3,4\n", name: "t") == Matrix([[1, 2], [3, 4]]))
        #expect(throws: SparseScapeError.self) { try CSVMatrixReader.parse("1,2\n3\n", name: "t") }
        #expect(throws: SparseScapeError.self) { try CSVMatrixReader.parse("1,2\n3,x\n", name: "t") }
        #expect(throws: SparseScapeError.self) { try CSVMatrixReader.parse("", name: "t") }
    }

    @Test func configRoundTripsThroughItsJSONText() throws {
        let original = try PresetLibrary.load("theorem5")
        let again = try NetworkConfig.parse(Data(original.jsonText().utf8), name: "t", baseDirectory: nil)
        #expect(again.architecture == original.architecture)
        #expect(again.dataset == original.dataset)
        #expect(again.start == original.start)
        #expect(again.points.map(\.label) == original.points.map(\.label))
        #expect(again.points.map(\.label) == again.points.map(\.label).sorted())
        #expect(again.points.map(\.params) == original.points.map(\.params))
        #expect(again.learningRate == original.learningRate && again.optimizer == original.optimizer)
    }

    @Test func configLoadsDataFromNpyAndCSVRelativeToTheFile() throws {
        let dir = try Self.tempDir()
        try NpyReader.write(Matrix([[1, 0], [0, 1], [1, 1]]), to: dir + "/x.npy")
        try AtomicFile.write("y1\n1\n2\n3\n", to: dir + "/y.csv")
        try AtomicFile.write(#"{"widths": [2, 1], "masks": [[[1], [0]]], "X": "x.npy", "Y": "y.csv"}"#, to: dir + "/net.json")
        let c = try NetworkConfig.load(path: dir + "/net.json")
        #expect(c.architecture.parameterCount == 1)
        #expect(c.dataset.y == Matrix([[1], [2], [3]]))
        #expect(c.name == "net")
        // Least squares on feature 0 alone: y ≈ β·x0 with x0 = (1, 0, 1): β = 2, residual (−1, 2, 1), L = ½·6 = 3.
        #expect(abs(try GlobalMinimum.closedForm(try c.lossFunction())!.value - 3) < 1e-12)
    }

    @Test func masksLoadFromFiles() throws {
        let dir = try Self.tempDir()
        try NpyReader.write(Matrix([[1, 0], [1, 1], [0, 1]]), to: dir + "/m1.npy")
        try AtomicFile.write("1,1,0\n0,1,1\n", to: dir + "/m2.csv")
        try NpyReader.write(.identity(3), to: dir + "/x.npy")
        try AtomicFile.write(#"{"widths": [3, 2, 3], "masks": ["m1.npy", "m2.csv"], "X": "x.npy", "Y": [[1, 2, 0], [2, 10, 0], [0, 0, 4]]}"#, to: dir + "/net.json")
        let c = try NetworkConfig.load(path: dir + "/net.json")
        #expect(c.architecture == (try TestNetworks.theorem5()).architecture)
        try NpyReader.write(Matrix([[1, 0], [1, 0.5], [0, 1]]), to: dir + "/m1.npy")
        #expect(throws: SparseScapeError.self) { try NetworkConfig.load(path: dir + "/net.json") }
        try NpyReader.write(Matrix([[1, 0], [1, 1]]), to: dir + "/m1.npy")
        #expect(throws: SparseScapeError.self) { try NetworkConfig.load(path: dir + "/net.json") }
    }

    @Test(arguments: [
        (#"{"widths": [2, 1], "masks": [[[1], [0]]], "X": [[1, 2]], "Y": [[1]]"#, "malformed"),
        (#"{"widths": [2, 1], "masks": [[[1], [0]]], "X": [[1, 2]]}"#, "Y"),
        (#"{"widths": [2, 1], "masks": [[[1], [2]]], "X": [[1, 2]], "Y": [[1]]}"#, "0 or 1"),
        (#"{"widths": [2, 1], "masks": [[[1, 0]]], "X": [[1, 2]], "Y": [[1]]}"#, "mask 1 must be 2x1"),
        (#"{"widths": [2, 1], "masks": [[[1], [0]]], "X": [[1, 2, 3]], "Y": [[1]]}"#, "columns"),
        (#"{"widths": [2, 1], "masks": [[[1], [0]]], "X": [[1, 2], [3]], "Y": [[1], [2]]}"#, "row 2"),
        (#"{"widths": [2, 1], "masks": [[[1], [0]]], "X": [[1, 2]], "Y": [[1], [2]]}"#, "rows"),
        (#"{"widths": [2, 1], "masks": [[[1], [0]]], "X": [[1, 2]], "Y": [[1]], "start": [1, 2]}"#, "start has 2 values"),
        (#"{"widths": [2, 1], "masks": [[[1], [0]]], "X": [[1, 2]], "Y": [[1]], "lr": -1}"#, "lr"),
        (#"{"widths": [2, 1], "masks": [[[1], [0]]], "X": [[1, 2]], "Y": [[1]], "optimizer": "sgd"}"#, "unknown optimizer"),
        (#"{"widths": [2, 0], "masks": [[]], "X": [[1, 2]], "Y": [[1]]}"#, "widths"),
        (#"{"widths": [2, 1], "masks": [[[1], [0]]], "X": [[1, 1e999]], "Y": [[1]]}"#, "JSON"),
        (#"{"widths": [2, 1], "masks": [[[1], [0]]], "X": "data.txt", "Y": [[1]]}"#, ".npy or .csv"),
    ])
    func badConfigsGetOneClearError(_ text: String, _ mention: String) {
        do {
            _ = try NetworkConfig.parse(Data(text.utf8), name: "bad.json", baseDirectory: nil)
            Issue.record("accepted: \(text)")
        } catch let e as SparseScapeError {
            #expect(e.message.hasPrefix("bad.json: "))
            #expect(e.message.contains(mention), "\(e.message)")
            #expect(!e.message.contains("\n"))
        } catch {
            Issue.record("unexpected error type: \(error)")
        }
    }

    @Test func pointFilesRoundTripAndCheckLength() throws {
        let dir = try Self.tempDir()
        let p = [0.1, -2.5e-17, 1 / 3.0, 12345.678]
        try PointFile.write(params: p, to: dir + "/p.json", extras: [("loss", "1.5")])
        #expect(try PointFile.read(dir + "/p.json") == p)
        #expect(throws: SparseScapeError.self) { try PointFile.read(dir + "/p.json", expectedCount: 5) }
        #expect(throws: SparseScapeError.self) { try PointFile.read(dir + "/missing.json") }
        try AtomicFile.write("{\"params\": [1, \"a\"]}", to: dir + "/bad.json")
        #expect(throws: SparseScapeError.self) { try PointFile.read(dir + "/bad.json") }
    }

    @Test func atomicWritesLeaveNothingBehindOnFailure() throws {
        let dir = try Self.tempDir()
        #expect(throws: SparseScapeError.self) { try AtomicFile.write("x", to: dir + "/no/such/dir/f.txt") }
        #expect(throws: SparseScapeError.self) { try AtomicFile.write("x", to: dir) }
        try AtomicFile.write("first", to: dir + "/f.txt")
        try AtomicFile.write("second", to: dir + "/f.txt")
        #expect(try String(contentsOfFile: dir + "/f.txt", encoding: .utf8) == "second")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["f.txt"])
    }

    @Test func jsonNumbersRoundTrip() throws {
        for v in [0.1, 1 / 3.0, -2.5e-300, 1e22, 123456789012.5, 8, -0.0] {
            let text = JSONText.number(v)
            #expect(Double(text) == v, "\(text)")
        }
        #expect(JSONText.number(.nan) == "\"NaN\"" && JSONText.number(-.infinity) == "\"-Infinity\"")
    }
}

@Suite("Safe text for messages")
struct SafeTextTests {
    @Test("control characters become visible escapes and the result is one line")
    func escapes() {
        let raw = "a\u{1B}[2Jb\nc\td\u{7F}\u{9B}\u{202E}é"
        let s = SafeText.escaped(raw)
        #expect(s == "a\\u{1B}[2Jb\\nc\\td\\u{7F}\\u{9B}\\u{202E}é")
        #expect(!s.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
    }

    @Test("excerpts are cut at the limit and give the full size")
    func excerpts() {
        let long = String(repeating: "x", count: 10_000_000)
        let e = SafeText.quoted(long)
        #expect(e == "'" + String(repeating: "x", count: 40) + "… (10000000 bytes)'")
        #expect(SafeText.quoted("short") == "'short'")
        #expect(SafeText.excerpt(String(repeating: "é", count: 41)).hasSuffix("… (82 bytes)"))
    }
}

@Suite("Memory budget values")
struct MemoryBudgetValueTests {
    @Test("sizes parse with binary units and overflow is detected")
    func parsing() throws {
        #expect(MemoryBudget.parse("123") == 123)
        #expect(MemoryBudget.parse("2K") == 2048)
        #expect(MemoryBudget.parse("1.5G") == 1_610_612_736)
        #expect(MemoryBudget.parse("64Gi") == 68_719_476_736)
        #expect(MemoryBudget.parse("-1") == nil)
        #expect(MemoryBudget.parse("lots") == nil)
        #expect(MemoryBudget.parse("1e30") == nil)
        #expect(MemoryBudget.doubles(100_000, 100_000) == 80_000_000_000)
        #expect(MemoryBudget.doubles(Int.max / 2, 3) == nil)
        #expect(MemoryBudget.describe(80_000_000_000) == "80.0 GB")
        #expect(MemoryBudget.describe(1024) == "1.0 kB")
        #expect(throws: SparseScapeError.self) { try MemoryBudget(bytes: 1000).require(1001, for: "x") }
        #expect(throws: SparseScapeError.self) { try MemoryBudget(bytes: 1000).require(nil, for: "x") }
        try MemoryBudget(bytes: 1000).require(1000, for: "x")
    }

    @Test("the footprint of a network counts XᵀX, XᵀY and every per-layer product")
    func footprint() {
        // widths [3, 2, 3]: XᵀX 9, XᵀY 9, R 9, weights+gradients 2·(6+6), right products 6+9, prefix/suffix 6·(3+2+3).
        #expect(LossFunction.memoryFootprint(widths: [3, 2, 3]) == 8 * (9 + 9 + 9 + 24 + 15 + 48))
        #expect(LossFunction.memoryFootprint(widths: [Int.max / 4, 4, 4]) == nil)
    }
}

@Suite("Lists in messages")
struct ListTextTests {
    @Test("short lists are written whole, long ones by their first entries and count")
    func describe() {
        #expect(SafeText.list([3, 2, 3]) == "[3, 2, 3]")
        #expect(SafeText.list(Array(repeating: 1, count: 100_001)) == "[1, 1, 1, 1, 1, 1, 1, 1, …] (100001 entries)")
    }
}

@Suite("OpenBLAS kernel choice")
struct BLASKernelTests {
    @Test("Haswell kernels are asked for only when OpenBLAS fell back to Prescott on a CPU with AVX2 and FMA")
    func preferredCoreType() {
        #expect(BLASKernel.preferredCoreType(coreName: "Prescott", cpuFlags: ["sse3", "avx2", "fma"]) == "Haswell")
        #expect(BLASKernel.preferredCoreType(coreName: "Prescott", cpuFlags: ["sse3", "avx2"]) == nil)
        #expect(BLASKernel.preferredCoreType(coreName: "Prescott", cpuFlags: ["sse3"]) == nil)
        #expect(BLASKernel.preferredCoreType(coreName: "SkylakeX", cpuFlags: ["avx2", "fma", "avx512f"]) == nil)
        #expect(BLASKernel.preferredCoreType(coreName: "Haswell", cpuFlags: ["avx2", "fma"]) == nil)
    }

    @Test("this machine's flags are read from /proc/cpuinfo")
    func flags() throws {
        let text = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let flags = BLASKernel.cpuFlags()
        #expect(!flags.isEmpty)
        #expect(text.contains(" sse2") == flags.contains("sse2"))
    }
}

@Suite("Temporary files' commit section")
struct CommitSectionTests {
    @Test("a thread commits while another thread is inside its commit section (no commit is taken for an interruption)")
    func concurrentCommits() throws {
        let firstInside = DispatchSemaphore(value: 0), secondDone = DispatchSemaphore(value: 0), firstDone = DispatchSemaphore(value: 0)
        let firstFailed = Atomic<Bool>(false)
        Thread.detachNewThread {
            do {
                try TemporaryFiles.commitSection {
                    firstInside.signal()
                    secondDone.wait()      // stays inside until the other thread has committed
                }
            } catch { firstFailed.store(true, ordering: .relaxed) }
            firstDone.signal()
        }
        firstInside.wait()
        var ran = false
        try TemporaryFiles.commitSection { ran = true }
        secondDone.signal()
        firstDone.wait()
        #expect(ran)
        let failed = firstFailed.load(ordering: .relaxed)
        #expect(!failed)
    }
}
