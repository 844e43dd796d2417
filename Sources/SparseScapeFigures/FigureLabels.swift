import SparseScapeCore

/// Places short text labels beside points so that they overlap neither each other nor the marked points.
///
/// Each label tries the spots around its point in turn (upper right, upper left, lower right, lower left, above,
/// below, then a row further out) and takes the first that stays inside the bounds and clear of everything placed so far; when none is
/// clear, the one with the least overlap.
struct FigureLabels {
    /// A rectangle (pixels).
    struct Box {
        var x0: Double, y0: Double, x1: Double, y1: Double

        /// The area shared with `other`.
        func overlap(_ other: Box) -> Double {
            max(0, min(x1, other.x1) - max(x0, other.x0)) * max(0, min(y1, other.y1) - max(y0, other.y0))
        }
    }

    /// Where labels may go.
    var bounds: Box
    /// What is already taken.
    var taken: [Box] = []

    /// Labels inside `bounds`.
    init(bounds: Box) { self.bounds = bounds }

    /// Marks a point's symbol (about `radius` around (x, y)) as taken.
    mutating func reserve(_ x: Double, _ y: Double, radius: Double) {
        taken.append(Box(x0: x - radius, y0: y - radius, x1: x + radius, y1: y + radius))
    }

    /// The text's position and anchor for a label of `text` at `size` beside (x, y), reserving its box.
    mutating func place(_ text: String, near x: Double, _ y: Double, size: Double, gap: Double = 9) -> (x: Double, y: Double, anchor: String) {
        let w = FigureStyle.textWidth(text, size: size), h = size
        let spots: [(dx: Double, dy: Double, anchor: String)] = [
            (gap, -gap + 2, "start"), (-gap, -gap + 2, "end"), (gap, gap + h - 2, "start"), (-gap, gap + h - 2, "end"),
            (0, -gap - 4, "middle"), (0, gap + h + 2, "middle"),
            // A row further out, for crowded corners.
            (-gap, -gap - h - 2, "end"), (gap, -gap - h - 2, "start"), (-gap, gap + 2 * h + 2, "end"), (gap, gap + 2 * h + 2, "start"),
        ]
        var best: (score: Double, spot: (x: Double, y: Double, anchor: String), box: Box)? = nil
        for s in spots {
            let tx = x + s.dx, ty = y + s.dy
            let left = s.anchor == "start" ? tx : s.anchor == "end" ? tx - w : tx - w / 2
            let box = Box(x0: left - 1, y0: ty - 0.8 * h, x1: left + w + 1, y1: ty + 0.25 * h)
            let outside = max(0, bounds.x0 - box.x0) + max(0, box.x1 - bounds.x1) + max(0, bounds.y0 - box.y0) + max(0, box.y1 - bounds.y1)
            let score = taken.reduce(0) { $0 + $1.overlap(box) } + outside * h * 4
            if best == nil || score < best!.score { best = (score, (tx, ty, s.anchor), box) }
            if score == 0 { break }
        }
        taken.append(best!.box)
        return best!.spot
    }
}
