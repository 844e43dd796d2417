import Foundation
import Synchronization
import Testing
@testable import SparseScapeCore

/// Basins of attraction on a slice: theorem5's two minima on the plane toward the global one, labels that do not
/// depend on the rest of the grid or on thread timing, valleys, unpolished runs, cancellation.
@Suite struct BasinMapTests {
    /// theorem5's plane through the spurious minimum toward best-found (at α = 1), and its known points.
    static func theorem5Plane() throws -> (f: LossFunction, center: [Double], d1: [Double], d2: [Double], known: [KnownPoint], target: [Double]) {
        let config = try PresetLibrary.resolve("theorem5")
        let f = try config.lossFunction()
        let center = try config.resolvePoint("spurious-minimum"), target = try config.resolvePoint("best-found")
        let (d1, d2) = try SliceDirections.make(f, center: center, choice: .toward(label: "best-found", point: target), seed: 0, orthogonalize: false)
        let known = config.points.map { KnownPoint(loss: f.loss($0.params), source: $0.label, params: $0.params) }
        return (f, center, d1, d2, known, target)
    }

    /// The 7-point axis of span 1.5: −1.5, −1, −0.5, 0, 0.5, 1, 1.5 (0 at index 3, 1 at index 5).
    static let axis = sliceAxis(span: 1.5, count: 7)

