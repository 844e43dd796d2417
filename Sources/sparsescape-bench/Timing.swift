import Foundation

/// Wall-clock timing helpers for the benchmarks.
enum Timing {
    /// Seconds taken by `body`.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let t0 = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
    }

    /// The best of `n` timings (the least disturbed by the rest of the machine).
    static func bestOf(_ n: Int, _ body: () throws -> Void) rethrows -> Double {
        var best = Double.infinity
        for _ in 0..<n { best = min(best, try seconds(body)) }
        return best
    }
}

/// `%.{d}g`.
func fmt(_ x: Double, _ d: Int = 4) -> String { String(format: "%.\(d)g", x) }

/// Runs a baseline script from bench/ and returns its JSON output.
enum Baseline {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("bench")

    static func run(_ script: String, _ args: [String]) throws -> [String: Any] {
        let proc = Process()
        proc.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        proc.arguments = ["python3", directory.appendingPathComponent(script).path] + args
        let pipe = Pipe()
        proc.standardOutput = pipe
        try proc.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        proc.waitUntilExit()
        guard proc.terminationStatus == 0 else { throw BenchError("\(script) \(args.first ?? "") failed (is numpy installed?)") }
        if data.isEmpty { return [:] }
        guard let obj = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw BenchError("\(script): bad output") }
        return obj
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
