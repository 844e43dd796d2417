import Foundation
import SparseScapeCore

/// Curvature at scale: λmin and λmax of a 784-256-10 sparse network by Lanczos on Hessian-vector products, and a
/// check of Lanczos against LAPACK dsyevd on a network small enough for the dense spectrum.
enum CurvatureBenchmark {
    static func run() throws {
        // 1. 784-256-10, 50% random first-layer mask (seeded), dense second layer: about 10⁵ free parameters.
        var rng = SeededGenerator(seed: 784)
        let n = 2000
        let f = try SyntheticNetwork.make(widths: [784, 256, 10], densities: [0.5, 1], samples: n, rng: &rng)
        let point = rng.gaussianVector(f.parameterCount, scale: 0.05)
        let op = f.hessianOperator(at: point)
        var hv = [Double](repeating: 0, count: f.parameterCount)
        let hvpTime = Timing.bestOf(5) { hv = op.apply(point) }
        var big: LanczosResult?
        let lanczosTime = try Timing.seconds { big = try f.hessianExtremes(point) }
        let r = big!
        print("5. Hessian extremes of a 784-256-10 network (50% first-layer mask) with \(f.parameterCount) free weights, n = \(n)")
        print("   one Hessian-vector product : \(fmt(hvpTime * 1000, 3)) ms (operator prepared once; ‖Hθ‖ \(fmt(hv.reduce(0) { $0 + $1 * $1 }.squareRoot(), 4)))")
        print("   Lanczos λmin               : \(fmt(r.lambdaMin, 10))  (residual \(fmt(r.minResidual, 2)), \(r.minConverged ? "converged" : "NOT converged"))")
        print("   Lanczos λmax               : \(fmt(r.lambdaMax, 10))  (residual \(fmt(r.maxResidual, 2)), \(r.maxConverged ? "converged" : "NOT converged"))")
        print("   iterations                 : \(r.iterations) (full reorthogonalisation: \(r.reorthogonalisationPasses) Gram–Schmidt passes; tolerance 1e-8·max(1, |θ|))")
        print("   time (λmin and λmax)       : \(fmt(lanczosTime, 3)) s; target < 10 s: \(lanczosTime < 10 && r.converged ? "MET" : "NOT MET")")
        print("")

        // 2. Check on a mid-size network (dense spectrum affordable): [64, 48, 10], masks 50% and 80%.
        var rng2 = SeededGenerator(seed: 2000)
        let f2 = try SyntheticNetwork.make(widths: [64, 48, 10], densities: [0.5, 0.8], samples: 500, rng: &rng2)
        let point2 = rng2.gaussianVector(f2.parameterCount, scale: 0.3)
        var dense: [Double] = []
        let denseTime = try Timing.seconds { dense = try SymmetricEigen(try f2.hessian(point2), vectors: false).values }
        var mid: LanczosResult?
        let midTime = try Timing.seconds { mid = try f2.hessianExtremes(point2) }
        let m = mid!
        let scale = max(1, abs(dense.first!), abs(dense.last!))
        let err = max(abs(m.lambdaMin - dense.first!), abs(m.lambdaMax - dense.last!)) / scale
        print("   check against dsyevd on a [64, 48, 10] network with \(f2.parameterCount) free weights")
        print("   dsyevd (Hessian + spectrum): λmin \(fmt(dense.first!, 12)), λmax \(fmt(dense.last!, 12)), \(fmt(denseTime * 1000, 4)) ms")
        print("   Lanczos                    : λmin \(fmt(m.lambdaMin, 12)), λmax \(fmt(m.lambdaMax, 12)), \(fmt(midTime * 1000, 4)) ms, \(m.iterations) iterations")
        print("   largest difference / max(1, |λ|): \(fmt(err, 2)); agreement to 1e-8: \(err <= 1e-8 ? "MET" : "NOT MET")")
    }
}
