/// The shape of a sparse linear network: layer widths and one 0/1 mask per layer.
///
/// Layer `l` (0-based here, `W_{l+1}` in the paper) maps width `widths[l]` to `widths[l+1]`; its mask is
/// stored row-major with rows = inputs and columns = outputs. The free parameters are the unmasked
/// entries, listed layer by layer, row-major within a layer (the canonical order).
public struct NetworkArchitecture: Equatable, Sendable {
    /// Widths `[d0 = dx, d1, …, dL = dy]`.
    public let widths: [Int]
    /// `masks[l]` is the row-major 0/1 mask of layer l, `widths[l] × widths[l+1]` entries.
    public let masks: [[Bool]]
    /// For each layer, the flat (row-major) positions of its free entries.
    public let freePositions: [[Int]]
    /// For each layer, the index in the parameter vector of its first free entry.
    public let parameterOffsets: [Int]
    /// The number of free parameters.
    public let parameterCount: Int

    /// Largest number of free parameters (or dense weights) accepted, to keep memory bounded.
    public static let maximumWeights = 50_000_000

    /// Builds and validates an architecture.
    public init(widths: [Int], masks: [[Bool]]) throws {
        guard widths.count >= 2 else { throw SparseScapeError("widths must list at least two layers (dx and dy), got \(widths.count)") }
        guard widths.allSatisfy({ $0 >= 1 }) else { throw SparseScapeError("widths must be positive integers, got \(widths)") }
        guard masks.count == widths.count - 1 else {
            throw SparseScapeError("expected \(widths.count - 1) masks for widths \(SafeText.list(widths)), got \(masks.count)")
        }
        var total = 0
        for l in 0..<masks.count {
            let (r, c) = widths[l].multipliedReportingOverflow(by: widths[l + 1])
            guard !c, r <= Self.maximumWeights else { throw SparseScapeError("layer \(l + 1) of size \(widths[l])x\(widths[l + 1]) is too large") }
            guard masks[l].count == r else {
                throw SparseScapeError("mask of layer \(l + 1) has \(masks[l].count) entries, expected \(widths[l])x\(widths[l + 1])")
            }
            total += r
            guard total <= Self.maximumWeights else { throw SparseScapeError("network has more than \(Self.maximumWeights) weights") }
        }
        self.widths = widths
        self.masks = masks
        var positions: [[Int]] = []
        var offsets: [Int] = []
        var count = 0
        for mask in masks {
            offsets.append(count)
            let free = mask.indices.filter { mask[$0] }
            positions.append(free)
            count += free.count
        }
        freePositions = positions
        parameterOffsets = offsets
        parameterCount = count
    }

    /// A fully connected architecture.
    public static func dense(widths: [Int]) throws -> NetworkArchitecture {
        try NetworkArchitecture(widths: widths, masks: (0..<(widths.count - 1)).map {
            [Bool](repeating: true, count: widths[$0] * widths[$0 + 1])
        })
    }

    /// Number of layers L.
    public var depth: Int { widths.count - 1 }
    /// Input width dx.
    public var inputWidth: Int { widths[0] }
    /// Output width dy.
    public var outputWidth: Int { widths[widths.count - 1] }

    /// The mask of layer `l` as nested rows of 0/1.
    public func maskRows(_ l: Int) -> [[Int]] {
        let c = widths[l + 1]
        return (0..<widths[l]).map { i in (0..<c).map { j in masks[l][i * c + j] ? 1 : 0 } }
    }

    /// True when every mask entry is 1.
    public var isDense: Bool { masks.allSatisfy { $0.allSatisfy { $0 } } }

    /// Where parameter `index` lives: (layer, row, column).
    public func location(ofParameter index: Int) -> (layer: Int, row: Int, col: Int) {
        var l = depth - 1
        while parameterOffsets[l] > index { l -= 1 }
        let flat = freePositions[l][index - parameterOffsets[l]]
        return (l, flat / widths[l + 1], flat % widths[l + 1])
    }

    /// The parameter index of weight (layer, row, col), or nil when that weight is masked.
    public func parameterIndex(layer: Int, row: Int, col: Int) -> Int? {
        let flat = row * widths[layer + 1] + col
        guard masks[layer][flat] else { return nil }
        // freePositions are sorted: binary search.
        let free = freePositions[layer]
        var lo = 0, hi = free.count
        while lo < hi { let mid = (lo + hi) / 2; if free[mid] < flat { lo = mid + 1 } else { hi = mid } }
        return parameterOffsets[layer] + lo
    }

    /// The dense weight matrices for a canonical parameter vector (masked entries are zero).
    public func weights(from params: [Double]) -> [Matrix] {
        precondition(params.count == parameterCount)
        return (0..<depth).map { l in
            var w = Matrix(rows: widths[l], cols: widths[l + 1])
            let off = parameterOffsets[l]
            for (k, flat) in freePositions[l].enumerated() { w.data[flat] = params[off + k] }
            return w
        }
    }

    /// The canonical parameter vector of dense weight matrices (masked entries are dropped).
    public func parameters(from weights: [Matrix]) -> [Double] {
        var out = [Double]()
        out.reserveCapacity(parameterCount)
        for l in 0..<depth { for flat in freePositions[l] { out.append(weights[l].data[flat]) } }
        return out
    }

    /// A random point: layer l's free weights are N(0, s_l²) with s_l = min(0.5, 1/√d_l) (d_l its input width),
    /// so wide layers start with outputs of moderate size; the paper's small networks get s = 0.5.
    public func randomPoint(_ g: inout SeededGenerator) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(parameterCount)
        for l in 0..<depth {
            let s = min(0.5, 1 / Double(widths[l]).squareRoot())
            for _ in freePositions[l] { out.append(s * g.gaussian()) }
        }
        return out
    }

    /// The same widths with one mask entry switched.
    public func toggling(layer: Int, row: Int, col: Int) throws -> NetworkArchitecture {
        var m = masks
        m[layer][row * widths[layer + 1] + col].toggle()
        return try NetworkArchitecture(widths: widths, masks: m)
    }

    /// Hidden nodes as (layer index in widths, node) pairs: layers 1…L−1.
    public var hiddenNodes: [(layer: Int, node: Int)] {
        var out: [(Int, Int)] = []
        for l in 1..<max(1, depth) where depth > 1 { for j in 0..<widths[l] { out.append((l, j)) } }
        return out
    }
}
