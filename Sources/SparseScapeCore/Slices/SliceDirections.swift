/// How a slice's directions are chosen (all live in the free-parameter space: pruned weights never move).
public enum DirectionChoice: Equatable, Sendable {
    /// Seeded Gaussian directions of unit norm.
    case random
    /// Gaussian directions with each neuron's incoming block rescaled to the norm of that neuron's current weights.
    case normalized
    /// Hessian eigenvectors: by default the lowest and highest beyond the symmetry zeros, or by ascending index.
    case hessian(first: Int?, second: Int?)
    /// The negative gradient (unit norm) and a random second direction.
    case gradient
    /// From the center toward another point (reached at α = 1), and a random second direction.
    case toward(label: String, point: [Double])
    /// The plane through the center and two points: d₁ = first − center, d₂ = second − center (the points sit at
    /// (α, β) = (1, 0) and (0, 1)); e.g. start, saddle and end of a path.
    case plane(labels: [String], first: [Double], second: [Double])
    /// Given explicitly (e.g. from direction files).
    case given(d1: [Double], d2: [Double])
    /// The first two principal directions of a trajectory (`TrajectoryPCA`), labelled by its file.
    case pca(label: String, d1: [Double], d2: [Double])

    /// A short name for files and messages.
    public var name: String {
        switch self {
        case .random: return "random"
        case .normalized: return "normalized"
        case .hessian(let a, let b): return a == nil ? "hessian" : "hessian:\(a!),\(b ?? a! + 1)"
        case .gradient: return "gradient"
        case .toward(let label, _): return "toward:\(label)"
        case .plane(let labels, _, _): return "plane:" + labels.joined(separator: ",")
        case .given: return "files"
        case .pca(let label, _, _): return "pca:\(label)"
        }
    }
}

/// Constructs slice directions.
public enum SliceDirections {
    /// The two directions for `choice` at `center`; `orthogonalize` applies Gram–Schmidt to d₂ against d₁
    /// (keeping d₂'s length).
    public static func make(_ f: LossFunction, center: [Double], choice: DirectionChoice, seed: UInt64,
                            orthogonalize: Bool) throws -> (d1: [Double], d2: [Double]) {
        let n = f.parameterCount
        var rng = SeededGenerator(seed: seed)
        var pair: ([Double], [Double])
        switch choice {
        case .random:
            pair = (unit(rng.gaussianVector(n)), unit(rng.gaussianVector(n)))
        case .normalized:
            pair = (neuronNormalized(f.architecture, center: center, rng.gaussianVector(n)),
                    neuronNormalized(f.architecture, center: center, rng.gaussianVector(n)))
        case .hessian(let first, let second):
            pair = try hessianPair(f, center: center, first: first, second: second)
        case .gradient:
            let g = f.gradient(center)
            guard norm(g) > 0 else { throw SparseScapeError("the gradient is zero at this point; choose other directions") }
            pair = (unit(g.map { -$0 }), unit(rng.gaussianVector(n)))
            if !orthogonalize { pair.1 = gramSchmidt(pair.1, against: pair.0) }
        case .toward(_, let point):
            guard point.count == n else { throw SparseScapeError("the target point has \(point.count) values, expected \(n)") }
            let d = zip(point, center).map { $0 - $1 }
            guard norm(d) > 0 else { throw SparseScapeError("the target point equals the center") }
            // Second direction: random, orthogonal to d, of the same length (so the plane is not skewed).
            let r = gramSchmidt(unit(rng.gaussianVector(n)), against: d)
            pair = (d, scaled(unit(r), norm(d)))
        case .plane(_, let first, let second):
            guard first.count == n, second.count == n else {
                throw SparseScapeError("plane points must have \(n) values (the network's free weights), got \(first.count) and \(second.count)")
            }
            let d1 = zip(first, center).map { $0 - $1 }, d2 = zip(second, center).map { $0 - $1 }
            guard norm(d1) > 0, norm(d2) > 0 else { throw SparseScapeError("a plane point equals the center") }
            guard norm(gramSchmidt(d2, against: d1)) > 1e-12 * norm(d2) else { throw SparseScapeError("the three plane points are on one line") }
            pair = (d1, d2)
        case .given(let d1, let d2):
            guard d1.count == n, d2.count == n else {
                throw SparseScapeError("direction files must have \(n) values (the network's free weights), got \(d1.count) and \(d2.count)")
            }
            guard norm(d1) > 0, norm(d2) > 0 else { throw SparseScapeError("a direction is zero") }
            pair = (d1, d2)
        case .pca(_, let d1, let d2):
            guard d1.count == n, d2.count == n else {
                throw SparseScapeError("PCA directions must have \(n) values (the network's free weights), got \(d1.count) and \(d2.count)")
            }
            pair = (d1, d2)
        }
        if orthogonalize { pair.1 = gramSchmidt(pair.1, against: pair.0) }
        guard (pair.0 + pair.1).allSatisfy({ $0.isFinite }) else { throw SparseScapeError("a direction is not finite") }
        return pair
    }

