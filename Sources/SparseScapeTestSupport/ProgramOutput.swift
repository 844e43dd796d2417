import Foundation

/// Runs a helper program to completion and returns its standard output.
public enum ProgramOutput {
    /// A helper program that failed (non-zero status) or produced something unusable.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong.
        public let description: String
    }

    /// The standard output of `program args…`; throws on a non-zero status. Standard error is discarded.
    public static func of(_ program: String, _ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: program)
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw Failure(description: "\(program) \(args.joined(separator: " ")): status \(p.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
