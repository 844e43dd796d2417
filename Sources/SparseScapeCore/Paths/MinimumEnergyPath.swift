/// Settings of a minimum-energy path computation.
public struct PathSettings: Sendable {
    /// The elastic band.
    public var band: ElasticBandSettings
    /// Try the discrete symmetries of the target (mask-preserving permutations, sign flips) and balanced
    /// representatives, and keep the lowest certified pass.
    public var alignSymmetries: Bool
    /// How many representatives of the target (nearest first) get a band of their own.
    public var candidates: Int
    /// Also compute the path between the same endpoints in the dense network.
    public var dense: Bool

    /// Settings.
    public init(band: ElasticBandSettings, alignSymmetries: Bool = true, candidates: Int = 3, dense: Bool = true) {
        self.band = band
        self.alignSymmetries = alignSymmetries
        self.candidates = max(1, candidates)
        self.dense = dense
    }
}

/// The saddle at the top of a path, refined by Newton on ∇L = 0 and certified.
public struct PathSaddle: Codable, Sendable {
    /// Its loss.
    public var loss: Double
    /// Its index (negative Hessian eigenvalues; 1 for a mountain pass).
    public var index: Int?
    /// Its classification.
    public var classification: Classification
    /// ‖∇L‖ there.
    public var gradientNorm: Double
    /// Its parameters.
    public var params: [Double]
}

/// One path: its images and what it shows.
public struct PathProfile: Codable, Sendable {
    /// Loss at the start and at the end.
    public var startLoss: Double
    /// Loss at the end.
    public var endLoss: Double
    /// The refined, certified saddle at the top of the path (nil when no image rises above both endpoints).
    public var saddle: PathSaddle?
    /// Highest loss along the path (the saddle's when there is one) minus the start loss (0 when the path descends).
    public var barrier: Double
    /// The same minus the end loss.
    public var barrierFromEnd: Double
    /// The straight line's barrier above the higher endpoint (exact, from the loss polynomial along the line).
    public var lineBarrier: Double
    /// True when the loss along the path never goes up then down.
    public var monotone: Bool
    /// Loss at each image.
    public var losses: [Double]
    /// Arc length at each image.
    public var arcLength: [Double]
    /// The images (canonical parameters).
    public var images: [[Double]]
    /// FIRE iterations, loss-and-gradient evaluations, the final largest force, convergence.
    public var iterations: Int
    /// Loss-and-gradient evaluations.
    public var evaluations: Int
    /// The largest force at the end.
    public var maxForce: Double
    /// True when the band relaxed to the force tolerance.
    public var converged: Bool
}

/// The result of `MinimumEnergyPath.run`: the path under the mask and, optionally, in the dense network.
///
/// Encoded flat: the path's fields (`saddle`, `barrier`, `barrierFromEnd`, `lineBarrier`, `monotone`, `losses`, …)
/// at the top level beside `target`, `representativesTried` and `dense`.
public struct PathResult: Codable, Sendable {
    /// The path in the network itself.
    public var path: PathProfile
    /// Which representative of the target was used ("as given", or the permutation and sign flips applied).
    public var target: String
    /// How many representatives were tried.
    public var representativesTried: Int
    /// The path between the same endpoints in the dense network (every edge live), when asked for.
    public var dense: PathProfile?
}

