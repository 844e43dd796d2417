import Foundation
import SparseScapeCore

/// Input speed: the CSV reader beside NumPy and pandas on one file, and the whole `sparsescape slice` process of the
/// 784-256-10 network beside a NumPy process that only loads the same files and forms XᵀX and XᵀY.
enum IOBenchmark {
    static func run() throws {
        let dir = NSTemporaryDirectory() + "sparsescape-io-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try csvRate(dir)
        try wholeSlice(dir)
    }

    static func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s[s.count / 2] }

    /// (a) MB/s of CSVMatrixReader, numpy.loadtxt and pandas.read_csv on the same 20000×784 CSV.
    static func csvRate(_ dir: String) throws {
        let path = dir + "/X.csv"
        _ = try Baseline.run("numpy_slice_baseline.py", ["make-csv", path])
        let bytes = Double((try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
        var matrix: Matrix?
        let own = median(try (0..<3).map { _ in try Timing.seconds { matrix = try CSVMatrixReader.read(path) } })
        let base = try Baseline.run("numpy_slice_baseline.py", ["read-csv", path, "--repeats", "3"])
        guard let loadtxt = base["loadtxt_seconds"] as? Double, let pandas = base["pandas_seconds"] as? Double,
              let checksum = base["checksum"] as? Double else { throw BenchError("numpy_slice_baseline.py read-csv: missing fields") }
        let ownSum = matrix!.data.reduce(0, +)
        let mb = bytes / 1e6
        print("4. Reading a \(fmt(mb, 4)) MB CSV (20000×784, 13 significant digits, header row), median of 3")
        print("   SparseScape CSVMatrixReader: \(fmt(own, 3)) s = \(fmt(mb / own, 4)) MB/s; target ≥ 100 MB/s: \(mb / own >= 100 ? "MET" : "NOT MET")")
        print("   numpy.loadtxt              : \(fmt(loadtxt, 3)) s = \(fmt(mb / loadtxt, 4)) MB/s (NumPy \(base["numpy"] ?? "?"))")
        print("   pandas.read_csv            : \(fmt(pandas, 3)) s = \(fmt(mb / pandas, 4)) MB/s (pandas \(base["pandas"] ?? "?"))")
        print("   same values: sum \(ownSum) (SparseScape) vs \(checksum) (NumPy), relative difference \(fmt(abs(ownSum - checksum) / abs(checksum), 2))")
    }

    /// (b) Wall time of the user's slice command against a NumPy process that loads the same files and forms XᵀX, XᵀY.
    static func wholeSlice(_ dir: String) throws {
        _ = try Baseline.run("numpy_slice_baseline.py", ["make-data", dir])
        _ = try Baseline.run("numpy_slice_baseline.py", ["user-files", dir])
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("sparsescape").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw BenchError("\(binary) not found: build it first (swift build -c release --product sparsescape)")
        }
        let slice = ["slice", dir + "/user-net.json", "--point", dir + "/center.json", "--dir1", dir + "/d1.json",
                     "--dir2", dir + "/d2.json", "--grid", "101", "--out", dir + "/slice.csv"]
        let numpy = [Baseline.directory.appendingPathComponent("numpy_slice_baseline.py").path, "load-and-gram", dir]
        var ours: [Double] = [], theirs: [Double] = []
        for _ in 0..<5 {
            ours.append(try wallTime(binary, slice))
            theirs.append(try wallTime("/usr/bin/env", ["python3"] + numpy))
        }
        let (a, b) = (median(ours), median(theirs))
        print("5. The whole `sparsescape slice` process a user runs on the 784-256-10 network (config with inline masks, X/Y .npy,")
        print("   centre and --dir1/--dir2 as JSON point files of 10⁵ numbers, 101×101 CSV + sidecar out), median of 5 runs")
        print("   sparsescape slice                                    : \(fmt(a, 3)) s  (runs: \(ours.map { fmt($0, 3) }.joined(separator: ", ")))")
        print("   NumPy process: load the same files, form XᵀX and XᵀY : \(fmt(b, 3)) s  (runs: \(theirs.map { fmt($0, 3) }.joined(separator: ", ")))")
        print("   ratio \(fmt(a / b, 3)); target ≤ 1.25: \(a / b <= 1.25 ? "MET" : "NOT MET")")
    }

    /// Seconds from launch to exit of a process (output discarded); throws when it fails.
    static func wallTime(_ executable: String, _ arguments: [String]) throws -> Double {
        let proc = Process()
        proc.executableURL = URL(fileURLWithPath: executable)
        proc.arguments = arguments
        proc.standardOutput = FileHandle.nullDevice
        let err = Pipe()
        proc.standardError = err
        let t0 = DispatchTime.now().uptimeNanoseconds
        try proc.run()
        let message = err.fileHandleForReading.readDataToEndOfFile()
        proc.waitUntilExit()
        let t = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        guard proc.terminationStatus == 0 else {
            throw BenchError("\(URL(fileURLWithPath: executable).lastPathComponent) \(arguments.first ?? ""): failed: \(String(decoding: message, as: UTF8.self))")
        }
        return t
    }
}
