import Foundation
import Testing
@testable import SparseScapeCore

/// Exact slices: the polynomial against direct evaluation, directions, export round-trips, projections.
@Suite struct SliceTests {
    static let shapes: [[Int]] = [[4, 3], [4, 3, 2], [3, 4, 3, 2], [3, 2, 3, 2, 2]]

    @Test(arguments: shapes.indices)
    func polynomialEqualsDirectEvaluation(_ s: Int) throws {
        let f = try TestNetworks.random(widths: Self.shapes[s], samples: 30, seed: 1000 + UInt64(s))
        let c = TestNetworks.point(f, seed: 1)
        let d1 = TestNetworks.point(f, seed: 2), d2 = TestNetworks.point(f, seed: 3)
        let poly = try SlicePolynomial(f, center: c, d1: d1, d2: d2)
        #expect(poly.degree == 2 * f.architecture.depth)
        var g = SeededGenerator(seed: 99)
        for _ in 0..<25 {
            let a = 3 * (g.uniform() - 0.5), b = 3 * (g.uniform() - 0.5)
            let theta = (0..<c.count).map { c[$0] + a * d1[$0] + b * d2[$0] }
            let direct = f.residualLoss(theta)
            #expect(abs(poly.value(a, b) - direct) <= 1e-9 * max(direct, 1e-12), "depth \(f.architecture.depth): \(poly.value(a, b)) vs \(direct)")
        }
        // The grid evaluation agrees with pointwise evaluation and is laid out α outer, β inner.
        let axis = sliceAxis(span: 1.2, count: 7)
        let values = poly.grid(alphas: axis, betas: axis)
        for i in 0..<7 { for j in 0..<7 {
            #expect(abs(values[i * 7 + j] - poly.value(axis[i], axis[j])) <= 1e-12 * max(1, abs(values[i * 7 + j])))
        } }
        #expect(axis.first == -1.2 && axis.last == 1.2 && axis[3] == 0)
    }

