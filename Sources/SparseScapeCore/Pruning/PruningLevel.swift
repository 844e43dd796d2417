/// One level of a pruning run: its mask, where training from its start ended, and that point's certificate.
public struct PruningLevel: Encodable, Sendable {
    /// 0 for the unpruned network, then 1, 2, ….
    public var level: Int
    /// The fraction of the config's free weights pruned: 1 − freeWeights / (the config's free weights).
    public var sparsity: Double
    /// Free weights left.
    public var freeWeights: Int
    /// The weights removed to make this level's mask (from the previous level's mask for `imp`, from the config's
    /// mask for the one-shot methods).
    public var prunedEdges: [EdgePosition]
    /// The optimizer step whose weights started this level (`imp`: the rewind point; nil otherwise).
    public var rewindStep: Int?
    /// The loss at this level's start point.
    public var startLoss: Double
    /// The loss where training ended (after the Newton polish).
    public var loss: Double
    /// ‖∇L‖ there.
    public var gradientNorm: Double
    /// loss − the dense optimum (the global minimum of the dense network of the same widths).
    public var denseGap: Double
    /// The training run as a search run: outcome (critical, escaping, diverged, unconverged), steps, polish, reason.
    public var run: SearchRun
    /// True when the run did not converge and its first phase ended with ‖θ‖ still growing while the loss fell
    /// (`TrainingResult.escapeSuspected`): the mark of a slow valley at infinity, which the escape test could not
    /// follow far enough to prove.
    public var drifting: Bool
    /// The certificate of the trained point (nil when training diverged or escaped).
    public var certificate: Certificate?
    /// The verdict, from the certificate and the best known point of this mask.
    public var verdict: PruneVerdict
    /// The lowest loss known for this mask: the trained point, the short search and the closed form where there is one.
    public var bestKnownLoss: Double
    /// True when the best known loss is proven global (closed form, or an attained lower bound).
    public var bestKnownIsGlobal: Bool
    /// The winning-ticket answer: training from this level's start reached the mask's global minimum (proven, or its
    /// proven value) or the best minimum the short search knows (`verdict` global, global-value or best-known).
    public var reachesBest: Bool
    /// The distinct minima of the short search on this mask, lowest first (empty without a search).
    public var searchMinima: [Double]
    /// The lowest loss any run of that search reached, critical or not (nil without a search).
    public var searchLowestLoss: Double?
    /// Random starts of that search.
    public var searchRestarts: Int
    /// Wall-clock seconds for this level (training, polish, search, certificate).
    public var seconds: Double
    /// The start point of this level's training (canonical order of this level's mask).
    public var start: [Double]
    /// The trained point.
    public var params: [Double]
    /// The mask (not encoded: `prunedEdges` give it).
    public var architecture: NetworkArchitecture
    /// The best point known for this mask (the trained point when nothing lower was found; not encoded).
    public var bestParams: [Double]

    enum CodingKeys: String, CodingKey {
        case level, sparsity, freeWeights, prunedEdges, rewindStep, startLoss, loss, gradientNorm, denseGap, run, drifting, certificate
        case verdict, bestKnownLoss, bestKnownIsGlobal, reachesBest, searchMinima, searchLowestLoss, searchRestarts, seconds, start, params
    }

    /// Encodes every field, with explicit nulls.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(level, forKey: .level)
        try c.encode(sparsity, forKey: .sparsity)
        try c.encode(freeWeights, forKey: .freeWeights)
        try c.encode(prunedEdges, forKey: .prunedEdges)
        try c.encode(rewindStep, forKey: .rewindStep)
        try c.encode(startLoss, forKey: .startLoss)
        try c.encode(loss, forKey: .loss)
        try c.encode(gradientNorm, forKey: .gradientNorm)
        try c.encode(denseGap, forKey: .denseGap)
        try c.encode(run, forKey: .run)
        try c.encode(drifting, forKey: .drifting)
        try c.encode(certificate, forKey: .certificate)
        try c.encode(verdict, forKey: .verdict)
        try c.encode(bestKnownLoss, forKey: .bestKnownLoss)
        try c.encode(bestKnownIsGlobal, forKey: .bestKnownIsGlobal)
        try c.encode(reachesBest, forKey: .reachesBest)
        try c.encode(searchMinima, forKey: .searchMinima)
        try c.encode(searchLowestLoss, forKey: .searchLowestLoss)
        try c.encode(searchRestarts, forKey: .searchRestarts)
        try c.encode(seconds, forKey: .seconds)
        try c.encode(start, forKey: .start)
        try c.encode(params, forKey: .params)
    }
}
