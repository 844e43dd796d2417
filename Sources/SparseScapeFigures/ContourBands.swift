import SparseScapeCore

/// Filled contours and contour lines of values on a rectangular grid, by marching triangles.
///
/// Each grid cell is split into two triangles on which the value is linear, so bands and lines are exact for that
/// interpolant and meet without gaps. Cells lying wholly in one band are merged into runs (one rectangle per run),
/// and only the cells that a level crosses are cut into polygons: the SVG stays small. Levels are compared in the
/// caller's units (e.g. log₁₀ of the loss for a log colour scale).
struct ContourBands {
    /// The pixel column of each grid node along the first axis (α).
    let xs: [Double]
    /// The pixel row of each grid node along the second axis (β).
    let ys: [Double]
    /// Values, first axis outer: `values[i * ys.count + j]` (non-finite values fall in the lowest band).
    let values: [Double]
    /// The levels, ascending; band k lies between levels k−1 and k (band 0 below the first, the last above the last).
    let levels: [Double]

    /// A filled piece of one band.
    enum Piece {
        /// An axis-aligned rectangle (a run of whole cells).
        case rect(x: Double, y: Double, width: Double, height: Double)
        /// A polygon (part of a triangle).
        case polygon([(x: Double, y: Double)])
    }

    /// The value at node (i, j).
    func value(_ i: Int, _ j: Int) -> Double {
        let v = values[i * ys.count + j]
        return v.isFinite ? v : -Double.infinity
    }

    /// The band of a value: how many levels are at or below it.
    func band(_ v: Double) -> Int {
        var lo = 0, hi = levels.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if levels[mid] <= v { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The filled pieces of every band (index = band).
    func fills() -> [[Piece]] {
        var out = [[Piece]](repeating: [], count: levels.count + 1)
        guard xs.count >= 2, ys.count >= 2 else { return out }
        for j in 0..<(ys.count - 1) {
            var runStart: Int? = nil, runBand = 0
            func closeRun(_ end: Int) {
                guard let s = runStart else { return }
                let x0 = min(xs[s], xs[end]), x1 = max(xs[s], xs[end])
                let y0 = min(ys[j], ys[j + 1]), y1 = max(ys[j], ys[j + 1])
                out[runBand].append(.rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0))
                runStart = nil
            }
            for i in 0..<(xs.count - 1) {
                let corners = [value(i, j), value(i + 1, j), value(i + 1, j + 1), value(i, j + 1)]
                let bands = corners.map(band)
                if bands.allSatisfy({ $0 == bands[0] }) {
                    if runStart != nil && runBand != bands[0] { closeRun(i) }
                    if runStart == nil { runStart = i; runBand = bands[0] }
                    continue
                }
                closeRun(i)
                let p = [(xs[i], ys[j], corners[0]), (xs[i + 1], ys[j], corners[1]), (xs[i + 1], ys[j + 1], corners[2]), (xs[i], ys[j + 1], corners[3])]
                for tri in [[p[0], p[1], p[2]], [p[0], p[2], p[3]]] {
                    let tb = tri.map { band($0.2) }
                    for b in tb.min()!...tb.max()! {
                        let lo = b == 0 ? -Double.infinity : levels[b - 1]
                        let hi = b == levels.count ? Double.infinity : levels[b]
                        var poly = Self.clip(tri, keepAbove: lo)
                        poly = Self.clip(poly, keepBelow: hi)
                        if poly.count >= 3 { out[b].append(.polygon(poly.map { ($0.0, $0.1) })) }
                    }
                }
            }
            closeRun(xs.count - 1)
        }
        return out
    }

    /// The part of a polygon (x, y, value) where value ≥ `level` (Sutherland–Hodgman on the linear interpolant).
    static func clip(_ poly: [(Double, Double, Double)], keepAbove level: Double) -> [(Double, Double, Double)] {
        guard level > -Double.infinity else { return poly }
        return clip(poly) { $0 >= level } cross: { level }
    }

    /// The part of a polygon where value ≤ `level`.
    static func clip(_ poly: [(Double, Double, Double)], keepBelow level: Double) -> [(Double, Double, Double)] {
        guard level < Double.infinity else { return poly }
        return clip(poly) { $0 <= level } cross: { level }
    }

    /// Sutherland–Hodgman against one half-space `inside(value)`, with the boundary at `cross()`.
    static func clip(_ poly: [(Double, Double, Double)], inside: (Double) -> Bool, cross: () -> Double) -> [(Double, Double, Double)] {
        guard !poly.isEmpty else { return [] }
        var out: [(Double, Double, Double)] = []
        let level = cross()
        for k in poly.indices {
            let a = poly[k], b = poly[(k + 1) % poly.count]
            let ina = inside(a.2), inb = inside(b.2)
            if ina { out.append(a) }
            if ina != inb, a.2.isFinite, b.2.isFinite, a.2 != b.2 {
                let t = (level - a.2) / (b.2 - a.2)
                out.append((a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1), level))
            } else if ina != inb {
                // An infinite end (a non-finite value): the crossing is at the finite end.
                out.append(a.2.isFinite ? (a.0, a.1, level) : (b.0, b.1, level))
            }
        }
        return out
    }

