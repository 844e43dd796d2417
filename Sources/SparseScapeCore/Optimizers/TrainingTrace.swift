/// A training run's loss and gradient norm, sampled log-spaced in the iterations: every early step, then about 230
/// points per decade, and always the last iterate, so a run of any length stays small and draws well on a log axis.
public struct TrainingTrace: Sendable, Equatable {
    /// One sample.
    public struct Point: Sendable, Equatable {
        /// The step number (0 = the start).
        public var step: Int
        /// The loss there.
        public var loss: Double
        /// The gradient norm there.
        public var gradientNorm: Double

        /// A sample.
        public init(step: Int, loss: Double, gradientNorm: Double) {
            self.step = step
            self.loss = loss
            self.gradientNorm = gradientNorm
        }
    }

    /// Points per e-fold of steps once past the first `density` steps (about 230 per decade).
    public static let density = 100

    /// The recorded samples, without the latest unscheduled one.
    private var kept: [Point] = []
    /// The latest iterate when it was not scheduled (kept so that the run's end is always drawn).
    private var latest: Point? = nil
    /// The next step that is kept.
    private var nextStep = 0

    /// An empty trace.
    public init() {}

    /// Records an iterate (steps in increasing order, as `Trainer.train`'s `observe` gives them).
    public mutating func record(step: Int, loss: Double, gradientNorm: Double) {
        let p = Point(step: step, loss: loss, gradientNorm: gradientNorm)
        if step >= nextStep {
            kept.append(p)
            latest = nil
            nextStep = step + max(1, step / Self.density)
        } else {
            latest = p
        }
    }

    /// The samples, oldest first, the last iterate included.
    public var points: [Point] {
        if let latest { return kept + [latest] }
        return kept
    }
}
