/// What the descent from a basin's grid points reaches.
public enum BasinKind: String, Codable, Sendable {
    /// A critical point certified as a local or global minimum.
    case minimum
    /// A critical point that is not certified a minimum: a saddle, or a degenerate point (`classification` says
    /// which). Descent reaches such points only from special starts, so a saddle basin is usually thin.
    case saddle
    /// A valley at infinity: ‖θ‖ grows without bound while the loss converges to `valleyLimit`.
    case valley
    /// No critical point and no convergent escape within the budget (and the polish, when on).
    case unconverged
    /// The loss became non-finite or exploded.
    case diverged
}

/// One basin of attraction on a slice: the grid points whose descent ends at the same place.
///
/// Critical end points are one basin when they have the same end-to-end product W₁⋯W_L and loss (the search's
/// equivalence: one point modulo the symmetries); escaping runs are one basin per valley limit; all unconverged
/// points form one basin, and so do all diverged points.
public struct Basin: Codable, Equatable, Sendable {
    /// Its index in `BasinGrid.basins` (the label of its grid points).
    public var id: Int
    /// What the descent reaches.
    public var kind: BasinKind
    /// The certified loss (minimum, saddle), or the lowest loss reached along the valley; nil otherwise.
    public var loss: Double?
    /// The certificate's verdict on the representative (minimum and saddle basins).
    public var classification: Classification?
    /// For a minimum: true when a known point or another basin is lower (from the certificate).
    public var spurious: Bool?
    /// For a valley: the extrapolated limit of the loss as ‖θ‖ → ∞.
    public var valleyLimit: Double?
    /// How many grid points belong to it.
    public var count: Int
    /// The representative end point (the run with the smallest ‖∇L‖; for a valley, the run that got lowest); nil
    /// for the unconverged and diverged basins.
    public var representative: [Double]?

    /// A basin.
    public init(id: Int, kind: BasinKind, loss: Double?, classification: Classification?, spurious: Bool?,
                valleyLimit: Double?, count: Int, representative: [Double]?) {
        self.id = id
        self.kind = kind
        self.loss = loss
        self.classification = classification
        self.spurious = spurious
        self.valleyLimit = valleyLimit
        self.count = count
        self.representative = representative
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, loss, classification, spurious, valleyLimit, count, representative
    }

    /// Encodes every field, absent ones as `null` (so readers of a sidecar see the same keys on every basin).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(kind, forKey: .kind)
        try c.encode(loss, forKey: .loss)
        try c.encode(classification, forKey: .classification)
        try c.encode(spurious, forKey: .spurious)
        try c.encode(valleyLimit, forKey: .valleyLimit)
        try c.encode(count, forKey: .count)
        try c.encode(representative, forKey: .representative)
    }
}
