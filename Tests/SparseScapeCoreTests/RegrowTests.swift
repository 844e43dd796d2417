import Foundation
import Testing
@testable import SparseScapeCore

/// Regrow certificates against direct computations in the revived networks.
@Suite struct RegrowTests {
    /// On theorem5's spurious minimum every number is checked against the revived network itself: the gradient
    /// component, λmin of its dense Hessian (dsyevd), and the best single-weight loss by direct evaluation.
    @Test func theorem5RegrowVerdictsMatchTheRevivedNetworks() throws {
        let f = try TestNetworks.theorem5()
        let x: [Double] = [1, 2, 2, 0, 1, 2, 3, 0]
        let r = try RegrowAnalysis.run(f, params: x)
        #expect(r.classification == .localMinimum && abs(r.loss - 8) < 1e-12)
        #expect(r.edges.count == 4)
        for e in r.edges {
            let revived = try f.architecture.toggling(layer: e.layer, row: e.row, col: e.col)
            let f2 = try f.with(architecture: revived)
            let x2 = ParameterRemap.remap(x, from: f.architecture, to: revived)
            let k = try #require(revived.parameterIndex(layer: e.layer, row: e.row, col: e.col))
            #expect(abs(f2.gradient(x2)[k] - e.gradient) < 1e-12)
            let ev = try SymmetricEigen(try f2.hessian(x2), vectors: false).values
            #expect(abs(ev[0] - (e.lambdaMin ?? .nan)) < 1e-10, "\(e.label): \(ev[0]) vs \(String(describing: e.lambdaMin))")
            #expect(abs(try f2.hessian(x2)[k, k] - e.curvature) < 1e-10)
            #expect(e.opensWayDown == (ev[0] < -1e-6))
        }
        // Reviving x3→h1 or h1→y3 turns the spurious minimum into an index-1 saddle; the other two do not.
        let opening = Set(r.edges.filter(\.opensWayDown).map(\.label))
        #expect(opening == ["W1[3,1] x3→h1", "W2[1,3] h1→y3"])
        #expect(r.edges.first { $0.label == "W1[3,1] x3→h1" }?.index == 1)
        // In the dense network the point is a saddle too.
        #expect(r.dense.classification == .saddle && (r.dense.lambdaMin ?? 0) < 0)
    }

    /// Where the gradient along a pruned weight is not zero, the best single-weight loss is the exact minimum of
    /// the quadratic, checked by evaluating the revived network.
    @Test(arguments: [UInt64(3), 4, 5])
    func bestSingleWeightLossIsTheExactMinimum(seed: UInt64) throws {
        let f = try TestNetworks.random(widths: [4, 3, 3], density: 0.5, seed: seed)
        let s = try SearchSettings(restarts: 6, seed: seed, optimizer: try OptimizerSettings(kind: .lbfgs),
                                   rules: try StoppingRules(maxSteps: 3000, gradientTolerance: 1e-10))
        let x = try #require(try MultiStartSearch.run(f, settings: s).minima.first).params
        let r = try RegrowAnalysis.run(f, params: x)
        #expect(!r.edges.isEmpty)
        var checked = 0
        for e in r.edges where abs(e.gradient) > 1e-6 {
            let revived = try f.architecture.toggling(layer: e.layer, row: e.row, col: e.col)
            let f2 = try f.with(architecture: revived)
            var x2 = ParameterRemap.remap(x, from: f.architecture, to: revived)
            let k = try #require(revived.parameterIndex(layer: e.layer, row: e.row, col: e.col))
            x2[k] = e.bestWeight
            #expect(abs(f2.loss(x2) - e.bestLoss) < 1e-9 * max(1, e.bestLoss))
            for d in [-1e-3, 1e-3] {
                var y = x2; y[k] += d
                #expect(f2.loss(y) > e.bestLoss)
            }
            #expect(e.bestLoss < r.loss && e.opensWayDown)
            checked += 1
        }
        // Sorted: the lowest single-weight loss first.
        #expect(r.edges.map(\.bestLoss) == r.edges.map(\.bestLoss).sorted())
        #expect(checked >= 1, "no pruned edge with a non-zero gradient at this minimum")
    }
}
