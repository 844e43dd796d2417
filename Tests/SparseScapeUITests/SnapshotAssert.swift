import Foundation
import Testing

/// Compares text with a pinned fixture under Snapshots/; UPDATE_SNAPSHOTS=1 rewrites the fixture instead.
///
/// Fixture files are named `.NAME.txt`: SwiftPM skips hidden files, so they cause no "unhandled file"
/// warning without an `exclude:` in Package.swift.
enum SnapshotAssert {
    /// The fixtures directory, found from this file's path.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    /// Checks `text` against `Snapshots/.NAME.txt`.
    static func check(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent("." + name + ".txt")
        if ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1" {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing snapshot \(url.path); run with UPDATE_SNAPSHOTS=1 to record it", sourceLocation: sourceLocation)
            return
        }
        if expected != text {
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let a = text.split(separator: "\n", omittingEmptySubsequences: false)
            var firstDiff = 0
            while firstDiff < min(e.count, a.count) && e[firstDiff] == a[firstDiff] { firstDiff += 1 }
            let exp = firstDiff < e.count ? String(e[firstDiff]) : "<end>"
            let act = firstDiff < a.count ? String(a[firstDiff]) : "<end>"
            Issue.record("snapshot \(name) differs at line \(firstDiff + 1):\nexpected: \(exp)\nactual:   \(act)", sourceLocation: sourceLocation)
        }
    }
}
