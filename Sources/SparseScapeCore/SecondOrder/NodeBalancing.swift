import Foundation

/// Balances each hidden node's incoming and outgoing weight norms, a move along the rescaling symmetry.
///
/// Scaling node j's incoming weights by c and its outgoing weights by 1/c leaves W₁⋯W_L, hence the loss, unchanged
/// (and respects every mask). With c = √(‖out‖/‖in‖) both norms become √(‖in‖·‖out‖). Balanced points are the
/// best-conditioned representatives of their rescaling orbit, which keeps Newton's steps well scaled; nodes with a
/// zero incoming or outgoing norm are left alone.
public struct NodeBalancing: Sendable {
    /// For each hidden node: the parameter indices of its incoming and outgoing weights.
    let nodes: [(incoming: [Int], outgoing: [Int])]
    /// Sweeps over all nodes (one suffices for two layers; deeper networks couple neighbouring layers).
    let sweeps: Int

    /// The hidden nodes of an architecture.
    public init(_ arch: NetworkArchitecture) {
        var nodes: [(incoming: [Int], outgoing: [Int])] = []
        if arch.depth >= 2 {
            for l in 1..<arch.depth {
                for j in 0..<arch.widths[l] {
                    let incoming = (0..<arch.widths[l - 1]).compactMap { arch.parameterIndex(layer: l - 1, row: $0, col: j) }
                    let outgoing = (0..<arch.widths[l + 1]).compactMap { arch.parameterIndex(layer: l, row: j, col: $0) }
                    if !incoming.isEmpty && !outgoing.isEmpty { nodes.append((incoming, outgoing)) }
                }
            }
        }
        self.nodes = nodes
        sweeps = arch.depth <= 2 ? 1 : 8
    }

    /// Balances `params` in place; returns the largest factor |log c| applied (0 when already balanced).
    @discardableResult
    public func balance(_ params: UnsafeMutablePointer<Double>) -> Double {
        var largest = 0.0
        for _ in 0..<sweeps {
            var sweepLargest = 0.0
            for node in nodes {
                var a = 0.0, b = 0.0
                for i in node.incoming { a += params[i] * params[i] }
                for i in node.outgoing { b += params[i] * params[i] }
                guard a > 0, b > 0, a.isFinite, b.isFinite else { continue }
                let c = (b / a).squareRoot().squareRoot()
                guard c.isFinite, c > 0, abs(c - 1) > 1e-12 else { continue }
                for i in node.incoming { params[i] *= c }
                for i in node.outgoing { params[i] /= c }
                sweepLargest = max(sweepLargest, abs(log(c)))
            }
            largest = max(largest, sweepLargest)
            if sweepLargest < 1e-6 { break }
        }
        return largest
    }

    /// A copy of `params` with every hidden node's outgoing weights scaled to unit norm (and its incoming weights by
    /// the inverse): the normalisation of the paper's Algorithm 1 (aᵢ has unit norm, wᵢ carries the singular value).
    public func unitOutgoing(_ params: [Double]) -> [Double] {
        var out = params
        for node in nodes {
            let b = node.outgoing.reduce(0.0) { $0 + out[$1] * out[$1] }.squareRoot()
            guard b > 0, b.isFinite else { continue }
            for i in node.incoming { out[i] *= b }
            for i in node.outgoing { out[i] /= b }
        }
        return out
    }

    /// A balanced copy of `params`.
    public func balanced(_ params: [Double]) -> [Double] {
        var out = params
        out.withUnsafeMutableBufferPointer { _ = balance($0.baseAddress!) }
        return out
    }
}
