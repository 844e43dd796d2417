/// How `sparsescape prune` chooses the weights to remove.
public enum PruningMethod: String, CaseIterable, Codable, Sendable {
    /// One shot: the smallest |w| of the trained network, then fine-tuning from the pruned trained point.
    case magnitude
    /// One shot: a seeded random choice, trained from the start point.
    case random
    /// One shot: the smallest SNIP scores |∂L/∂w · w| at the start point, trained from the start point.
    case snip
    /// Iterative magnitude pruning: train, prune a fraction of the remaining weights, rewind, repeat.
    case imp

    /// True for the methods that prune once to each level's sparsity (every method but `imp`).
    public var isOneShot: Bool { self != .imp }

    /// Parses a method name.
    public static func parse(_ name: String) throws -> PruningMethod {
        guard let m = PruningMethod(rawValue: name.lowercased()) else {
            throw SparseScapeError("unknown pruning method \(SafeText.quoted(name)) (choose from: \(allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return m
    }
}
