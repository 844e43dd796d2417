import Foundation
import SparseScapeCore
import SparseScapeEngine
@testable import SparseScapeUI

/// An engine that records commands and serves a snapshot the test controls.
final class FakeEngine: EngineControlling, @unchecked Sendable {
    private let lock = NSLock()
    private var _snapshot: EngineSnapshot
    private var _commands: [EngineCommand] = []
    /// When set, exports throw this.
    var exportError: SparseScapeError?

    init(snapshot: EngineSnapshot = Fixtures.snapshot()) { _snapshot = snapshot }

    var snapshot: EngineSnapshot {
        get { lock.withLock { _snapshot } }
        set { lock.withLock { _snapshot = newValue } }
    }
    var commands: [EngineCommand] { lock.withLock { _commands } }

    func latestSnapshot() -> EngineSnapshot { snapshot }
    func send(_ command: EngineCommand) { lock.withLock { _commands.append(command) } }
    func exportSlice(directory: String) throws -> String {
        if let e = exportError { throw e }
        return directory + "/slice-1.csv"
    }
    func exportHistory(directory: String) throws -> String {
        if let e = exportError { throw e }
        return directory + "/history-1.csv"
    }
    func savePoint(directory: String) throws -> String {
        if let e = exportError { throw e }
        return directory + "/point-1.json"
    }
    func stop() {}
}

/// A terminal that replays queued events and keeps the frames it was given.
final class FakeBackend: TerminalBackend {
    var size: (width: Int, height: Int)
    var events: [InputEvent]
    var frames: [CellBuffer] = []
    var polls = 0

    init(width: Int = 120, height: Int = 40, events: [InputEvent] = []) {
        size = (width, height)
        self.events = events
    }

    func present(_ buffer: CellBuffer) { frames.append(buffer) }

    func nextEvent(timeoutMilliseconds: Int) -> InputEvent? {
        polls += 1
        if polls > 1000 { return .key(.ctrlC) }  // a safety net: a broken quit key must not hang the test run
        return events.isEmpty ? nil : events.removeFirst()
    }
}

extension InputEvent {
    /// A character key.
    static func char(_ c: Character) -> InputEvent { .key(.character(c)) }
}
