/// A trajectory seen in a slice plane: each point's coordinates (α, β), its distance from the plane, its loss and
/// the loss the slice shows at (α, β).
///
/// Plots of a trajectory on a PCA plane hide how far the path is from the plane; here it is reported at every
/// point (`off_plane`), together with the true loss and the plane's loss at the projection, which differ by as
/// much as the path leaves the plane.
public struct TrajectoryPlane: Sendable {
    /// One point of the trajectory.
    public struct Point: Equatable, Sendable {
        /// Its iteration.
        public var iteration: Int
        /// Least-squares coordinates in the plane c + α·d₁ + β·d₂.
        public var alpha: Double
        /// Second coordinate.
        public var beta: Double
        /// ‖θ − c − α·d₁ − β·d₂‖.
        public var offPlane: Double
        /// L(θ), recomputed on the network.
        public var loss: Double
        /// L(c + α·d₁ + β·d₂): what the slice shows there.
        public var planeLoss: Double
    }

    /// The points, in the trajectory's order.
    public let points: [Point]
    /// Largest |recorded loss − recomputed loss| / max(1, |loss|): about 10⁻¹⁶ when the trajectory was recorded on
    /// this network and data.
    public let recordedLossGap: Double

    /// Projects every point of `trajectory` on the plane center + span{d₁, d₂} of the slice `plane`.
    public init(_ trajectory: Trajectory, _ f: LossFunction, center: [Double], d1: [Double], d2: [Double],
                plane: SlicePolynomial) throws {
        guard trajectory.dimension == f.parameterCount else {
            throw SparseScapeError("the trajectory has \(trajectory.dimension) parameters but the network has \(f.parameterCount) free weights")
        }
        let projection = try TrajectoryProjection(center: center, d1: d1, d2: d2)
        var gap = 0.0
        points = trajectory.points.enumerated().map { i, theta in
            let (a, b, off) = projection.coordinates(of: theta)
            let loss = f.loss(theta)
            gap = max(gap, abs(trajectory.losses[i] - loss) / max(1, abs(loss)))
            return Point(iteration: trajectory.iterations[i], alpha: a, beta: b, offPlane: off, loss: loss, planeLoss: plane.value(a, b))
        }
        recordedLossGap = gap
    }

    /// CSV text with header `iteration,alpha,beta,off_plane,loss,plane_loss`, full precision.
    public func csv() -> String {
        var s = "iteration,alpha,beta,off_plane,loss,plane_loss\n"
        for p in points { s += "\(p.iteration),\(p.alpha),\(p.beta),\(p.offPlane),\(p.loss),\(p.planeLoss)\n" }
        return s
    }

    /// Where the projected trajectory of a slice CSV goes: `x.csv` → `x.trajectory.csv`.
    public static func path(forSlice csv: String) -> String {
        (csv.lowercased().hasSuffix(".csv") ? String(csv.dropLast(4)) : csv) + ".trajectory.csv"
    }
}

/// What a slice's sidecar says about a PCA plane and the trajectory drawn on it.
public struct TrajectoryPlaneSummary: Codable, Equatable, Sendable {
    /// The trajectory file the directions came from.
    public var trajectory: String
    /// The projected trajectory written beside the slice (iteration, alpha, beta, off_plane, loss, plane_loss).
    public var trajectoryCSV: String
    /// Points in the trajectory.
    public var points: Int
    /// "mean" (loss-landscape's PCA) or "uncentered".
    public var centering: String
    /// Fractions of the trajectory's variance along d₁ and d₂.
    public var explainedVariance: [Double]
    /// Singular values of the difference matrix, descending.
    public var singularValues: [Double]
    /// ‖c − last point‖: 0 when the slice is centred on the trajectory's end, as it should be.
    public var centerOffset: Double
    /// The trajectory's α and β ranges.
    public var alphaRange: [Double]
    /// β range.
    public var betaRange: [Double]
    /// Largest distance of a trajectory point from the plane.
    public var maxOffPlane: Double
    /// Largest |recorded − recomputed loss| / max(1, |loss|).
    public var recordedLossGap: Double

    /// The summary of `pca` and `plane` for a trajectory read from `trajectory` and written to `trajectoryCSV`.
    public init(trajectory: String, trajectoryCSV: String, pca: TrajectoryPCA, plane: TrajectoryPlane, lastPoint: [Double]) {
        self.trajectory = trajectory
        self.trajectoryCSV = trajectoryCSV
        points = plane.points.count
        centering = pca.centering.rawValue
        explainedVariance = pca.explainedVarianceRatio
        singularValues = pca.singularValues
        centerOffset = SliceDirections.norm(zip(pca.center, lastPoint).map { $0 - $1 })
        let alphas = plane.points.map(\.alpha), betas = plane.points.map(\.beta)
        alphaRange = [alphas.min() ?? 0, alphas.max() ?? 0]
        betaRange = [betas.min() ?? 0, betas.max() ?? 0]
        maxOffPlane = plane.points.map(\.offPlane).max() ?? 0
        recordedLossGap = plane.recordedLossGap
    }
}
