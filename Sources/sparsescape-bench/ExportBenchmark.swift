import Foundation
import SparseScapeCore

/// A 2001×2001 slice of theorem5 written as a CSV + sidecar pair (streamed, hashed while written, fsynced, renamed)
/// against building the same CSV text in memory, as exports did before; SHA-256 against `sha256sum` on the file.
enum ExportBenchmark {
    static func run() throws {
        let dir = NSTemporaryDirectory() + "sparsescape-export-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let config = try PresetLibrary.resolve("theorem5")
        let f = try config.lossFunction()
        let center = try config.resolvePoint("spurious-minimum")
        let (d1, d2) = try SliceDirections.make(f, center: center, choice: .random, seed: 0, orthogonalize: false)
        let grid = 2001
        let axis = sliceAxis(span: 1, count: grid)
        let values = try SlicePolynomial(f, center: center, d1: d1, d2: d2).grid(alphas: axis, betas: axis)
        let meta = SliceMetadata(kind: "plane", tool: "sparsescape-bench", config: config.name, networkHash: "", widths: config.architecture.widths,
                                 masks: [], center: center, direction1: d1, direction2: d2, directions: "random", orthogonalized: false,
                                 span: 1, range: nil, grid: grid, seed: 0, lossRange: [values.min()!, values.max()!], monotone: nil, barrierHeight: nil)
        let path = dir + "/slice.csv"
        let text = Timing.seconds { _ = SliceExport.planeCSV(alphas: axis, betas: axis, values: values) }
        let pair = try Timing.seconds {
            try SliceExport.writePlane(alphas: axis, betas: axis, values: values, labels: nil, metadata: meta, to: path)
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        var digest = ""
        let hash = Timing.seconds {
            var h = SHA256Digest()
            data.withUnsafeBytes { h.update($0) }
            digest = h.hexDigest()
        }
        var reference = ""
        let tool = try Timing.seconds {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["sha256sum", path]
            let pipe = Pipe()
            p.standardOutput = pipe
            try p.run()
            reference = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
        }
        let mb = Double(data.count) / 1e6
        print("7. Exporting a \(grid)×\(grid) slice (\(fmt(mb, 4)) MB of CSV) as a CSV + sidecar pair")
        print("   CSV text built in memory (no file)            : \(fmt(text, 3)) s")
        print("   pair streamed, SHA-256 while writing, fsynced : \(fmt(pair, 3)) s")
        print("   SHA-256 alone: SparseScape \(fmt(mb / hash, 3)) MB/s, sha256sum \(fmt(mb / tool, 3)) MB/s (incl. reading the file); digests \(reference.hasPrefix(digest) ? "agree" : "DIFFER")")
    }
}