    @Test func directionsRespectMasksAndNormalisation() throws {
        let f = try TestNetworks.random(widths: [5, 4, 3], density: 0.5, seed: 31)
        let arch = f.architecture
        let c = TestNetworks.point(f, seed: 5)
        for choice in [DirectionChoice.random, .normalized, .hessian(first: nil, second: nil), .gradient] {
            let (d1, d2) = try SliceDirections.make(f, center: c, choice: choice, seed: 4, orthogonalize: false)
            #expect(d1.count == f.parameterCount && d2.count == f.parameterCount)
            // Any point of the plane keeps pruned weights at exactly zero.
            let w = arch.weights(from: (0..<c.count).map { c[$0] + 0.7 * d1[$0] - 1.3 * d2[$0] })
            for l in 0..<arch.depth { for k in arch.masks[l].indices where !arch.masks[l][k] { #expect(w[l].data[k] == 0) } }
        }
        // Neuron normalisation: each neuron's incoming block has the norm of the center's block.
        let (n1, _) = try SliceDirections.make(f, center: c, choice: .normalized, seed: 4, orthogonalize: false)
        for l in 0..<arch.depth {
            let cols = arch.widths[l + 1]
            for j in 0..<cols {
                let idx = arch.freePositions[l].enumerated().filter { $0.element % cols == j }.map { arch.parameterOffsets[l] + $0.offset }
                let dn = idx.reduce(0.0) { $0 + n1[$1] * n1[$1] }.squareRoot()
                let cn = idx.reduce(0.0) { $0 + c[$1] * c[$1] }.squareRoot()
                #expect(abs(dn - cn) <= 1e-12 * max(1, cn))
            }
        }
        // Random directions have unit norm; Gram–Schmidt makes d2 ⟂ d1 and keeps its length.
        let (r1, r2) = try SliceDirections.make(f, center: c, choice: .random, seed: 4, orthogonalize: false)
        let (o1, o2) = try SliceDirections.make(f, center: c, choice: .random, seed: 4, orthogonalize: true)
        #expect(abs(SliceDirections.norm(r1) - 1) < 1e-12 && r1 == o1)
        #expect(abs(SliceDirections.dot(o1, o2)) < 1e-12)
        #expect(abs(SliceDirections.norm(o2) - SliceDirections.norm(r2)) < 1e-12)
    }

    @Test func hessianAndGradientDirectionsAreWhatTheySay() throws {
        let f = try TestNetworks.theorem5()
        let c: [Double] = [1, 2, 2, 0, 1, 2, 3, 0]
        let h = try f.hessian(c)
        let (d1, d2) = try SliceDirections.make(f, center: c, choice: .hessian(first: nil, second: nil), seed: 0, orthogonalize: false)
        func rayleigh(_ v: [Double]) -> Double {
            let hv = (0..<8).map { i in (0..<8).reduce(0.0) { $0 + h[i, $1] * v[$1] } }
            for i in 0..<8 { #expect(abs(hv[i] - SliceDirections.dot(v, hv) * v[i]) < 1e-9) }  // eigenvector
            return SliceDirections.dot(v, hv)
        }
        #expect(abs(rayleigh(d1) - 0.191640) < 1e-6)   // lowest beyond the two symmetry zeros
        #expect(abs(rayleigh(d2) - 21.497296) < 1e-6)  // highest
        let x = [0.5, 1, 1.5, 0.3, 0.7, 0.2, 1.1, 0.4]
        let g = f.gradient(x)
        let (gd, other) = try SliceDirections.make(f, center: x, choice: .gradient, seed: 0, orthogonalize: false)
        let gn = SliceDirections.norm(g)
        for i in 0..<8 { #expect(abs(gd[i] + g[i] / gn) < 1e-12) }
        #expect(abs(SliceDirections.dot(gd, other)) < 1e-12)
    }

    @Test func towardReachesTheTargetAtAlphaOne() throws {
        let f = try TestNetworks.theorem5()
        let c: [Double] = [1, 2, 2, 0, 1, 2, 3, 0]
        let r = 10.0.squareRoot()
        let target = [r / 5, r, 0, 2, r / 5, r, 0, 2]
        let (d1, d2) = try SliceDirections.make(f, center: c, choice: .toward(label: "t", point: target), seed: 1, orthogonalize: false)
        for i in 0..<8 { #expect(abs(c[i] + d1[i] - target[i]) < 1e-15) }
        #expect(abs(SliceDirections.dot(d1, d2)) < 1e-12)
        let poly = try SlicePolynomial(f, center: c, d1: d1, d2: d2)
        #expect(abs(poly.value(0, 0) - 8) < 1e-12)
        #expect(abs(poly.value(1, 0) - 0.18) < 1e-12)
    }

    /// The interpolation test on theorem5: a barrier between the spurious minimum and the 0.18 point, whose height
    /// matches a dense direct evaluation of the path; a convex path is monotone.
    @Test func lineSliceFindsTheBarrier() throws {
        let f = try TestNetworks.theorem5()
        let c: [Double] = [1, 2, 2, 0, 1, 2, 3, 0]
        let r = 10.0.squareRoot()
        let target = [r / 5, r, 0, 2, r / 5, r, 0, 2]
        let d = zip(target, c).map { $0 - $1 }
        let line = try LineSlice(f, center: c, direction: d, from: 0, to: 1, count: 51)
        #expect(!line.isMonotone)
        var best = -Double.infinity
        for i in 0...100_000 {
            let t = Double(i) / 100_000
            best = max(best, f.residualLoss((0..<8).map { c[$0] + t * d[$0] }))
        }
        #expect(abs(line.barrierHeight - (best - 8)) < 1e-7, "\(line.barrierHeight) vs \(best - 8)")
        #expect(line.barrierHeight > 0.5)
        // Depth 1 is a convex quadratic: the path from any point to the least-squares solution is monotone.
        let lin = try TestNetworks.random(widths: [3, 2], density: 1, seed: 3)
        let xstar = try SymmetricFunctions.pseudoInverse(lin.statistics.gram).multiplied(by: lin.statistics.cross).data
        let x0 = TestNetworks.point(lin, seed: 8)
        let convex = try LineSlice(lin, center: x0, direction: zip(xstar, x0).map { $0 - $1 }, from: 0, to: 1, count: 101)
        #expect(convex.isMonotone)
        #expect(convex.barrierHeight == 0)
    }

    @Test func trajectoryProjectionRecoversCoordinates() throws {
        var g = SeededGenerator(seed: 12)
        let c = g.gaussianVector(20), d1 = g.gaussianVector(20), d2 = g.gaussianVector(20)
        let proj = try TrajectoryProjection(center: c, d1: d1, d2: d2)
        for (a, b) in [(0.3, -1.7), (0.0, 0.0), (-2.5, 4.25)] {
            let theta = (0..<20).map { c[$0] + a * d1[$0] + b * d2[$0] }
            let p = proj.coordinates(of: theta)
            #expect(abs(p.alpha - a) < 1e-12 && abs(p.beta - b) < 1e-12 && p.distance < 1e-12)
        }
        // Off the plane: the distance is the norm of the orthogonal component.
        let d2perp = SliceDirections.gramSchmidt(d2, against: d1)  // orthogonal basis of the plane: d1, d2perp
        let n = SliceDirections.gramSchmidt(SliceDirections.gramSchmidt(g.gaussianVector(20), against: d1), against: d2perp)
        let q = (0..<20).map { c[$0] + 0.5 * d1[$0] + n[$0] }
        let r = proj.coordinates(of: q)
        #expect(abs(r.distance - SliceDirections.norm(n)) < 1e-9)
        #expect(throws: SparseScapeError.self) { try TrajectoryProjection(center: c, d1: d1, d2: d1.map { 2 * $0 }) }
    }

    @Test func csvAndSidecarRoundTrip() throws {
        let dir = NSTemporaryDirectory() + "sparsescape-slice-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let f = try TestNetworks.theorem5()
        let c: [Double] = [1, 2, 2, 0, 1, 2, 3, 0]
        let (d1, d2) = try SliceDirections.make(f, center: c, choice: .random, seed: 3, orthogonalize: true)
        let poly = try SlicePolynomial(f, center: c, d1: d1, d2: d2)
        let axis = sliceAxis(span: 0.7, count: 5)
        let values = poly.grid(alphas: axis, betas: axis)
        let meta = SliceMetadata(kind: "plane", tool: "t", config: "theorem5", networkHash: NetworkFingerprint.of(f.architecture, f.dataset),
                                 widths: [3, 2, 3], masks: [], center: c, direction1: d1, direction2: d2, directions: "random",
                                 orthogonalized: true, span: 0.7, range: nil, grid: 5, seed: 3, lossRange: [values.min()!, values.max()!],
                                 monotone: nil, barrierHeight: nil)
        try SliceExport.write(csv: SliceExport.planeCSV(alphas: axis, betas: axis, values: values), metadata: meta, to: dir + "/s.csv")
        let (header, rows) = try SliceExport.read(dir + "/s.csv")
        #expect(header == ["alpha", "beta", "loss"])
        #expect(rows.count == 25)
        for i in 0..<5 { for j in 0..<5 {
            #expect(rows[i * 5 + j] == [axis[i], axis[j], values[i * 5 + j]])  // bit-exact round trip
        } }
        var back = try JSONDecoder().decode(SliceMetadata.self, from: Data(contentsOf: URL(fileURLWithPath: dir + "/s.json")))
        // The sidecar records the CSV it describes: name, size and SHA-256 of the bytes on disk.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: dir + "/s.csv"))
        #expect(back.data == DataFileRecord(file: "s.csv", bytes: UInt64(bytes.count), sha256: SHA256Digest.hex(bytes)))
        back.data = nil
        #expect(back == meta)
        // Reproduce the slice from the sidecar alone.
        let again = try SlicePolynomial(f, center: back.center, d1: back.direction1, d2: back.direction2)
        #expect(again.grid(alphas: axis, betas: axis) == values)
    }

    @Test func fingerprintChangesWithMaskOrData() throws {
        let f = try TestNetworks.theorem5()
        let a = NetworkFingerprint.of(f.architecture, f.dataset)
        #expect(a == NetworkFingerprint.of(f.architecture, f.dataset))
        #expect(a != NetworkFingerprint.of(try f.architecture.toggling(layer: 0, row: 0, col: 1), f.dataset))
        var y = f.dataset.y
        y[0, 0] += 1e-12
        #expect(a != NetworkFingerprint.of(f.architecture, try Dataset(x: f.dataset.x, y: y)))
        // Every lane of the word hasher sees X: a change at any of the first positions, or two entries swapped.
        for k in 0..<6 {
            var x = f.dataset.x
            x.data[k] = x.data[k].nextUp
            #expect(a != NetworkFingerprint.of(f.architecture, try Dataset(x: x, y: f.dataset.y)), "X entry \(k)")
        }
        var swapped = f.dataset.x
        swapped.data.swapAt(0, 1)
        if swapped.data[0] != swapped.data[1] { #expect(a != NetworkFingerprint.of(f.architecture, try Dataset(x: swapped, y: f.dataset.y))) }
        // Deterministic across runs and machines: the theorem5 network's fingerprint is fixed.
        #expect(a == "words64:64791bc6be42cf44")
    }
}

@Suite("Truncated slice polynomials")
struct TruncatedSlicePolynomialTests {
    @Test("the polynomial formed up to order 4 has exactly the full polynomial's coefficients of total degree ≤ 4")
    func truncationKeepsLowOrders() throws {
        for (s, widths) in [[3, 2, 4, 3, 2], [2, 3, 3, 3, 3, 2], [4, 3, 2]].enumerated() {
            let f = try TestNetworks.random(widths: widths, seed: 40 + UInt64(s))
            let c = TestNetworks.point(f, seed: 1), d1 = TestNetworks.point(f, seed: 2), d2 = TestNetworks.point(f, seed: 3)
            let full = try SlicePolynomial(f, center: c, d1: d1, d2: d2)
            let cut = try SlicePolynomial(f, center: c, d1: d1, d2: d2, maxDegree: 4)
            #expect(cut.degree == min(4, 2 * (widths.count - 1)))
            #expect(full.degree == 2 * (widths.count - 1))
            for a in 0...cut.degree {
                for b in 0...(cut.degree - a) {
                    let scale = max(1, abs(full.coefficients[a][b]))
                    #expect(abs(cut.coefficients[a][b] - full.coefficients[a][b]) <= 1e-12 * scale, "α^\(a) β^\(b), widths \(widths)")
                }
            }
            // Near the centre the Taylor polynomial agrees with the loss to O(t⁵).
            let t = 1e-3
            let point = (0..<c.count).map { c[$0] + t * d1[$0] + t * d2[$0] }
            #expect(abs(cut.value(t, t) - f.loss(point)) <= 1e-10 * max(1, f.loss(point)))
        }
    }
}