    /// Each neuron's incoming block (its column's free entries in one layer) rescaled to the norm of the
    /// center's weights in that block (the analogue of filter normalisation; dead neurons get zero).
    public static func neuronNormalized(_ arch: NetworkArchitecture, center: [Double], _ raw: [Double]) -> [Double] {
        var out = raw
        for l in 0..<arch.depth {
            let cols = arch.widths[l + 1]
            var blocks = [[Int]](repeating: [], count: cols)
            for (k, flat) in arch.freePositions[l].enumerated() { blocks[flat % cols].append(arch.parameterOffsets[l] + k) }
            for block in blocks where !block.isEmpty {
                let target = block.reduce(0.0) { $0 + center[$1] * center[$1] }.squareRoot()
                let current = block.reduce(0.0) { $0 + raw[$1] * raw[$1] }.squareRoot()
                for i in block { out[i] = current > 0 ? raw[i] * target / current : 0 }
            }
        }
        return out
    }

    /// Eigenvectors of the Hessian: indices in ascending order; defaults skip the symmetry zeros.
    static func hessianPair(_ f: LossFunction, center: [Double], first: Int?, second: Int?) throws -> ([Double], [Double]) {
        let h = try f.hessian(center)
        let eig = try SymmetricEigen(h, vectors: true)
        let n = eig.values.count
        let k = try SymmetryAnalysis.zeroEigenvalueCount(f.architecture, center, threshold: 1e-9)
        // Symmetry zeros are the k eigenvalues closest to zero; "beyond" them: lowest and highest of the rest.
        let order = (0..<n).sorted { abs(eig.values[$0]) < abs(eig.values[$1]) }
        let symmetric = Set(order.prefix(k))
        let rest = (0..<n).filter { !symmetric.contains($0) }
        let i = first ?? rest.first ?? 0
        let j = second ?? (first.map { $0 + 1 } ?? rest.last ?? min(1, n - 1))
        guard i >= 0, i < n, j >= 0, j < n, i != j else {
            throw SparseScapeError("Hessian eigenvector indices must be distinct and between 0 and \(n - 1), got \(i) and \(j)")
        }
        let q = eig.vectors!
        return ((0..<n).map { q[$0, i] }, (0..<n).map { q[$0, j] })
    }

    /// v minus its projection on u, rescaled to v's original length.
    public static func gramSchmidt(_ v: [Double], against u: [Double]) -> [Double] {
        let uu = dot(u, u)
        guard uu > 0 else { return v }
        let c = dot(v, u) / uu
        let r = zip(v, u).map { $0 - c * $1 }
        let nr = norm(r)
        return nr > 0 ? scaled(r, norm(v) / nr) : r
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
    static func norm(_ a: [Double]) -> Double { dot(a, a).squareRoot() }
    static func unit(_ a: [Double]) -> [Double] { let n = norm(a); return n > 0 ? a.map { $0 / n } : a }
    static func scaled(_ a: [Double], _ s: Double) -> [Double] { a.map { $0 * s } }
}