    /// The contour line of `level` as pixel polylines (segments chained where they meet).
    func lines(at level: Double) -> [[(x: Double, y: Double)]] {
        guard xs.count >= 2, ys.count >= 2 else { return [] }
        let n = ys.count
        func node(_ i: Int, _ j: Int) -> Int { i * n + j }
        // A crossing point is named by its edge (the two node numbers), so neighbouring triangles share it.
        var points: [Int: (x: Double, y: Double)] = [:]
        var segments: [(Int, Int)] = []
        let total = xs.count * ys.count
        func crossing(_ a: (Int, Int), _ b: (Int, Int)) -> Int {
            let na = node(a.0, a.1), nb = node(b.0, b.1)
            let key = min(na, nb) * total + max(na, nb)
            if points[key] == nil {
                let va = value(a.0, a.1), vb = value(b.0, b.1)
                let t = va.isFinite && vb.isFinite && va != vb ? (level - va) / (vb - va) : (va.isFinite ? 0 : 1)
                points[key] = (xs[a.0] + t * (xs[b.0] - xs[a.0]), ys[a.1] + t * (ys[b.1] - ys[a.1]))
            }
            return key
        }
        for i in 0..<(xs.count - 1) {
            for j in 0..<(ys.count - 1) {
                let c = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)]
                for tri in [[c[0], c[1], c[2]], [c[0], c[2], c[3]]] {
                    let above = tri.map { value($0.0, $0.1) >= level }
                    let ups = above.filter { $0 }.count
                    guard ups == 1 || ups == 2 else { continue }
                    // The lone vertex (the one on its own side) and its two edges.
                    let lone = ups == 1 ? above.firstIndex(of: true)! : above.firstIndex(of: false)!
                    let others = [0, 1, 2].filter { $0 != lone }
                    segments.append((crossing(tri[lone], tri[others[0]]), crossing(tri[lone], tri[others[1]])))
                }
            }
        }
        // Chain the segments into polylines.
        var incident: [Int: [Int]] = [:]
        for (k, s) in segments.enumerated() where s.0 != s.1 {
            incident[s.0, default: []].append(k)
            incident[s.1, default: []].append(k)
        }
        var used = [Bool](repeating: false, count: segments.count)
        var out: [[(x: Double, y: Double)]] = []
        for k in segments.indices where !used[k] && segments[k].0 != segments[k].1 {
            used[k] = true
            var chain = [segments[k].0, segments[k].1]
            for forward in [true, false] {
                while true {
                    let end = forward ? chain.last! : chain.first!
                    guard let next = incident[end]?.first(where: { !used[$0] }) else { break }
                    used[next] = true
                    let s = segments[next]
                    let other = s.0 == end ? s.1 : s.0
                    if forward { chain.append(other) } else { chain.insert(other, at: 0) }
                }
            }
            out.append(chain.map { points[$0]! })
        }
        return out
    }
}
