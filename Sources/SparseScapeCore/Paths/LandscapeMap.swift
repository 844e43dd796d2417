/// A minimum of the landscape map.
public struct LandscapeMinimum: Codable, Sendable {
    /// Its number (1-based, by loss).
    public var id: Int
    /// Its loss.
    public var loss: Double
    /// Its classification (global-minimum or local-minimum, or degenerate).
    public var classification: Classification
    /// Spurious (a lower point is known).
    public var spurious: Bool?
    /// How many critical-point solves reached it.
    public var count: Int
    /// Its parameters.
    public var params: [Double]
}

/// An index-1 saddle and the two minima it joins.
public struct LandscapeSaddle: Codable, Sendable {
    /// Its number (1-based, by loss).
    public var id: Int
    /// Its loss.
    public var loss: Double
    /// Its index (1 for the saddles the map uses).
    public var index: Int
    /// The minima reached by descending from it along ± its negative eigenvector (ids; nil when that side escapes).
    public var joins: [Int?]
    /// Where each side went when it reached no known minimum ("escaping", a loss).
    public var sides: [String]
    /// Where it came from: "critical" or "path i–j".
    public var source: String
    /// Its parameters.
    public var params: [Double]
}

/// The lowest barrier between two minima: the lowest saddle level at which they join in the disconnectivity graph.
public struct LandscapeBarrier: Codable, Sendable {
    /// The two minima.
    public var minima: [Int]
    /// The level at which they join (nil when no chain of known saddles joins them).
    public var level: Double?
    /// Level minus the higher minimum's loss.
    public var barrier: Double?
}

/// The map of a small landscape: minima, index-1 saddles and what they join, valleys at infinity, and the
/// disconnectivity graph with the lowest barrier between every pair of minima.
public struct LandscapeMap: Codable, Sendable {
    /// The minima, lowest first.
    public var minima: [LandscapeMinimum]
    /// The index-1 saddles, lowest first.
    public var saddles: [LandscapeSaddle]
    /// Lowest barriers between every pair of minima.
    public var barriers: [LandscapeBarrier]
    /// Valleys at infinity found by the saddle descents (limit losses).
    public var valleys: [Double]
    /// Critical-point starts.
    public var starts: Int

    /// Graphviz DOT: minima as boxes, saddles as ellipses, one edge from each saddle to each minimum it joins.
    public func dot(name: String) -> String {
        var s = "graph \"\(name)\" {\n  rankdir=BT;\n"
        for m in minima {
            s += "  m\(m.id) [shape=box, label=\"M\(m.id)\\nL = \(NumberFormat.g(m.loss, 8))\\n\(m.classification.rawValue)\(m.spurious == true ? " (spurious)" : "")\"];\n"
        }
        for v in valleys.indices { s += "  v\(v + 1) [shape=plaintext, label=\"valley at infinity\\nL → \(NumberFormat.g(valleys[v], 8))\"];\n" }
        for sd in saddles {
            s += "  s\(sd.id) [shape=ellipse, label=\"S\(sd.id)\\nL = \(NumberFormat.g(sd.loss, 8))\\nindex \(sd.index)\"];\n"
            for j in sd.joins.compactMap({ $0 }) { s += "  s\(sd.id) -- m\(j);\n" }
        }
        return s + "}\n"
    }
}

