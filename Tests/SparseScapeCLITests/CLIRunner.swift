import Foundation

/// Runs the built `sparsescape` binary and captures what a user would see.
struct CLIRunner {
    /// The result of one invocation.
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The binary: $SPARSESCAPE_BIN, else next to the test bundle in the build folder.
    static let binary: String = {
        if let env = ProcessInfo.processInfo.environment["SPARSESCAPE_BIN"] { return env }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("sparsescape").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return Bundle.main.bundleURL.appendingPathComponent("sparsescape").path
    }()

    /// Runs `sparsescape args…` (or another `executable`) in `directory`, killing it after `timeout` seconds.
    static func run(_ args: [String], in directory: String? = nil, timeout: Double = 120,
                    environment: [String: String] = [:], executable: String? = nil) throws -> Outcome {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable ?? binary)
        p.arguments = args
        if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(timeout)
        // Drain pipes concurrently so a chatty process cannot block on a full pipe.
        nonisolated(unsafe) var outData = Data(), errData = Data()
        let group = DispatchGroup()
        group.enter(); DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter(); DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        while p.isRunning && Date() < deadline { usleep(10_000) }
        if p.isRunning { p.terminate(); p.waitUntilExit(); throw TimeoutError(args: args) }
        p.waitUntilExit()
        group.wait()
        return Outcome(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                       stderr: String(decoding: errData, as: UTF8.self))
    }

    struct TimeoutError: Error { let args: [String] }

    /// A fresh temporary directory.
    static func tempDir() throws -> String {
        let d = NSTemporaryDirectory() + "sparsescape-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }
}
