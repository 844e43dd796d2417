/// Tells whether descent from a point runs off to infinity along a valley, and estimates the valley's limit loss,
/// by the rules every search run uses (`RunFinisher`): an L-BFGS continuation until the balanced point passes the
/// escape scale, then the valley followed further and its limit extrapolated.
public enum ValleyProbe {
    /// What the probe found.
    public struct Verdict: Sendable {
        /// True when the descent escapes to infinity.
        public var escaping: Bool
        /// The valley's limit loss, when escaping.
        public var limit: Double?
        /// The lowest loss seen.
        public var lowestLoss: Double
        /// ‖θ‖ where the probe stopped.
        public var norm: Double
        /// Where the probe stopped.
        public var params: [Double]
        /// ‖∇L‖ there.
        public var gradientNorm: Double
    }

    /// Probes the descent from `params` in `f`.
    public static func run(_ f: LossFunction, from params: [Double]) throws -> Verdict {
        let scale = try EscapeScale(f)
        let loss = f.loss(params)
        let escape = EscapeTest.run(f, start: params, stopWhenFar: scale)
        if (scale.isFar(escape.params) || escape.escaping) && escape.lowestLoss <= loss {
            // Each leg goes 32× farther out; the extrapolation tightens until two legs agree to 1e-9 (at most four legs).
            var v = follow(f, from: escape.params, loss: escape.lowestLoss, gradientNorm: escape.gradientNorm, maxSteps: 20_000)
            for _ in 0..<3 {
                let next = follow(f, from: v.params, loss: v.lowestLoss, gradientNorm: v.gradientNorm, maxSteps: 20_000)
                let settled = abs((next.limit ?? 0) - (v.limit ?? 0)) <= 1e-9 * max(1, abs(next.limit ?? 0))
                v = next
                if settled { break }
            }
            return v
        }
        return Verdict(escaping: escape.escaping && escape.limit != nil, limit: escape.escaping ? escape.limit : nil,
                       lowestLoss: escape.lowestLoss, norm: escape.endNorm, params: escape.params, gradientNorm: escape.gradientNorm)
    }

    /// Follows a valley from a point already far out (‖θ‖ × 32 at most, 5,000 L-BFGS steps) and estimates its limit:
    /// the Aitken extrapolation of the loss per doubling of ‖θ‖ when the decrements converge, never below the lowest
    /// loss minus the decrease actually seen; else the lowest loss.
    public static func follow(_ f: LossFunction, from start: [Double], loss startLoss: Double, gradientNorm startGradient: Double,
                              maxSteps: Int = 5000) -> Verdict {
        var params = start, loss = startLoss, gradientNorm = startGradient
        var limit = loss
        let more = EscapeTest.run(f, start: params, growthFactor: 32, maxSteps: maxSteps)
        if more.lowestLoss.isFinite && more.lowestLoss <= loss {
            let seen = loss - more.lowestLoss
            params = more.params; loss = more.lowestLoss; gradientNorm = more.gradientNorm
            limit = loss
            if more.escaping, let extrapolated = more.limit, extrapolated <= loss, loss - extrapolated <= seen { limit = extrapolated }
        }
        let norm = EuclideanNorm.of(params)
        return Verdict(escaping: true, limit: limit, lowestLoss: loss, norm: norm, params: params, gradientNorm: gradientNorm)
    }
}
