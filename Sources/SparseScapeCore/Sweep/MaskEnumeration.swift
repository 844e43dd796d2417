/// The masks a sweep visits, in a fixed order: every mask up to hidden-node permutations, or a seeded sample.
///
/// Exact enumeration lists one representative per orbit (the smallest encoding, see `MaskCanonicalizer`), in
/// increasing order of that encoding, with the orbit's size. A sample draws mask i from its own random stream
/// (each weight kept with probability ½), so mask i is the same whatever else is computed.
public struct MaskEnumeration: Sendable {
    /// How the masks were chosen.
    public enum Mode: Sendable, Equatable {
        /// Every mask, one per orbit of hidden-node permutations.
        case exact
        /// `count` random masks from `seed`.
        case sample(count: Int, seed: UInt64)
    }

    /// Widths of the architecture.
    public let widths: [Int]
    /// The mode.
    public let mode: Mode
    /// Number of masks in the sweep.
    public let count: Int
    /// Exact mode: the canonical encodings, ascending.
    let representatives: [UInt64]
    /// Exact mode: the orbit size of each representative.
    let orbitSizes: [Int]
    /// Exact mode: the canonicaliser.
    let canonicalizer: MaskCanonicalizer?

    /// Largest number of masks (2^20) enumerated exactly.
    public static let exactLimit = 1 << 20
    /// Largest total work (masks × brute-force permutations per mask) for exact enumeration.
    public static let exactWorkLimit = 1 << 28
    /// Largest sample.
    public static let sampleLimit = 100_000_000

    /// Total number of weights of these widths (mask entries over all layers).
    public static func weightCount(_ widths: [Int]) -> Int {
        (0..<(widths.count - 1)).reduce(0) { $0 + widths[$1] * widths[$1 + 1] }
    }

    /// Every mask of `widths` up to hidden-node permutations; refuses more than 2^20 masks.
    public static func exact(widths: [Int]) throws -> MaskEnumeration {
        let w = weightCount(widths)
        guard w <= 20 else {
            let count = w < 63 ? String(1 << w) : "2^\(w)"
            throw SparseScapeError("widths \(SafeText.list(widths)) have \(w) weights, so \(count) masks: more than \(exactLimit) (2^20) to enumerate", remedy: .sampleMasks)
        }
        let canon = try MaskCanonicalizer(widths: widths)
        let total = 1 << w
        guard total.multipliedReportingOverflow(by: canon.bruteForceCount).partialValue <= exactWorkLimit,
              !total.multipliedReportingOverflow(by: canon.bruteForceCount).overflow else {
            throw SparseScapeError("enumerating the masks of widths \(SafeText.list(widths)) up to node permutations would try \(total) masks × \(canon.bruteForceCount) permutations", remedy: .sampleMasks)
        }
        var tally: [UInt64: Int] = [:]
        for c in 0..<UInt64(total) {
            tally[canon.canonicalCode(canon.bits(code: c)), default: 0] += 1
        }
        let reps = tally.keys.sorted()
        return MaskEnumeration(widths: widths, mode: .exact, count: reps.count, representatives: reps,
                               orbitSizes: reps.map { tally[$0]! }, canonicalizer: canon)
    }

    /// `count` random masks of `widths` (each weight kept with probability ½), mask i from stream i of `seed`.
    public static func sample(widths: [Int], count: Int, seed: UInt64) throws -> MaskEnumeration {
        guard count >= 1 else { throw SparseScapeError(.sample, "must be at least 1, got \(count)") }
        guard count <= sampleLimit else { throw SparseScapeError(.sample, "\(count) is too large (at most \(sampleLimit))") }
        guard widths.count >= 2, widths.allSatisfy({ $0 >= 1 }) else { throw SparseScapeError("invalid widths \(SafeText.list(widths))") }
        guard weightCount(widths) <= NetworkArchitecture.maximumWeights else { throw SparseScapeError("widths \(SafeText.list(widths)) have too many weights") }
        return MaskEnumeration(widths: widths, mode: .sample(count: count, seed: seed), count: count, representatives: [],
                               orbitSizes: [], canonicalizer: nil)
    }

    /// True for exact enumeration.
    public var isExact: Bool { mode == .exact }

    /// Number of masks represented: 2^weights for exact enumeration (the sum of orbit sizes), else the sample size.
    public var representedMasks: Int { isExact ? orbitSizes.reduce(0, +) : count }

    /// Mask `index` (0-based), one row-major 0/1 array per layer.
    public func masks(at index: Int) -> [[Bool]] {
        precondition(index >= 0 && index < count)
        switch mode {
        case .exact:
            let canon = canonicalizer!
            return canon.layerMasks(canon.bits(code: representatives[index]))
        case .sample(_, let seed):
            var g = SeededGenerator(seed: seed ^ 0x6D61_736B_5F73_6D70, stream: index)
            return (0..<(widths.count - 1)).map { l in (0..<(widths[l] * widths[l + 1])).map { _ in g.uniform() < 0.5 } }
        }
    }

    /// The size of mask `index`'s orbit under hidden-node permutations (exact mode), else nil.
    public func orbitSize(at index: Int) -> Int? { isExact ? orbitSizes[index] : nil }

    /// The canonical encoding of mask `index` as hex (exact mode), else nil.
    public func code(at index: Int) -> String? {
        guard isExact else { return nil }
        return "0x" + String(representatives[index], radix: 16)
    }

    /// The index of the mask equivalent to `masks` (the same orbit in exact mode, the identical mask in a
    /// sample, looked for among its first 100000 masks), or nil when the sweep does not contain it.
    public func index(of masks: [[Bool]]) -> Int? {
        guard masks.count == widths.count - 1 else { return nil }
        switch mode {
        case .exact:
            let canon = canonicalizer!
            let c = canon.canonicalCode(canon.flatBits(masks))
            var lo = 0, hi = representatives.count
            while lo < hi { let mid = (lo + hi) / 2; if representatives[mid] < c { lo = mid + 1 } else { hi = mid } }
            return lo < representatives.count && representatives[lo] == c ? lo : nil
        case .sample:
            return (0..<min(count, 100_000)).first { self.masks(at: $0) == masks }
        }
    }
}
