import Foundation

/// An optimizer's saved path: the iterates of a training run with their iteration numbers and losses.
///
/// File format (CSV, written by `train --trajectory`): a header `iteration,loss,p1,…,pn`, then one row per
/// recorded iterate, iterations strictly increasing, parameters in the canonical order, every number in the
/// shortest form that reads back to the same double.
public struct Trajectory: Equatable, Sendable {
    /// Iteration (step) of each recorded point, strictly increasing.
    public var iterations: [Int]
    /// Loss at each recorded point.
    public var losses: [Double]
    /// The recorded parameter vectors (canonical order), all of the same length.
    public var points: [[Double]]

    /// A trajectory; the three arrays must have the same length, the points the same dimension.
    public init(iterations: [Int], losses: [Double], points: [[Double]]) throws {
        guard iterations.count == losses.count, losses.count == points.count else {
            throw SparseScapeError("a trajectory needs as many iterations, losses and points (\(iterations.count), \(losses.count), \(points.count))")
        }
        guard let n = points.first?.count, points.allSatisfy({ $0.count == n }) else {
            throw SparseScapeError(points.isEmpty ? "a trajectory needs at least one point" : "the trajectory's points have different lengths")
        }
        for i in 1..<max(1, iterations.count) where iterations[i] <= iterations[i - 1] {
            throw SparseScapeError("trajectory iterations must increase: \(iterations[i - 1]) is followed by \(iterations[i])")
        }
        self.iterations = iterations
        self.losses = losses
        self.points = points
    }

    /// Number of parameters of each point.
    public var dimension: Int { points.first?.count ?? 0 }

    /// The CSV text (header `iteration,loss,p1,…,pn`).
    public func csv() -> String {
        var s = "iteration,loss"
        for i in 0..<dimension { s += ",p\(i + 1)" }
        s += "\n"
        s.reserveCapacity(points.count * (dimension + 2) * 22)
        for (k, p) in points.enumerated() {
            s += "\(iterations[k]),\(losses[k])"
            for v in p { s += ","; s += "\(v)" }
            s += "\n"
        }
        return s
    }

    /// Writes the CSV atomically, a row at a time (the text of a long trajectory is never built whole in memory).
    public func write(to path: String) throws {
        try AtomicFile.write(to: path) { file in
            var header = "iteration,loss"
            for i in 0..<dimension { header += ",p\(i + 1)" }
            try file.write(header + "\n")
            var row = ""
            for (k, p) in points.enumerated() {
                row.removeAll(keepingCapacity: true)
                row += "\(iterations[k]),\(losses[k])"
                for v in p { row += ","; row += "\(v)" }
                row += "\n"
                try file.write(row)
            }
        }
    }

    /// Bytes a trajectory of `points` points of `dimension` parameters takes while it is recorded and written (each
    /// point an array of its own: its values and about 96 bytes of headers and bookkeeping); nil on overflow.
    public static func memoryNeeded(points: Int, dimension: Int) -> Int? {
        MemoryBudget.product([points, 8 * max(0, dimension) + 96])
    }

    /// Reads a trajectory CSV; `expectedCount` (the network's free weights) is checked when given.
    public static func read(_ path: String, expectedCount: Int? = nil) throws -> Trajectory {
        guard let text = String(data: try FileReading.read(path), encoding: .utf8) else { throw SparseScapeError("\(SafeText.excerpt(path, limit: 200)): not text") }
        var lines = text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        guard !lines.isEmpty else { throw SparseScapeError("\(SafeText.excerpt(path, limit: 200)): empty; a trajectory file starts with the header iteration,loss,p1,…,pn") }
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard header.count >= 3, header[0] == "iteration", header[1] == "loss",
              header.dropFirst(2).enumerated().allSatisfy({ $0.element == "p\($0.offset + 1)" }) else {
            throw SparseScapeError("\(SafeText.excerpt(path, limit: 200)): not a trajectory file: the header must be iteration,loss,p1,…,pn", remedy: .useFileWrittenBy(.trainingTrajectory))
        }
        let n = header.count - 2
        if let expectedCount, n != expectedCount {
            throw SparseScapeError("\(SafeText.excerpt(path, limit: 200)): the trajectory has \(n) parameters but the network has \(expectedCount) free weights")
        }
        var iterations: [Int] = [], losses: [Double] = [], points: [[Double]] = []
        iterations.reserveCapacity(lines.count); losses.reserveCapacity(lines.count); points.reserveCapacity(lines.count)
        for (r, line) in lines.enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == n + 2 else {
                throw SparseScapeError("\(SafeText.excerpt(path, limit: 200)): row \(r + 2) has \(fields.count) fields, expected \(n + 2)")
            }
            guard let it = Int(fields[0].trimmingCharacters(in: .whitespaces)), it >= 0 else {
                throw SparseScapeError("\(SafeText.excerpt(path, limit: 200)): row \(r + 2): iteration \(SafeText.quoted(fields[0])) is not a non-negative integer")
            }
            var values = [Double](repeating: 0, count: n + 1)
            for j in 1..<(n + 2) {
                guard let v = Double(fields[j].trimmingCharacters(in: .whitespaces)), v.isFinite else {
                    throw SparseScapeError("\(SafeText.excerpt(path, limit: 200)): row \(r + 2), column \(SafeText.excerpt(header[j])): \(SafeText.quoted(fields[j])) is not a finite number")
                }
                values[j - 1] = v
            }
            iterations.append(it)
            losses.append(values[0])
            points.append(Array(values[1...]))
        }
        guard !points.isEmpty else { throw SparseScapeError("\(SafeText.excerpt(path, limit: 200)): the trajectory has no points") }
        do { return try Trajectory(iterations: iterations, losses: losses, points: points) } catch let e as SparseScapeError {
            throw SparseScapeError("\(SafeText.excerpt(path, limit: 200)): \(e.message)")
        }
    }
}

extension TrajectorySchedule {
    /// The most points a run of `steps` steps records on this schedule, the final point included (fewer when the
    /// run stops early).
    public func pointCount(steps: Int) -> Int {
        let n = max(0, steps)
        switch self {
        case .every(let k):
            let k = max(1, k)
            return n / k + 1 + (n % k == 0 ? 0 : 1)
        case .logSpaced(let d):
            var values: Set<Int> = [0]
            if n >= 1 { values.insert(1) }
            var j = 0.0
            while true {
                let v = Self.logPoint(j, d)
                if v > n { break }
                values.insert(v)
                j += 1
            }
            return values.count + (values.contains(n) ? 0 : 1)
        }
    }
}
