import Foundation
import Testing
@testable import SparseScapeCore
import SparseScapeTestSupport

/// Trajectories (recording, file format) and the PCA plane of `slice --dirs pca:`, checked against NumPy's SVD
/// and against direct computations of the projection.
@Suite struct PCADirectionsTests {
    /// python3 with NumPy, when this machine has it.
    static let numpy = PythonProbe.numpy

    /// A gradient-descent run on a random sparse network, recorded every 3 steps (41 points, 60 weights).
    static func run() throws -> (f: LossFunction, trajectory: Trajectory) {
        let f = try TestNetworks.random(widths: [8, 6, 4], density: 0.8, samples: 20, seed: 41)
        let recorder = try TrajectoryRecorder(dimension: f.parameterCount, schedule: .every(3))
        let result = try Trainer.train(f, start: TestNetworks.point(f, seed: 3, scale: 0.5), settings: try OptimizerSettings(kind: .gd, learningRate: 0.01),
                                       rules: try StoppingRules(maxSteps: 120, gradientTolerance: 0), observer: recorder.observe)
        return (f, try recorder.finish(result))
    }

    @Test func theLogScheduleIsDenseEarlyAndTheRecorderKeepsTheFinalPoint() throws {
        #expect((0...100).filter { TrajectorySchedule.standard.includes($0) } == [0, 1, 2, 3, 4, 5, 6, 8, 10, 13, 16, 20, 25, 32, 40, 50, 63, 79, 100])
        #expect((0...20).filter { TrajectorySchedule.every(7).includes($0) } == [0, 7, 14])
        #expect(TrajectorySchedule.standard.includes(10_000) && !TrajectorySchedule.standard.includes(10_001))
        #expect(throws: SparseScapeError.self) { try TrajectoryRecorder(dimension: 3, schedule: .every(0)) }
        let (f, t) = try Self.run()
        #expect(t.iterations == Array(stride(from: 0, through: 120, by: 3)))
        #expect(t.points.count == 41 && t.dimension == f.parameterCount)
        // Each recorded loss belongs to its recorded point.
        for (loss, p) in zip(t.losses, t.points) { #expect(abs(loss - f.loss(p)) <= 1e-12 * max(1, loss)) }
        #expect(t.losses.last! < t.losses.first!)
        // A run that stops between scheduled iterations still ends with its final point.
        let recorder = try TrajectoryRecorder(dimension: f.parameterCount, schedule: .every(50))
        let r = try Trainer.train(f, start: t.points[0], settings: try OptimizerSettings(kind: .gd, learningRate: 0.01),
                                  rules: try StoppingRules(maxSteps: 77, gradientTolerance: 0), observer: recorder.observe)
        let u = try recorder.finish(r)
        #expect(u.iterations == [0, 50, 77] && u.points.last! == r.params && u.losses.last! == r.loss)
    }

    @Test func trajectoryFilesRoundTripAndBadOnesAreRefused() throws {
        let (f, t) = try Self.run()
        let dir = NSTemporaryDirectory() + "sparsescape-pca-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/t.csv"
        try t.write(to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("iteration,loss,p1,p2,") && text.split(separator: "\n").first!.hasSuffix(",p\(f.parameterCount)"))
        #expect(try Trajectory.read(path, expectedCount: f.parameterCount) == t)   // bit for bit
        func refused(_ body: String, expected: Int? = nil) -> String {
            try? body.write(toFile: dir + "/bad.csv", atomically: true, encoding: .utf8)
            do { _ = try Trajectory.read(dir + "/bad.csv", expectedCount: expected); return "" } catch { return "\(error)" }
        }
        #expect(refused("alpha,beta,loss\n1,2,3\n").contains("header must be iteration,loss,p1"))
        #expect(refused("iteration,loss,p1,p2\n0,1,2,3\n", expected: 3).contains("2 parameters but the network has 3"))
        #expect(refused("iteration,loss,p1,p2\n0,1,2,3\n0,1,2,3\n").contains("must increase"))
        #expect(refused("iteration,loss,p1,p2\n0,1,2\n").contains("row 2 has 3 fields"))
        #expect(refused("iteration,loss,p1,p2\n0,1,x,3\n").contains("column p1: 'x'"))
        #expect(refused("iteration,loss,p1,p2\n").contains("no points"))
    }

    @Test(.enabled(if: PCADirectionsTests.numpy, "python3 with NumPy is not available"))
    func directionsAndExplainedVarianceMatchNumPysSVD() throws {
        let (_, t) = try Self.run()
        let dir = NSTemporaryDirectory() + "sparsescape-pca-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try t.write(to: dir + "/t.csv")
        // loss-landscape's recipe in NumPy: differences from the last point, mean-centred (sklearn's PCA), SVD.
        let script = """
            import json, sys, numpy as np
            a = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1)
            d = a[:, 2:] - a[-1, 2:]
            out = {}
            for name, m in (("mean", d - d.mean(axis=0)), ("uncentered", d)):
                u, s, vt = np.linalg.svd(m, full_matrices=False)
                out[name] = {"d1": vt[0].tolist(), "d2": vt[1].tolist(), "ratio": (s[:2] ** 2 / (s ** 2).sum()).tolist(), "s": s.tolist()}
            print(json.dumps(out))
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, dir + "/t.csv"]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let reference = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: [Double]]])
        for centering in [TrajectoryPCA.Centering.mean, .uncentered] {
            let pca = try TrajectoryPCA(points: t.points, center: t.points.last!, centering: centering)
            let r = try #require(reference[centering.rawValue])
            for (mine, theirs) in [(pca.d1, r["d1"]!), (pca.d2, r["d2"]!)] {
                let cosine = abs(SliceDirections.dot(mine, theirs))   // up to sign
                #expect(abs(cosine - 1) <= 1e-9, "\(centering): |cos| = \(cosine)")
                #expect(abs(SliceDirections.norm(mine) - 1) <= 1e-12)
            }
            #expect(abs(SliceDirections.dot(pca.d1, pca.d2)) <= 1e-12)
            for k in 0..<2 { #expect(abs(pca.explainedVarianceRatio[k] - r["ratio"]![k]) <= 1e-10, "\(centering) ratio \(k)") }
            let s = r["s"]!
            #expect(pca.singularValues.count == s.count)
            for k in 0..<s.count { #expect(abs(pca.singularValues[k] - s[k]) <= 1e-10 * s[0]) }
            // Signed so that the path starts at α, β ≤ 0 and runs toward the center.
            let start = zip(t.points[0], t.points.last!).map { $0 - $1 }
            #expect(SliceDirections.dot(start, pca.d1) <= 0 && SliceDirections.dot(start, pca.d2) <= 0)
        }
        // Mean-centred directions do not depend on the center; uncentered ones do.
        let shifted = t.points[20]
        #expect(try TrajectoryPCA(points: t.points, center: shifted).explainedVarianceRatio
                == TrajectoryPCA(points: t.points, center: t.points.last!).explainedVarianceRatio)
    }

    @Test func offPlaneDistancesAndLossesMatchADirectComputation() throws {
        let (f, t) = try Self.run()
        let c = t.points.last!
        for centering in [TrajectoryPCA.Centering.mean, .uncentered] {
            let pca = try TrajectoryPCA(points: t.points, center: c, centering: centering)
            let plane = try TrajectoryPlane(t, f, center: c, d1: pca.d1, d2: pca.d2,
                                            plane: try SlicePolynomial(f, center: c, d1: pca.d1, d2: pca.d2))
            #expect(plane.points.count == t.points.count)
            #expect(plane.recordedLossGap <= 1e-14)
            var totalSquared = 0.0
            for (p, theta) in zip(plane.points, t.points) {
                let r = zip(theta, c).map { $0 - $1 }
                let a = SliceDirections.dot(r, pca.d1), b = SliceDirections.dot(r, pca.d2)
                let residual = (0..<r.count).map { r[$0] - a * pca.d1[$0] - b * pca.d2[$0] }
                let off = SliceDirections.norm(residual)
                #expect(abs(p.alpha - a) <= 1e-12 * max(1, abs(a)) && abs(p.beta - b) <= 1e-12 * max(1, abs(b)))
                #expect(abs(p.offPlane - off) <= 1e-9 * max(1e-6, off), "off-plane \(p.offPlane) vs \(off)")
                #expect(p.loss == f.loss(theta))
                let projected = (0..<c.count).map { c[$0] + a * pca.d1[$0] + b * pca.d2[$0] }
                #expect(abs(p.planeLoss - f.loss(projected)) <= 1e-9 * max(1, p.planeLoss))
                totalSquared += off * off
            }
            #expect(plane.points.last!.offPlane == 0 && plane.points.last!.alpha == 0)
            #expect(plane.points.first!.offPlane > 1e-4, "a 2-D plane cannot hold this 60-dimensional path")
            if centering == .uncentered {
                // Eckart–Young: the plane through c closest to the path leaves exactly the other singular values.
                let rest = pca.singularValues.dropFirst(2).reduce(0) { $0 + $1 * $1 }
                #expect(abs(totalSquared - rest) <= 1e-9 * max(rest, 1e-12), "Σ off² \(totalSquared) vs Σ_{k>2} s² \(rest)")
            }
            let csv = plane.csv().split(separator: "\n")
            #expect(csv.first == "iteration,alpha,beta,off_plane,loss,plane_loss" && csv.count == t.points.count + 1)
        }
        #expect(TrajectoryPlane.path(forSlice: "dir/plane.csv") == "dir/plane.trajectory.csv")
    }

    @Test func degenerateTrajectoriesAreRefused() throws {
        let c = [0.0, 0, 0]
        let onALine = [[1.0, 2, 3], [2.0, 4, 6], [0.5, 1, 1.5], c]
        #expect(throws: SparseScapeError("the trajectory's points lie on a line: there is no second principal direction")) {
            try TrajectoryPCA(points: onALine, center: c, centering: .uncentered)
        }
        #expect(throws: SparseScapeError("the trajectory does not move: every point equals the center")) {
            try TrajectoryPCA(points: [c, c, c], center: c)
        }
        #expect(throws: SparseScapeError("the trajectory has 2 points: a PCA plane needs at least 3")) {
            try TrajectoryPCA(points: [[1, 0, 0], c], center: c)
        }
        // Two independent moves span the plane exactly: nothing off it, all the variance explained.
        let pca = try TrajectoryPCA(points: [[1, 0, 0], [1, 2, 0], c], center: c, centering: .uncentered)
        #expect(abs(pca.explainedVarianceRatio.reduce(0, +) - 1) <= 1e-12)
        #expect(abs(pca.d1[2]) <= 1e-12 && abs(pca.d2[2]) <= 1e-12)
    }
}
