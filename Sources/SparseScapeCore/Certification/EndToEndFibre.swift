/// The fibre of the map θ ↦ X·W₁⋯W_L through a point: the zero eigenvalues the loss owes to the fitted values alone.
///
/// The loss depends on θ only through X·P, so it is constant on each fibre {θ′ : X·P(θ′) = X·P(θ)} (rows of P that X
/// cannot see, such as those of a blank pixel, are free). Where the Jacobian J_P
/// has its generic (largest) rank r, the constant-rank theorem makes the fibre a manifold of dimension p − r, and at a
/// critical point with H ⪰ 0 its tangent lies in H's kernel; positive curvature on the other r directions then makes
/// the point a local minimum (strict modulo the fibre). The fibre contains the orbits of the rescaling and
/// nested-support mixing symmetries (`SymmetryAnalysis`), and can be larger: two hidden nodes that see the same single
/// input, for instance, carry one more flat direction than the symmetries explain.
public enum EndToEndFibre {
    /// Largest Jacobian (entries) for which the fibre is computed.
    public static let entryLimit = 4_000_000

    /// J_P at `params`: column j holds ∂P/∂θ_j = (column a of W₁⋯W_{l−1}) ⊗ (row b of W_{l+1}⋯W_L), flattened row-major.
    public static func jacobian(_ arch: NetworkArchitecture, _ params: [Double]) -> Matrix {
        let w = arch.weights(from: params)
        let depth = arch.depth, dx = arch.inputWidth, dy = arch.outputWidth
        var prefix = [Matrix.identity(dx)]
        for l in 0..<depth { prefix.append(prefix[l].multiplied(by: w[l])) }
        var suffix = [Matrix](repeating: Matrix.identity(dy), count: depth + 1)
        var l = depth - 1
        while l >= 0 { suffix[l] = w[l].multiplied(by: suffix[l + 1]); l -= 1 }
        var j = Matrix(rows: dx * dy, cols: arch.parameterCount)
        for layer in 0..<depth {
            let a = prefix[layer], b = suffix[layer + 1]
            let cols = arch.widths[layer + 1]
            for (k, pos) in arch.freePositions[layer].enumerated() {
                let row = pos / cols, col = pos % cols
                let c = arch.parameterOffsets[layer] + k
                for i in 0..<dx {
                    let ai = a[i, row]
                    if ai == 0 { continue }
                    for q in 0..<dy { j[i * dy + q, c] = ai * b[col, q] }
                }
            }
        }
        return j
    }

    /// Numerical rank: singular values above 10⁻⁹ of the largest.
    static func rank(_ m: Matrix) throws -> Int {
        let s = try SingularValueDecomposition(m).singularValues
        let top = s.first ?? 0
        return top > 0 ? s.filter { $0 > 1e-9 * top }.count : 0
    }

    /// p − rank J_{XP}(θ) when θ is a regular point of θ ↦ X·P (its rank equals the generic rank, found at random
    /// points); nil when θ is a singular point or the Jacobian is too large.
    public static func dimension(_ f: LossFunction, _ params: [Double]) throws -> Int? {
        let arch = f.architecture
        let p = arch.parameterCount
        guard p > 0, arch.inputWidth * arch.outputWidth * p <= entryLimit else { return nil }
        let seen = try dataRange(f.statistics.gram)
        let here = try rank(seen(jacobian(arch, params)))
        var rng = SeededGenerator(seed: 0x5EED)
        var generic = 0
        for _ in 0..<2 { generic = max(generic, try rank(seen(jacobian(arch, rng.gaussianVector(p))))) }
        return here == generic ? p - here : nil
    }

    /// J ↦ (S ⊗ I_dy)·J with S = Λ^{1/2}Uᵀ over the eigenvalues of G = XᵀX above 10⁻¹² of the largest: the Jacobian of
    /// X·P up to an orthogonal factor (the same rank).
    static func dataRange(_ gram: Matrix) throws -> (Matrix) -> Matrix {
        let eig = try SymmetricEigen(gram, vectors: true)
        let top = eig.values.map(abs).max() ?? 0
        let kept = eig.values.indices.filter { eig.values[$0] > 1e-12 * top }
        let dx = gram.rows
        var s = Matrix(rows: kept.count, cols: dx)
        for (r, k) in kept.enumerated() {
            let root = eig.values[k].squareRoot()
            for i in 0..<dx { s[r, i] = root * eig.vectors![i, k] }
        }
        return { j in
            let dy = j.rows / max(1, dx)
            var out = Matrix(rows: kept.count * dy, cols: j.cols)
            for r in 0..<kept.count {
                for i in 0..<dx {
                    let c = s[r, i]
                    if c == 0 { continue }
                    for q in 0..<dy {
                        let src = (i * dy + q) * j.cols, dst = (r * dy + q) * j.cols
                        for col in 0..<j.cols { out.data[dst + col] += c * j.data[src + col] }
                    }
                }
            }
            return out
        }
    }
}
