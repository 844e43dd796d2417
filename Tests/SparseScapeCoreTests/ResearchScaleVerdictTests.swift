import Foundation
import Testing
@testable import SparseScapeCore

/// The verdicts of issue 18: independent of the units of X and Y to the ends of the floating-point range, strict
/// minima with small but resolved eigenvalues, and valley limits that respect the proven bounds.
@Suite struct ResearchScaleVerdictTests {
    /// theorem5 with X scaled by `a` and Y by `b`: each of its two layers scales by √(b/a), the loss by b².
    static func theorem5(x a: Double, y b: Double) throws -> (f: LossFunction, weightScale: Double, config: NetworkConfig) {
        let config = try PresetLibrary.load("theorem5")
        let d = config.dataset
        let x = Matrix(rows: d.x.rows, cols: d.x.cols, data: d.x.data.map { $0 * a })
        let y = Matrix(rows: d.y.rows, cols: d.y.cols, data: d.y.data.map { $0 * b })
        let f = try LossFunction(architecture: config.architecture, dataset: try Dataset(x: x, y: y))
        return (f, (b / a).squareRoot(), config)
    }

    @Test(arguments: [(1e-100, 1e-100), (1e100, 1e100), (1e-100, 1e100), (1e120, 1e-60)])
    func theorem5sVerdictsDoNotDependOnTheUnits(a: Double, b: Double) throws {
        let original = try Self.theorem5(x: 1, y: 1)
        let scaled = try Self.theorem5(x: a, y: b)
        for label in ["spurious-minimum", "best-found", "paper-better"] {
            let p = try #require(original.config.point(label))
            let c0 = try Certifier.certify(original.f, params: p)
            let c1 = try Certifier.certify(scaled.f, params: p.map { $0 * scaled.weightScale })
            #expect(c1.classification == c0.classification, "\(label) at X×\(a), Y×\(b): \(c1.classification) vs \(c0.classification)")
            #expect(c1.spurious == c0.spurious && c1.index == c0.index, "\(label)")
            #expect(c1.symmetryZeroCount == c0.symmetryZeroCount, "\(label): \(c1.symmetryZeroCount) vs \(c0.symmetryZeroCount) zeros, \(c1.hessianEigenvalues ?? []) vs \(c0.hessianEigenvalues ?? [])")
            // The loss scales by b² to the last digits; the relative gradient is scale-free.
            #expect(abs(c1.loss / (b * b) - c0.loss) <= 1e-12 * max(1, c0.loss), "\(label): \(c1.loss / (b * b)) vs \(c0.loss)")
            let r0 = try #require(c0.relativeGradient), r1 = try #require(c1.relativeGradient)
            #expect(abs(r1 - r0) <= 1e-12 + 1e-6 * r0, "\(label): relative gradient \(r1) vs \(r0)")
        }
        // The same search from the same (rescaled) starts finds the same minima with the same verdicts.
        var g = SeededGenerator(seed: 7)
        let starts = (0..<12).map { _ in g.gaussianVector(original.f.parameterCount, scale: 1) }
        func search(_ f: LossFunction, _ s: Double) throws -> SearchResult {
            var settings = try SearchSettings(restarts: 12, seed: 0, optimizer: try OptimizerSettings(kind: .lm),
                                              rules: try StoppingRules(maxSteps: 1000, gradientTolerance: 0))
            settings.starts = starts.map { $0.map { $0 * s } }
            return try MultiStartSearch.run(f, settings: settings)
        }
        let r0 = try search(original.f, 1), r1 = try search(scaled.f, scaled.weightScale)
        // The first-order warm-up takes its first step in absolute units, so runs from the same starts may end in
        // different basins; the distinct end points and their verdicts are the same.
        #expect(r1.unconverged == 0 && r0.unconverged == 0)
        func verdicts(_ r: SearchResult, _ scale: Double) -> [String] {
            r.minima.map { "\($0.certificate.classification) \(String(describing: $0.certificate.spurious)) \(String(format: "%.10f", $0.loss / scale))" }
        }
        #expect(verdicts(r1, b * b) == verdicts(r0, 1), "\(verdicts(r1, b * b)) vs \(verdicts(r0, 1))")
    }

