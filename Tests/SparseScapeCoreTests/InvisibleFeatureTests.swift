import Testing
import SparseScapeCore

/// A feature that never varies (a zero column of X, like a blank pixel) is invisible to the loss: end-to-end products
/// that differ only in its row are the same point for grouping minima and basins.
@Suite struct InvisibleFeatureTests {
    @Test func productsDifferingOnlyOnAZeroColumnOfXAreTheSame() throws {
        // X: 6 samples × 3 features, feature 1 always 0.
        let x = Matrix(rows: 6, cols: 3, data: [1, 0, 2, -1, 0, 0.5, 0.3, 0, -2, 2, 0, 1, -0.7, 0, 0.2, 0.4, 0, -1])
        let y = Matrix(rows: 6, cols: 2, data: [1, 0, 0, 1, 1, 1, -1, 0, 0.5, 0.5, 2, -1])
        let f = try LossFunction(architecture: try NetworkArchitecture.dense(widths: [3, 2, 2]), dataset: try Dataset(x: x, y: y))
        let scale = ProblemScale(f)
        #expect(scale.invisibleFeatures == [1])
        let p = Matrix(rows: 3, cols: 2, data: [1, 2, 3, 4, 5, 6])
        var q = p
        q[1, 0] = 40; q[1, 1] = -7            // only the invisible row differs
        #expect(scale.sameProduct(p, q))
        var r = p
        r[2, 1] = 6.5                         // a visible row differs
        #expect(!scale.sameProduct(p, r))
        // The loss indeed cannot tell p from q: XP = XQ.
        #expect(x.multiplied(by: p) == x.multiplied(by: q))
    }

    @Test func fullRankDataHasNoInvisibleFeature() throws {
        let f = try PresetLibrary.load("theorem5").lossFunction()
        #expect(ProblemScale(f).invisibleFeatures.isEmpty)
    }
}