/// Minimum-energy paths between two points: symmetry-aligned targets, a nudged elastic band with a climbing image,
/// and the top refined by Newton to a certified saddle.
public enum MinimumEnergyPath {
    /// The path from `a` to `b` in `f`.
    public static func run(_ f: LossFunction, from a: [Double], to b: [Double], settings: PathSettings,
                           progress: (@Sendable (String) -> Void)? = nil) throws -> PathResult {
        let arch = f.architecture
        let balancing = NodeBalancing(arch)
        var targets: [(label: String, params: [Double])] = [("as given", b)]
        let start = settings.alignSymmetries ? balancing.balanced(a) : a
        if settings.alignSymmetries {
            let end = balancing.balanced(b)
            // Every mask-preserving permutation with every sign pattern (up to 10 hidden nodes; beyond, the signs
            // are aligned node by node), the nearest representatives first.
            let h = HiddenNodeSymmetries.hiddenNodeCount(arch)
            targets = HiddenNodeSymmetries.maskPermutations(arch).flatMap { pi -> [(label: String, params: [Double])] in
                let moved = HiddenNodeSymmetries.permuted(arch, end, pi)
                let name = pi.allSatisfy({ $0 == Array(0..<$0.count) }) ? "balanced" : "nodes permuted \(pi.map { $0.map { $0 + 1 } }), balanced"
                guard h <= 10 else { return [(name + ", signs aligned", HiddenNodeSymmetries.signAligned(arch, moved, to: start))] }
                return (0..<(1 << h)).map { pattern in
                    (pattern == 0 ? name : name + ", signs of nodes \((0..<h).filter { pattern & (1 << $0) != 0 }.map { "\($0 + 1)" }.joined(separator: ",")) flipped",
                     HiddenNodeSymmetries.signFlipped(arch, moved, pattern: pattern))
                }
            }
            targets.sort { NudgedElasticBand.distance($0.params, start) < NudgedElasticBand.distance($1.params, start) }
            targets = Array(targets.prefix(settings.candidates))
        }
        var best: (profile: PathProfile, label: String)? = nil
        var failure: Error? = nil
        for (k, t) in targets.enumerated() {
            if let stop = settings.band.shouldStop, stop() { throw SparseScapeError("cancelled") }
            progress?("path: band \(k + 1)/\(targets.count) (\(t.label))")
            do {
                let profile = try Self.profile(f, from: start, to: t.params, band: settings.band)
                // A band without a rise, or whose top refines to a certified index-1 saddle, beats one whose top does
                // not refine; then the lower pass wins, then a relaxed band.
                func key(_ p: PathProfile) -> (Int, Double, Int) {
                    (p.saddle == nil || p.saddle?.index == 1 ? 0 : 1, p.saddle?.loss ?? p.losses.max() ?? 0, p.converged ? 0 : 1)
                }
                if best == nil || key(profile) < key(best!.profile) { best = (profile, t.label) }
            } catch {
                failure = error   // another representative may still give a band
            }
        }
        guard let best else { throw failure ?? SparseScapeError("no band could be computed") }
        var result = PathResult(path: best.profile, target: best.label, representativesTried: targets.count, dense: nil)
        if settings.dense && !arch.isDense {
            progress?("path: the dense network")
            let denseArch = try NetworkArchitecture.dense(widths: arch.widths)
            let fd = try f.with(architecture: denseArch)
            let end = best.profile.images.last!
            result.dense = try Self.profile(fd, from: ParameterRemap.remap(start, from: arch, to: denseArch),
                                            to: ParameterRemap.remap(end, from: arch, to: denseArch), band: settings.band)
        }
        return result
    }

    /// One band, its saddle refined and certified, and the straight line's barrier.
    static func profile(_ f: LossFunction, from a: [Double], to b: [Double], band settings: ElasticBandSettings) throws -> PathProfile {
        let band = try NudgedElasticBand.run(f, from: a, to: b, settings: settings)
        let la = band.losses.first!, lb = band.losses.last!
        var saddle: PathSaddle? = nil
        var top = band.losses.max()!
        if let c = band.climbing {
            let refined = try GradientSystemSolver.solve(f, start: band.images[c], scale: try EscapeScale(f))
            let cert = try Certifier.certify(f, params: refined.params)
            // Keep Newton's point only when it is a saddle near the band's top.
            if cert.classification == .saddle && abs(cert.loss - band.losses[c]) <= 0.05 * max(abs(band.losses[c] - max(la, lb)), 1e-12) + 1e-9 * max(1, abs(cert.loss)) {
                saddle = PathSaddle(loss: cert.loss, index: cert.index ?? refined.index, classification: cert.classification,
                                    gradientNorm: cert.gradientNorm, params: refined.params)
                top = cert.loss   // the pass is the saddle itself, not the band's nearby image
            } else {
                saddle = PathSaddle(loss: band.losses[c], index: nil, classification: .notCritical,
                                    gradientNorm: EuclideanNorm.of(f.gradient(band.images[c])), params: band.images[c])
            }
        }
        let line = try LineSlice(f, center: a, direction: (0..<a.count).map { b[$0] - a[$0] }, from: 0, to: 1, count: 201)
        let scale = max(1, band.losses.map(abs).max() ?? 1)
        var up = false, down = false
        for k in 1..<band.losses.count {
            if band.losses[k] > band.losses[k - 1] + 1e-12 * scale { up = true }
            if band.losses[k] < band.losses[k - 1] - 1e-12 * scale { down = true }
        }
        let monotone = !(up && down)
        return PathProfile(startLoss: la, endLoss: lb, saddle: saddle, barrier: max(0, top - la), barrierFromEnd: max(0, top - lb),
                           lineBarrier: line.barrierHeight, monotone: monotone, losses: band.losses, arcLength: band.arcLength,
                           images: band.images, iterations: band.iterations, evaluations: band.evaluations,
                           maxForce: band.maxForce, converged: band.converged)
    }
}

extension PathResult {
    enum ExtraKeys: String, CodingKey { case target, representativesTried, dense }

    /// Writes the path's fields at the top level, then `target`, `representativesTried` and `dense`.
    public func encode(to encoder: Encoder) throws {
        try path.encode(to: encoder)
        var c = encoder.container(keyedBy: ExtraKeys.self)
        try c.encode(target, forKey: .target)
        try c.encode(representativesTried, forKey: .representativesTried)
        try c.encodeIfPresent(dense, forKey: .dense)
    }

    /// Reads the flat form.
    public init(from decoder: Decoder) throws {
        path = try PathProfile(from: decoder)
        let c = try decoder.container(keyedBy: ExtraKeys.self)
        target = try c.decode(String.self, forKey: .target)
        representativesTried = try c.decode(Int.self, forKey: .representativesTried)
        dense = try c.decodeIfPresent(PathProfile.self, forKey: .dense)
    }
}
