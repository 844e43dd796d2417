import SparseScapeCore

/// A computed 2-D loss slice ready to draw (values on a grid × grid lattice, α outer, β inner).
public struct SliceSnapshot: Equatable, Sendable {
    /// Points per axis.
    public var grid: Int
    /// Half-width of the plane.
    public var span: Double
    /// Loss values, `values[i * grid + j]` at (α_i, β_j); all finite.
    public var values: [Double]
    /// How the directions were chosen ("random", "normalized", "hessian", "toward:best").
    public var directions: String
    /// The plane's center and directions (canonical parameter order), for export.
    public var center: [Double]
    /// First direction.
    public var d1: [Double]
    /// Second direction.
    public var d2: [Double]
    /// Coordinates (α, β) of the current point in the plane.
    public var current: SlicePoint
    /// The recent optimizer path projected onto the plane, oldest first.
    public var path: [SlicePoint]
    /// The best-known minimum's coordinates, when known.
    public var bestKnown: SlicePoint?
    /// True when the plane is frozen (not following the current point).
    public var frozen: Bool
    /// The iteration whose point the plane was built around.
    public var builtAtIteration: Int
    /// A minimum-energy path projected on the plane (empty unless the plane was built through one), start first.
    public var energyPath: [SlicePoint] = []
    /// The path's saddle on the plane, when there is one.
    public var saddle: SlicePoint?
    /// Basins of attraction on this plane (basin mode, `b`), when computed.
    public var basins: BasinOverlay?

    /// All fields.
    public init(grid: Int, span: Double, values: [Double], directions: String, center: [Double], d1: [Double], d2: [Double],
                current: SlicePoint, path: [SlicePoint], bestKnown: SlicePoint?, frozen: Bool, builtAtIteration: Int) {
        self.grid = grid; self.span = span; self.values = values; self.directions = directions; self.center = center
        self.d1 = d1; self.d2 = d2; self.current = current; self.path = path; self.bestKnown = bestKnown
        self.frozen = frozen; self.builtAtIteration = builtAtIteration
    }
}

/// A point in slice coordinates.
public struct SlicePoint: Equatable, Sendable {
    /// First coordinate.
    public var alpha: Double
    /// Second coordinate.
    public var beta: Double

    /// A point.
    public init(alpha: Double, beta: Double) {
        self.alpha = alpha
        self.beta = beta
    }
}

/// An immutable picture of the engine at one moment, published to the UI.
public struct EngineSnapshot: Sendable {
    /// Increases with every published snapshot (the UI redraws only when it changed).
    public var version: Int
    /// The network's name.
    public var name: String
    /// Widths and the current masks.
    public var architecture: NetworkArchitecture
    /// Each weight position's state (pruned, useless, live) under the current masks, computed once per mask.
    public var edgeStates: EdgeStateMap
    /// Current parameters (canonical order).
    public var params: [Double]
    /// Optimizer iteration count.
    public var iteration: Int
    /// Current loss.
    public var loss: Double
    /// Current gradient norm.
    public var gradientNorm: Double
    /// The optimizer and its step size.
    public var optimizer: OptimizerKind
    /// Step size.
    public var learningRate: Double
    /// True while the optimizer is stepping.
    public var running: Bool
    /// Why it is not stepping, when it is not.
    public var pauseReason: PauseReason?
    /// The pace of the descent.
    public var speed: DescentSpeed
    /// The verdict for the status line.
    public var verdict: EngineVerdict
    /// The certificate of the current point (nil as soon as the point changes, until the new one arrives).
    public var certificate: Certificate?
    /// True while a certificate of the current point is being computed.
    public var certifying: Bool
    /// Pruned edges whose revival turns the current minimum into a saddle (a way down opens), most promising first.
    public var regrowHints: [RegrowEdge]
    /// The best-known point (lowest loss seen: closed form, preset points, searches, the run itself).
    public var bestKnown: KnownPoint?
    /// Loss history, downsampled (early steps and the steps after every mask change kept).
    public var history: [HistoryPoint]
    /// Iterations at which the mask changed.
    public var maskChanges: [Int]
    /// The latest slice, when one has been computed.
    public var slice: SliceSnapshot?
    /// The latest minimum-energy path to the best known minimum (dropped when the point moves on).
    public var energyPath: EnergyPathSummary?
    /// Background computations running now.
    public var background: BackgroundWork
    /// The latest event, for the status line.
    public var event: EngineEvent?
    /// Optimizer steps per second over the last second.
    public var stepsPerSecond: Double
    /// Which theorem applies to the current mask and data.
    public var theory: TheoryAssessment?
    /// True when `u` can undo a toggle.
    public var canUndo: Bool
    /// The fraction of live weights the pruning key removes.
    public var pruneFraction: Double

    /// A snapshot of a point with nothing computed yet (no certificate, slice, path or events).
    public init(name: String, architecture: NetworkArchitecture, params: [Double], iteration: Int, loss: Double,
                gradientNorm: Double, optimizer: OptimizerKind, learningRate: Double, running: Bool, verdict: EngineVerdict,
                speed: DescentSpeed = .standard, history: [HistoryPoint] = [], edgeStates: EdgeStateMap? = nil) {
        version = 0
        self.name = name; self.architecture = architecture; self.edgeStates = edgeStates ?? EdgeStateMap(architecture); self.params = params
        self.iteration = iteration; self.loss = loss; self.gradientNorm = gradientNorm; self.optimizer = optimizer
        self.learningRate = learningRate; self.running = running; pauseReason = running ? nil : .user; self.speed = speed
        self.verdict = verdict; certificate = nil; certifying = false; regrowHints = []; bestKnown = nil; self.history = history
        maskChanges = []; slice = nil; energyPath = nil; background = BackgroundWork(); event = nil; stepsPerSecond = 0
        theory = nil; canUndo = false; pruneFraction = 0.2
    }
}

/// Which background computations are running.
public struct BackgroundWork: Equatable, Sendable {
    /// A multi-start search (`S`).
    public var search = false
    /// A minimum-energy path (`P`).
    public var path = false
    /// A basin map of the slice's plane (`b`).
    public var basins = false

    /// Nothing running.
    public init() {}
}
