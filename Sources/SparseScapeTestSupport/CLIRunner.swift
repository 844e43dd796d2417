import Foundation

/// Runs the built `sparsescape` binary (or another program) and captures what a user would see.
public enum CLIRunner {
    /// The result of one invocation.
    public struct Outcome: Sendable {
        /// The exit status.
        public var status: Int32
        /// Everything written to standard output.
        public var stdout: String
        /// Everything written to standard error.
        public var stderr: String
    }

    /// The error of a program that did not exit within its time limit (it is killed).
    public struct TimeoutError: Error {
        /// The arguments it was run with.
        public let args: [String]
    }

    /// The binary: $SPARSESCAPE_BIN, else next to the test bundle in the build folder.
    public static let binary: String = {
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
    ///
    /// The exit is awaited on the process's termination handler (a semaphore with a deadline), not by polling;
    /// both pipes are drained concurrently so a chatty process cannot block on a full pipe.
    public static func run(_ args: [String], in directory: String? = nil, timeout: Double = 120,
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
        let exited = DispatchSemaphore(value: 0)
        p.terminationHandler = { _ in exited.signal() }
        try p.run()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        let group = DispatchGroup()
        group.enter(); DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter(); DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            p.terminate()
            if exited.wait(timeout: .now() + 10) == .timedOut {
                kill(p.processIdentifier, SIGKILL)
                exited.wait()
            }
            throw TimeoutError(args: args)
        }
        group.wait()
        return Outcome(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                       stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh temporary directory.
    public static func tempDir() throws -> String {
        let d = NSTemporaryDirectory() + "sparsescape-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }
}
