import Foundation
import SparseScapeCore

/// `slice --dirs pca:TRAJECTORY`: the plane of a trajectory's first two principal directions, with the trajectory
/// projected on it and its off-plane distance written beside the slice.
extension SliceCommand {
    /// A trajectory and its principal directions.
    struct PCAPlane {
        /// The trajectory file as given.
        var path: String
        /// Its points.
        var trajectory: Trajectory
        /// Its PCA around the slice's center.
        var analysis: TrajectoryPCA
    }

    /// The PCA plane when --dirs is pca:TRAJECTORY, else nil.
    func pcaPlane(_ config: NetworkConfig, center: [Double]) throws -> PCAPlane? {
        guard dirs.hasPrefix("pca:") else {
            if pcaUncentered { throw SparseScapeError("--pca-uncentered needs --dirs pca:TRAJECTORY") }
            return nil
        }
        let path = String(dirs.dropFirst(4))
        guard !path.isEmpty else { throw SparseScapeError("--dirs pca:TRAJECTORY needs a trajectory file (from train --trajectory FILE)") }
        guard dir1 == nil, dir2 == nil else { throw SparseScapeError("--dirs pca:TRAJECTORY and --dir1/--dir2 both give directions: choose one") }
        guard !line else { throw SparseScapeError("--dirs pca:TRAJECTORY gives a plane: drop --line") }
        let trajectory = try Trajectory.read(path, expectedCount: config.architecture.parameterCount)
        let analysis = try TrajectoryPCA(points: trajectory.points, center: center, centering: pcaUncentered ? .uncentered : .mean)
        return PCAPlane(path: path, trajectory: trajectory, analysis: analysis)
    }

    /// Projects the trajectory on the slice's plane and returns the sidecar's summary with the projected points
    /// (written to `x.trajectory.csv` with the slice's other outputs, `summary.trajectoryCSV`).
    func projectTrajectory(_ pca: PCAPlane, _ f: LossFunction, center: [Double], d1: [Double], d2: [Double],
                           plane: SlicePolynomial) throws -> (summary: TrajectoryPlaneSummary, plane: TrajectoryPlane) {
        let projected = try TrajectoryPlane(pca.trajectory, f, center: center, d1: d1, d2: d2, plane: plane)
        let file = TrajectoryPlane.path(forSlice: out)
        let summary = TrajectoryPlaneSummary(trajectory: pca.path, trajectoryCSV: file, pca: pca.analysis, plane: projected,
                                             lastPoint: pca.trajectory.points.last!)
        return (summary, projected)
    }

    /// The lines `slice` prints about a PCA plane.
    func pcaReport(_ s: TrajectoryPlaneSummary, _ projected: TrajectoryPlane) -> [String] {
        typealias N = NumberFormat
        var lines = ["PCA of \(s.trajectory) (\(s.points) points, " + (s.centering == "mean" ? "mean-centred differences from the center, as loss-landscape" : "uncentered differences from the center")
                     + "): explained variance \(N.g(100 * s.explainedVariance[0], 4))% along d1, \(N.g(100 * s.explainedVariance[1], 4))% along d2"]
        let worst = projected.points.max { $0.offPlane < $1.offPlane }!
        lines.append("trajectory on the plane: α in [\(N.g(s.alphaRange[0], 5)), \(N.g(s.alphaRange[1], 5))], β in [\(N.g(s.betaRange[0], 5)), \(N.g(s.betaRange[1], 5))]; "
                     + "off-plane distance up to \(N.g(s.maxOffPlane, 4)) (iteration \(worst.iteration), where the loss is \(N.g(worst.loss, 8)) but the plane shows \(N.g(worst.planeLoss, 8)))")
        let reach = max(abs(s.alphaRange[0]), abs(s.alphaRange[1]), abs(s.betaRange[0]), abs(s.betaRange[1]))
        if reach > span { lines.append("note: the trajectory reaches \(N.g(reach, 4)) from the center, beyond --span \(N.g(span)): widen --span to see all of it") }
        if s.centerOffset > 1e-9 * max(1, s.singularValues.first ?? 0) {
            lines.append("note: the center is \(N.g(s.centerOffset, 4)) away from the trajectory's last point (loss-landscape centres the plane on it: --point the final point)")
        }
        if s.recordedLossGap > 1e-8 {
            lines.append("note: the trajectory's recorded losses differ from this network's by up to \(N.g(s.recordedLossGap, 3)) (relative): was it recorded on another config?")
        }
        lines.append("wrote \(SafeText.escaped(s.trajectoryCSV)) (iteration, alpha, beta, off_plane, loss, plane_loss)")
        return lines
    }
}