    @Test func theorem5sTwoMinimaHaveTheirBasinsLabelledByTheirCertifiedLosses() throws {
        let (f, center, d1, d2, known, target) = try Self.theorem5Plane()
        #expect(Self.axis[3] == 0 && Self.axis[5] == 1)
        let map = try BasinMap.compute(f, center: center, d1: d1, d2: d2, alphas: Self.axis, betas: Self.axis,
                                       settings: BasinSettings(), known: known)
        #expect(map.labels.count == 49 && map.alphas == Self.axis && map.betas == Self.axis)
        #expect(map.labels.allSatisfy { map.basins.indices.contains($0) })
        #expect(map.basins.enumerated().allSatisfy { $0.offset == $0.element.id })
        for b in map.basins { #expect(b.count == map.labels.filter { $0 == b.id }.count, "basin \(b.id)") }
        // Minima first, by loss: the global minimum, then the spurious one.
        let global = map.basins[0], spurious = map.basins[1]
        #expect(global.kind == .minimum && global.classification == .globalMinimum && global.spurious == false)
        #expect(abs(try #require(global.loss) - 0.16564104506071) < 1e-11)
        #expect(spurious.kind == .minimum && spurious.classification == .localMinimum && spurious.spurious == true)
        #expect(abs(try #require(spurious.loss) - 8) < 1e-9)
        #expect(map.basins.dropFirst(2).allSatisfy { $0.kind != .minimum })
        // Each centre lies in its own minimum's basin: (0, 0) is the spurious minimum, (1, 0) the global one.
        #expect(map.basin(3, 3).id == spurious.id)
        #expect(map.basin(5, 3).id == global.id)
        // Both basins are large on this plane (the spurious one holds the centre's neighbourhood).
        #expect(global.count >= 15 && spurious.count >= 15, "\(global.count) and \(spurious.count) of 49")
        // The representatives are the reference points modulo the symmetries: the same end-to-end product.
        let scale = ProblemScale(f)
        #expect(scale.sameProduct(f.endToEnd(try #require(spurious.representative)), f.endToEnd(center)))
        #expect(scale.sameProduct(f.endToEnd(try #require(global.representative)), f.endToEnd(target)))
        // Descent never raises the loss: every point of a minimum's basin starts at or above that minimum's loss.
        let poly = try SlicePolynomial(f, center: center, d1: d1, d2: d2)
        let values = poly.grid(alphas: Self.axis, betas: Self.axis)
        for (k, label) in map.labels.enumerated() where map.basins[label].kind == .minimum {
            #expect(values[k] >= map.basins[label].loss! - 1e-9, "grid point \(k): \(values[k]) below its basin's \(map.basins[label].loss!)")
        }
    }

    @Test func labelsAreDeterministicAndDoNotDependOnTheRestOfTheGrid() throws {
        let (f, center, d1, d2, known, _) = try Self.theorem5Plane()
        let settings = BasinSettings()
        let a = try BasinMap.compute(f, center: center, d1: d1, d2: d2, alphas: Self.axis, betas: Self.axis, settings: settings, known: known)
        let b = try BasinMap.compute(f, center: center, d1: d1, d2: d2, alphas: Self.axis, betas: Self.axis, settings: settings, known: known)
        #expect(a == b)
        // A point's basin is the same when it is mapped alone (a 1×1 grid), whatever its neighbours.
        for (i, j) in [(0, 0), (1, 5), (3, 3), (4, 2), (5, 3), (6, 6)] {
            let alone = try BasinMap.compute(f, center: center, d1: d1, d2: d2, alphas: [Self.axis[i]], betas: [Self.axis[j]],
                                             settings: settings, known: known)
            #expect(alone.labels == [0] && alone.basins.count == 1)
            let whole = a.basin(i, j), single = alone.basins[0]
            #expect(single.kind == whole.kind && single.count == 1, "(\(i), \(j))")
            if let l = whole.loss { #expect(abs((single.loss ?? .nan) - l) <= 1e-9 * max(1, l), "(\(i), \(j)): \(single.loss ?? .nan) vs \(l)") }
            if let v = whole.valleyLimit { #expect(abs((single.valleyLimit ?? .nan) - v) <= 1e-4 * max(1, v), "(\(i), \(j))") }
        }
    }

    @Test func appendixAsValleyIsABasinWithItsLimit() throws {
        let config = try PresetLibrary.resolve("appendix-a")
        let f = try config.lossFunction()
        let center = try config.resolvePoint("escape-start")
        let (d1, d2) = try SliceDirections.make(f, center: center, choice: .random, seed: 0, orthogonalize: false)
        let axis = sliceAxis(span: 0.5, count: 3)
        let map = try BasinMap.compute(f, center: center, d1: d1, d2: d2, alphas: axis, betas: axis, settings: BasinSettings())
        // The paper's escaping start descends into the valley L → (3 − √5)/4 as ‖θ‖ → ∞.
        let valley = map.basin(1, 1)
        #expect(valley.kind == .valley && valley.classification == nil && valley.spurious == nil)
        let limit = try #require(valley.valleyLimit)
        #expect(abs(limit - (3 - 5.0.squareRoot()) / 4) < 1e-4, "limit \(limit)")
        #expect(try #require(valley.loss) >= limit)
        let far = try EscapeScale(f)
        #expect(far.isFar(try #require(valley.representative)))
        // Valleys come after the minima.
        if let firstValley = map.basins.firstIndex(where: { $0.kind == .valley }) {
            #expect(map.basins[..<firstValley].allSatisfy { $0.kind == .minimum || $0.kind == .saddle })
        }
    }

    @Test func withoutThePolishShortRunsAreUnconverged() throws {
        let (f, center, d1, d2, _, _) = try Self.theorem5Plane()
        // Ten gradient-descent steps reach no critical point from points away from the minima.
        let settings = BasinSettings(optimizer: try OptimizerSettings(kind: .gd, learningRate: 0.01), maxSteps: 10, polish: false)
        let axis = [-1.0, 0.5]
        let map = try BasinMap.compute(f, center: center, d1: d1, d2: d2, alphas: axis, betas: axis, settings: settings)
        #expect(map.basins.count == 1)
        let b = map.basins[0]
        #expect(b.kind == .unconverged && b.count == 4 && b.loss == nil && b.representative == nil)
        #expect(map.labels == [0, 0, 0, 0])
        // From the minimum itself the unpolished run is critical at once.
        let still = try BasinMap.compute(f, center: center, d1: d1, d2: d2, alphas: [0], betas: [0], settings: settings)
        #expect(still.basins.count == 1 && still.basins[0].kind == .minimum && abs((still.basins[0].loss ?? 0) - 8) < 1e-12)
    }

    @Test func cancellationStopsTheMapEarly() throws {
        let (f, center, d1, d2, _, _) = try Self.theorem5Plane()
        let axis = sliceAxis(span: 1.5, count: 15)
        // Stop once three grid points are done: only the runs already in progress may still finish.
        let done = Mutex<Int>(0)
        #expect(throws: SparseScapeError("cancelled")) {
            try BasinMap.compute(f, center: center, d1: d1, d2: d2, alphas: axis, betas: axis, settings: BasinSettings(),
                                 progress: { k, _ in done.withLock { $0 = max($0, k) } },
                                 shouldStop: { done.withLock { $0 } >= 3 })
        }
        let reached = done.withLock { $0 }
        #expect(reached >= 3 && reached <= 3 + ProcessInfo.processInfo.activeProcessorCount, "\(reached) of 225 grid points")
        // A run that would take a billion steps stops within a fraction of a second of the request.
        let slow = BasinSettings(optimizer: try OptimizerSettings(kind: .gd, learningRate: 1e-9), maxSteps: 1_000_000_000, polish: true)
        let deadline = Date().addingTimeInterval(0.2)
        let started = Date()
        #expect(throws: SparseScapeError("cancelled")) {
            try BasinMap.compute(f, center: center, d1: d1, d2: d2, alphas: [0.5], betas: [0.5], settings: slow,
                                 shouldStop: { Date() > deadline })
        }
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func badInputIsRejected() throws {
        let (f, center, d1, d2, _, _) = try Self.theorem5Plane()
        #expect(throws: SparseScapeError.self) {
            try BasinMap.compute(f, center: Array(center.dropLast()), d1: d1, d2: d2, alphas: [0], betas: [0], settings: BasinSettings())
        }
        #expect(throws: SparseScapeError.self) {
            try BasinMap.compute(f, center: center, d1: d1, d2: d2, alphas: [], betas: [0], settings: BasinSettings())
        }
        #expect(throws: SparseScapeError.self) {
            try BasinMap.compute(f, center: center, d1: d1, d2: d2, alphas: [.nan], betas: [0], settings: BasinSettings())
        }
    }
}
