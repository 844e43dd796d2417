import Foundation

/// The records of a file of sweep lines, read as a killed sweep may have left it.
///
/// A sweep writes each record as one line ending in a newline, so a task killed half-way (preemption, a time
/// limit, SIGKILL) leaves complete lines, possibly followed by one partial line without its newline. That partial
/// line is dropped (its mask counts as not done) when it is the start of a record; a last line without a newline
/// that is a whole record is kept; anything else is refused like any line that is not a sweep record.
public struct SweepLinesFile: Sendable {
    /// The records, in file order.
    public let records: [SweepRecord]
    /// Where each record is: "SOURCE line N".
    public let locations: [String]
    /// Bytes to keep before appending: up to the last newline, or the whole data when its last line is a whole
    /// record without a newline (`endsWithoutNewline`).
    public let completeLength: Int
    /// True when the data ended in a partial record (no newline), which was dropped.
    public let droppedPartialLine: Bool
    /// True when the last kept line is a whole record that lacks its newline (append one before writing more).
    public let endsWithoutNewline: Bool

    /// How every record line starts (`SweepRecord.jsonLine` sorts its keys): a cut line starts the same way.
    static let recordStart = #"{"benign":"#

    /// Parses `data`; `source` names it in errors (already escaped for a message, e.g. by `SafeText.escaped`).
    public init(data: Data, source: String) throws {
        let bytes = [UInt8](data)
        let end = (bytes.lastIndex(of: UInt8(ascii: "\n"))).map { $0 + 1 } ?? 0
        let located = try SweepSummary.locatedRecords(fromLines: Data(bytes[..<end]), source: source)
        var records = located.map(\.record)
        var locations = located.map(\.location)
        let tail = String(decoding: bytes[end...], as: UTF8.self).trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\r")))
        let lineNumber = bytes[..<end].filter { $0 == UInt8(ascii: "\n") }.count + 1
        if tail.isEmpty {
            completeLength = end
            droppedPartialLine = false
            endsWithoutNewline = false
        } else if let record = try? SweepRecord.parse(tail, where: source) {
            records.append(record)
            locations.append("\(source) line \(lineNumber)")
            completeLength = bytes.count
            droppedPartialLine = false
            endsWithoutNewline = true
        } else if tail.hasPrefix(Self.recordStart) || Self.recordStart.hasPrefix(tail) {
            completeLength = end
            droppedPartialLine = true
            endsWithoutNewline = false
        } else {
            _ = try SweepRecord.parse(tail, where: "\(source) line \(lineNumber)")  // throws: not a sweep record
            throw SparseScapeError("\(source) line \(lineNumber): not a sweep record")
        }
        self.records = records
        self.locations = locations
    }

    /// Reads and parses the file at `path` (`FileReading` rules: its size is bounded, a missing file is named).
    public init(path: String) throws {
        try self.init(data: try FileReading.read(path), source: SafeText.escaped(path))
    }

    /// The mask indices present, checking that every record belongs to the sweep `sweepId`.
    public func indices(ofSweep sweepId: String, source: String) throws -> Set<Int> {
        var out = Set<Int>()
        for r in records {
            guard r.sweepId == sweepId else {
                throw SparseScapeError("\(source) holds records of another sweep (\(SafeText.quoted(r.sweepId)), this is \(sweepId)): "
                                       + "run the same config and options as the sweep that wrote it")
            }
            out.insert(r.index)
        }
        return out
    }

}