/// Builds landscape maps.
public enum Landscape {
    /// Maps the landscape of `f` from `starts` critical-point starts, and paths between the `pathMinima` lowest minima.
    public static func map(_ f: LossFunction, starts: Int, seed: UInt64, pathMinima: Int = 4,
                           progress: (@Sendable (String) -> Void)? = nil) throws -> LandscapeMap {
        progress?("landscape: critical points from \(starts) starts")
        let found = try CriticalPointSearch.run(f, settings: try CriticalSearchSettings(starts: starts, seed: seed))
        let scale = ProblemScale(f)
        var minima = found.points.filter { $0.classification.isMinimum || ($0.classification == .degenerate && $0.index == 0) }
            .map { LandscapeMinimum(id: 0, loss: $0.loss, classification: $0.classification, spurious: $0.certificate.spurious,
                                    count: $0.count, params: $0.params) }
        var saddlePoints: [(loss: Double, params: [Double], source: String)] = found.points.filter { $0.classification == .saddle && $0.index == 1 }
            .map { ($0.loss, $0.params, "critical") }
        // Paths between the lowest minima find passes the starts may have missed.
        let lowest = Array(minima.prefix(pathMinima))
        let band = try ElasticBandSettings(images: 21, maxIterations: 3000)
        for i in lowest.indices {
            for j in lowest.indices where j > i {
                progress?("landscape: path M\(i + 1)–M\(j + 1)")
                let r = try MinimumEnergyPath.run(f, from: lowest[i].params, to: lowest[j].params,
                                                  settings: PathSettings(band: band, candidates: 2, dense: false))
                if let s = r.path.saddle, s.classification == .saddle, s.index == 1 { saddlePoints.append((s.loss, s.params, "path M\(i + 1)–M\(j + 1)")) }
            }
        }
        // Distinct saddles (by product and loss).
        var saddles: [(loss: Double, params: [Double], source: String)] = []
        for s in saddlePoints.sorted(by: { $0.loss < $1.loss }) {
            let p = f.endToEnd(s.params)
            if !saddles.contains(where: { abs($0.loss - s.loss) <= scale.lossMargin(1e-7, at: s.loss) && scale.sameProduct(f.endToEnd($0.params), p) }) {
                saddles.append(s)
            }
        }
        minima.sort { $0.loss < $1.loss }
        for k in minima.indices { minima[k].id = k + 1 }
        // Descend from each saddle along ± its negative eigenvector.
        var valleys: [Double] = []
        let judge = try RunJudge(f)
        var mapped: [LandscapeSaddle] = []
        for (k, s) in saddles.enumerated() {
            progress?("landscape: descending from saddle \(k + 1)/\(saddles.count)")
            let v = try Self.mostNegativeDirection(f, at: s.params)
            let step = 1e-3 * max(1, EuclideanNorm.of(s.params))
            var joins: [Int?] = [], sides: [String] = []
            for sign in [1.0, -1.0] {
                let start = (0..<v.count).map { s.params[$0] + sign * step * v[$0] }
                let kind = SearchDefaults.optimizer
                let r = try Trainer.train(f, start: start, settings: try OptimizerSettings(kind: kind),
                                          rules: judge.bounded(try StoppingRules(maxSteps: SearchDefaults.steps(for: kind), gradientTolerance: 0)))
                let end = RunFinisher.finish(f, restart: 0, result: r, judge: judge)
                if end.run.outcome == .escaping {
                    let limit = end.run.valleyLimit ?? end.run.loss
                    if !valleys.contains(where: { abs($0 - limit) <= 1e-4 * max(1, abs(limit)) }) { valleys.append(limit) }
                    joins.append(nil); sides.append("escaping (L → \(NumberFormat.g(limit, 8)))")
                    continue
                }
                let p = f.endToEnd(end.params)
                if let m = minima.first(where: { abs($0.loss - end.run.loss) <= scale.lossMargin(1e-6, at: end.run.loss) && scale.sameProduct(f.endToEnd($0.params), p) }) {
                    joins.append(m.id); sides.append("M\(m.id)")
                } else {
                    joins.append(nil); sides.append("\(end.run.outcome.rawValue) at L = \(NumberFormat.g(end.run.loss, 10))")
                }
            }
            mapped.append(LandscapeSaddle(id: k + 1, loss: s.loss, index: 1, joins: joins, sides: sides, source: s.source, params: s.params))
        }
        valleys.sort()
        return LandscapeMap(minima: minima, saddles: mapped, barriers: Self.lowestBarriers(minima, mapped), valleys: valleys, starts: starts)
    }

    /// The unit eigenvector of the Hessian's smallest eigenvalue at `params`: from the dense decomposition up to the
    /// critical search's dense limit, from Lanczos on Hessian-vector products above.
    static func mostNegativeDirection(_ f: LossFunction, at params: [Double]) throws -> [Double] {
        if f.parameterCount <= GradientSystemSolver.denseLimit {
            let eig = try SymmetricEigen(try f.hessian(params), vectors: true)
            return (0..<f.parameterCount).map { eig.vectors![$0, 0] }
        }
        let op = HessianOperator(f, at: params)
        let r = try LanczosEigensolver.extremes(dimension: f.parameterCount, settings: LanczosSettings(tolerance: 1e-8, relativeToSpectrum: true),
                                                smallestVector: true) { op.apply($0, into: $1) }
        guard let v = r.smallestRitzVector, v.allSatisfy({ $0.isFinite }) else { throw SparseScapeError("the Hessian's smallest eigenvector is not finite") }
        return v
    }

    /// The minimax level between every pair of minima over chains of saddles (Kruskal order, union–find).
    static func lowestBarriers(_ minima: [LandscapeMinimum], _ saddles: [LandscapeSaddle]) -> [LandscapeBarrier] {
        var parent = Array(0...minima.count)
        func find(_ x: Int) -> Int { var x = x; while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }; return x }
        var level = [[Double?]](repeating: [Double?](repeating: nil, count: minima.count + 1), count: minima.count + 1)
        for s in saddles.sorted(by: { $0.loss < $1.loss }) {
            let ids = s.joins.compactMap { $0 }
            guard ids.count == 2 else { continue }
            let a = find(ids[0]), b = find(ids[1])
            if a == b { continue }
            for i in 1...minima.count where find(i) == a { for j in 1...minima.count where find(j) == b { level[i][j] = s.loss; level[j][i] = s.loss } }
            parent[a] = b
        }
        var out: [LandscapeBarrier] = []
        for i in minima.indices { for j in minima.indices where j > i {
            let l = level[i + 1][j + 1]
            out.append(LandscapeBarrier(minima: [i + 1, j + 1], level: l, barrier: l.map { $0 - max(minima[i].loss, minima[j].loss) }))
        } }
        return out
    }
}