    @Test func beyondTheFloatingPointRangeTheDataAreRefusedByName() throws {
        #expect { try Self.theorem5(x: 1e-160, y: 1) } throws: {
            ($0 as? SparseScapeError)?.message.hasPrefix("the data are too small: the largest |X| is 1e-160") == true
        }
        #expect { try Self.theorem5(x: 1, y: 1e160) } throws: {
            ($0 as? SparseScapeError)?.message.hasPrefix("the data are too large") == true
        }
    }

    /// y ≈ X·w·u with X's second column 3·10⁻⁵ times the first: at the minimum the Hessian's eigenvalue along that
    /// column is ≈ 10⁻⁹·λmax, far below the old 10⁻⁸·λmax cut and far above what double precision resolves there.
    @Test func aResolvedSmallEigenvalueIsAStrictMinimum() throws {
        var g = SeededGenerator(seed: 11)
        let n = 40, eps = 3e-5
        var x = Matrix(rows: n, cols: 2), y = Matrix(rows: n, cols: 1)
        for i in 0..<n {
            let v = g.gaussianVector(3, scale: 1)
            x[i, 0] = v[0]; x[i, 1] = eps * v[1]
            y[i, 0] = 1.5 * v[0] + 2 * v[1] + 0.1 * v[2]
        }
        let architecture = try NetworkArchitecture.dense(widths: [2, 1, 1])
        let f = try LossFunction(architecture: architecture, dataset: try Dataset(x: x, y: y))
        // The global minimum: w·u = the least-squares solution β = V Σ⁻¹ Uᵀ y (LAPACK's SVD), balanced (‖w‖ = |u|),
        // then polished by Newton to the last digits.
        let svd = try SingularValueDecomposition(x)
        var beta = [0.0, 0.0]
        for k in 0..<2 {
            let uty = (0..<n).reduce(0.0) { $0 + svd.u[$1, k] * y[$1, 0] } / svd.singularValues[k]
            for j in 0..<2 { beta[j] += svd.vt[k, j] * uty }
        }
        let u = EuclideanNorm.of(beta).squareRoot()
        let p = NewtonPolish.run(f, start: [beta[0] / u, beta[1] / u, u]).params
        let c = try Certifier.certify(f, params: p)
        #expect(c.classification == .globalMinimum, "\(c.classification)")
        #expect(c.symmetryZeroCount == 1)
        // The small eigenvalue is the certificate's first beyond the symmetry, equal to LAPACK's, and the margin shown.
        let ev = try SymmetricEigen(try f.hessian(p), vectors: false).values
        let small = try #require(c.firstBeyondSymmetry)
        #expect(ev[2] / ev[1] > 1e3 && ev[1] / ev[2] < 1e-8, "\(ev)")
        #expect(abs(small - ev[1]) <= 1e-6 * ev[1], "\(small) vs \(ev)")
        let margin = try #require(c.strictMargin)
        // The margin is that eigenvalue over the zero threshold at this point: resolved by orders of magnitude.
        #expect(margin > 100, "margin \(margin)")
    }

    /// A valley's reported limit is the lowest loss reached, never below the proven lower bound of the global minimum.
    @Test(arguments: ["theorem5", "appendix-a"])
    func valleyLimitsRespectTheProvenBound(preset: String) throws {
        let f = try PresetLibrary.resolve(preset).lossFunction()
        let judge = try RunJudge(f)
        let s = try SearchSettings(restarts: 40, seed: 3, optimizer: try OptimizerSettings(kind: .lm),
                                   rules: try StoppingRules(maxSteps: 1000, gradientTolerance: 0))
        let r = try MultiStartSearch.run(f, settings: s)
        #expect(r.escaping > 0, "no valley reached from 40 starts")
        for run in r.runs where run.outcome == .escaping {
            let limit = try #require(run.valleyLimit)
            #expect(limit >= judge.lowerBound && limit == run.loss, "limit \(limit), bound \(judge.lowerBound)")
        }
        for v in r.valleys { #expect(v.limit >= judge.lowerBound && v.limit <= v.lowestLoss) }
        // A record whose lowest loss lies under the bound (a bound that bites) reports the bound, not lower.
        let record = [NormDoubling(norm: 1, loss: 10), NormDoubling(norm: 2, loss: 9), NormDoubling(norm: 4, loss: 8.999),
                      NormDoubling(norm: 8, loss: 8.9985), NormDoubling(norm: 16, loss: 8.998)]
        #expect(ValleyFollower.limit(record, lowestLoss: 8.998, lowerBound: 8.9985, resolution: 1e-12) == 8.9985)
        #expect(ValleyFollower.limit(record, lowestLoss: 8.998, lowerBound: 0, resolution: 1e-12) == 8.998)
        // Falls within 100× the loss's resolution are no evidence.
        #expect(ValleyFollower.limit(record, lowestLoss: 8.998, lowerBound: 0, resolution: 1e-5) == nil)
    }
}
