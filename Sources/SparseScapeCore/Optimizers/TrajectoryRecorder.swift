import Foundation

/// Which iterations of a training run a trajectory keeps.
public enum TrajectorySchedule: Equatable, Sendable {
    /// Iterations 0, k, 2k, ….
    case every(Int)
    /// Iteration 0 and the distinct round(10^(j/perDecade)), j = 0, 1, …: with 10 per decade 1, 2, 3, 4, 5, 6, 8,
    /// 10, 13, 16, 20, 25, 32, 40, 50, 63, 79, 100, … (dense where the optimizer moves most, about 50 points for 10⁴ steps).
    case logSpaced(perDecade: Int)

    /// The default: log-spaced, 10 points per decade.
    public static let standard = TrajectorySchedule.logSpaced(perDecade: 10)

    /// Checks the parameter (k ≥ 1, 1 ≤ perDecade ≤ 1000).
    public func validated() throws -> TrajectorySchedule {
        switch self {
        case .every(let k): guard k >= 1 else { throw SparseScapeError("a trajectory's stride must be at least 1, got \(k)") }
        case .logSpaced(let d): guard d >= 1, d <= 1000 else { throw SparseScapeError("log-spaced trajectories need 1 to 1000 points per decade, got \(d)") }
        }
        return self
    }

    /// True when `step` is recorded.
    public func includes(_ step: Int) -> Bool {
        guard step >= 0 else { return false }
        switch self {
        case .every(let k): return k > 0 && step % k == 0
        case .logSpaced(let d):
            if step <= 1 { return true }
            let j = (Double(d) * log10(Double(step))).rounded()
            return [j - 1, j, j + 1].contains { Self.logPoint($0, d) == step }
        }
    }

    /// round(10^(j/d)).
    static func logPoint(_ j: Double, _ d: Int) -> Int {
        j < 0 ? 0 : Int(pow(10, j / Double(d)).rounded())
    }

    /// A short description for reports.
    public var summary: String {
        switch self {
        case .every(let k): return k == 1 ? "every iteration" : "every \(k) iterations"
        case .logSpaced(let d): return "log-spaced, \(d) per decade"
        }
    }
}

/// Records the iterates of a training run on a schedule, for `train --trajectory`.
///
/// Pass `observe` as the trainer's observer, then `finish` with the result: the final point is always kept, so a
/// trajectory ends where the run ended (the center of a PCA slice).
public final class TrajectoryRecorder {
    /// The schedule.
    public let schedule: TrajectorySchedule
    private let dimension: Int
    private var iterations: [Int] = []
    private var losses: [Double] = []
    private var points: [[Double]] = []

    /// A recorder for points of `dimension` parameters.
    public init(dimension: Int, schedule: TrajectorySchedule = .standard) throws {
        self.schedule = try schedule.validated()
        self.dimension = dimension
    }

    /// The observer: keeps the iterate when the schedule includes its step.
    public func observe(_ step: Int, _ loss: Double, _ gradientNorm: Double, _ params: UnsafePointer<Double>) {
        guard schedule.includes(step), iterations.last.map({ $0 < step }) ?? true else { return }
        iterations.append(step)
        losses.append(loss)
        points.append(Array(UnsafeBufferPointer(start: params, count: dimension)))
    }

    /// The trajectory, ending with the run's final point.
    public func finish(_ result: TrainingResult) throws -> Trajectory {
        var it = iterations, ls = losses, ps = points
        if it.last != result.steps {
            it.append(result.steps); ls.append(result.loss); ps.append(result.params)
        }
        return try Trajectory(iterations: it, losses: ls, points: ps)
    }
}
