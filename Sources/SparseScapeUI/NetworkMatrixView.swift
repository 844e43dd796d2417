import SparseScapeEngine
import SparseScapeCore

/// The network as one character per weight, layer by layer (rows = input nodes, columns = output nodes).
///
/// Live weights are a full block (w > 0) or a dense shade (w < 0) coloured by sign and |w| (edge_pos / edge_neg);
/// live weights that are (nearly) zero are a dim ring; useless live weights a light shade in edge_useless; pruned
/// weights a dim '·'; pruned weights whose revival opens a way down a bold '+' in the best colour; the selection is
/// shown on selected_bg. Rows and columns carry 1-based indices where they fit. Layers too large for their share of
/// the panel show a window that follows the selection, with ▲▼◀▶ marks and a "rows 17–32 of 64" line.
public enum NetworkMatrixView {
    /// Draws the layers' matrices side by side in `area` and records them in `hitMap`.
    public static func render(snapshot: EngineSnapshot, selection: EdgeSelection, palette: Palette, glyphs: GlyphSet,
                              into buf: inout CellBuffer, area: Rect, hitMap: inout EdgeHitMap) {
        let arch = snapshot.architecture
        let depth = arch.depth
        guard area.height >= 2, area.width >= depth * 3 else { return }
        let weights = snapshot.params.count == arch.parameterCount ? snapshot.params : [Double](repeating: 0, count: arch.parameterCount)
        let states = snapshot.edgeStates
        var revivable = Set<Int>()
        for h in snapshot.regrowHints where h.opensWayDown && h.layer >= 0 && h.layer < depth {
            let e = EdgeSelection(layer: h.layer, row: h.row, col: h.col)
            if EdgeDescription.isRevivable(e, in: snapshot) { revivable.insert(flatIndex(e, arch)) }
        }
        // Width shares proportional to each layer's gutter (row indices), columns and header, at least 3 cells each,
        // with 2-cell gaps.
        let gutters = (0..<depth).map { String(arch.widths[$0]).count + 1 }
        let gaps = 2 * (depth - 1)
        let available = area.width - gaps
        let need = (0..<depth).map { max(3, gutters[$0] + arch.widths[$0 + 1], header(layer: $0, arch).count) }
        let totalNeed = need.reduce(0, +)
        var shares = need.map { totalNeed <= available ? $0 : max(3, $0 * available / totalNeed) }
        while shares.reduce(0, +) > available, let k = shares.indices.max(by: { shares[$0] < shares[$1] }), shares[k] > 3 { shares[k] -= 1 }

        // Rows: header, column indices (when there is room), the matrices, a footer when some layer is scrolled.
        let indexRow = area.height >= 6
        let y0 = area.y + (indexRow ? 2 : 1)
        var matrixRows = area.maxY - y0
        let gutterFor = (0..<depth).map { shares[$0] - gutters[$0] >= 1 ? gutters[$0] : 0 }
        let scrolled = (0..<depth).contains { arch.widths[$0] > matrixRows || arch.widths[$0 + 1] > shares[$0] - gutterFor[$0] }
        let footer = scrolled && matrixRows >= 4
        if footer { matrixRows -= 1 }

        var x = area.x
        for l in 0..<depth {
            let rows = arch.widths[l], cols = arch.widths[l + 1]
            let share = shares[l]
            let g = gutterFor[l]
            let mx = x + g
            let headerColor = l == selection.layer ? palette.hiFg : palette.title
            buf.text(x, area.y, header(layer: l, arch), fg: headerColor, style: .bold, maxX: x + share)
            let visRows = min(rows, matrixRows)
            let visCols = min(cols, share - g)
            guard visRows >= 1, visCols >= 1 else { x += share + 2; continue }
            var rowStart = 0, colStart = 0
            if l == selection.layer {
                rowStart = min(max(0, selection.row - visRows / 2), rows - visRows)
                colStart = min(max(0, selection.col - visCols / 2), cols - visCols)
            }
            let moreAbove = rowStart > 0, moreBelow = rowStart + visRows < rows
            let moreLeft = colStart > 0, moreRight = colStart + visCols < cols

            // Row indices (right-aligned in the gutter); a first or last row with more rows beyond it shows ▲ or ▼
            // there instead of its number.
            if g > 0 {
                let step = rowIndexStep(visibleRows: visRows)
                let firstLabelled = moreAbove ? 1 : 0
                for r in 0..<visRows {
                    let n = rowStart + r + 1
                    if r == 0 && moreAbove {
                        buf.put(mx - 2, y0, glyphs.moreAbove, fg: palette.hiFg)
                        continue
                    }
                    if r == visRows - 1 && moreBelow {
                        buf.put(mx - 2, y0 + r, glyphs.moreBelow, fg: palette.hiFg)
                        continue
                    }
                    guard r == firstLabelled || n % step == 0 else { continue }
                    let label = String(n)
                    let selected = l == selection.layer && n - 1 == selection.row
                    buf.text(mx - 1 - label.count, y0 + r, label, fg: selected ? palette.hiFg : palette.inactiveFg, maxX: mx - 1)
                }
            }
            // Column indices (left-aligned over their column); ◀ before the first column and ▶ on the last one when
            // there are more columns beyond them.
            if indexRow {
                let iy = area.y + 1
                let limit = visCols - (moreRight ? 2 : 0)
                for (c, label) in columnLabels(colStart: colStart, visibleCols: limit) {
                    let j = colStart + c
                    let selected = l == selection.layer && j == selection.col
                    buf.text(mx + c, iy, label, fg: selected ? palette.hiFg : palette.inactiveFg)
                }
                if moreLeft && g > 1 { buf.put(mx - 2, iy, glyphs.moreLeft, fg: palette.hiFg) }
                if moreRight { buf.put(mx + visCols - 1, iy, glyphs.moreRight, fg: palette.hiFg) }
            }

            let layerMax = EdgeDescription.layerMaxAbs(l, in: snapshot)
            for r in 0..<visRows {
                let i = rowStart + r
                for c in 0..<visCols {
                    let j = colStart + c
                    let isSel = l == selection.layer && i == selection.row && j == selection.col
                    let cx = mx + c, cy = y0 + r
                    let free = arch.masks[l][i * cols + j]
                    if !free {
                        if isSel {
                            buf.put(cx, cy, glyphs.dot, fg: palette.hiFg, bg: palette.selectedBg, style: .bold)
                        } else if revivable.contains(flatIndex(EdgeSelection(layer: l, row: i, col: j), arch)) {
                            buf.put(cx, cy, glyphs.revive, fg: NetworkPanel.reviveColor(palette), style: .bold)
                        } else {
                            buf.put(cx, cy, glyphs.dot, fg: palette.edgePruned, style: .dim)
                        }
                        continue
                    }
                    let w = weights[arch.parameterIndex(layer: l, row: i, col: j)!]
                    let useful = states.states[l][i * cols + j] == .live
                    let cls = NetworkPanel.liveClass(w, layerMax: layerMax)
                    if isSel {
                        buf.put(cx, cy, useful && cls == .nearZero ? glyphs.nearZero : glyphs.filledCircle, fg: palette.hiFg,
                                bg: palette.selectedBg, style: .bold)
                    } else if !useful {
                        buf.put(cx, cy, glyphs.uselessBlock, fg: palette.edgeUseless)
                    } else if cls == .nearZero {
                        buf.put(cx, cy, glyphs.nearZero, fg: palette.mainBg.mixed(with: w < 0 ? palette.edgeNeg : palette.edgePos, 0.3), style: .dim)
                    } else {
                        let ratio = layerMax > 0 && w.isFinite ? abs(w) / layerMax : 0
                        let color = palette.mainBg.mixed(with: w < 0 ? palette.edgeNeg : palette.edgePos, 0.3 + 0.7 * ratio)
                        buf.put(cx, cy, w < 0 ? glyphs.negativeBlock : glyphs.fullBlock, fg: color)
                    }
                }
            }
            if footer, moreAbove || moreBelow || moreLeft || moreRight {
                let rowsPart: (Int, Int, Int)? = moreAbove || moreBelow ? (rowStart + 1, rowStart + visRows, rows) : nil
                let colsPart: (Int, Int, Int)? = moreLeft || moreRight ? (colStart + 1, colStart + visCols, cols) : nil
                let text = scrollText(rows: rowsPart, cols: colsPart, width: share)
                buf.text(x, area.maxY - 1, text, fg: palette.inactiveFg, maxX: x + share)
            }
            hitMap.blocks.append(.init(layer: l, x: mx, y: y0, rowStart: rowStart, colStart: colStart, rows: visRows, cols: visCols))
            x += share + 2
        }
    }

    /// "W1 30×4": the layer's name and size.
    static func header(layer l: Int, _ arch: NetworkArchitecture) -> String {
        "W\(l + 1) \(arch.widths[l])×\(arch.widths[l + 1])"
    }

    /// A weight's index in a flat numbering of all layers' positions (for set look-ups).
    static func flatIndex(_ e: EdgeSelection, _ arch: NetworkArchitecture) -> Int {
        var base = 0
        for l in 0..<e.layer { base += arch.widths[l] * arch.widths[l + 1] }
        return base + e.row * arch.widths[e.layer + 1] + e.col
    }

    /// Every row is numbered in short windows; longer ones number the first row and every fifth (tenth) row.
    static func rowIndexStep(visibleRows: Int) -> Int {
        visibleRows <= 10 ? 1 : (visibleRows <= 50 ? 5 : 10)
    }

    /// Column labels (offset in the window, 1-based index): the first visible column, then every `step`-th
    /// (1, 3, 5 … when one digit with a space fits, else 5, 10, 15 … or 10, 20 …), each followed by a blank cell
    /// and ending inside the `visibleCols` window.
    static func columnLabels(colStart: Int, visibleCols: Int) -> [(Int, String)] {
        guard visibleCols >= 1 else { return [] }
        let digits = String(colStart + visibleCols).count
        var step = 2
        for s in [2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000] where s >= digits + 1 { step = s; break }
        if step < digits + 1 { step = Int.max / 2 }
        var out: [(Int, String)] = []
        var nextFree = 0
        for c in 0..<visibleCols {
            let n = colStart + c + 1
            let wanted = c == 0 || (step <= 2 ? (n - colStart - 1) % step == 0 : n % step == 0)
            guard wanted, c >= nextFree else { continue }
            let label = String(n)
            guard c + label.count <= visibleCols else { continue }
            out.append((c, label))
            nextFree = c + label.count + 1
        }
        return out
    }

    /// "rows 17–32 of 64", "cols 5–20 of 30" or both, shortened to fit `width` ("17–32/64", …).
    static func scrollText(rows: (Int, Int, Int)?, cols: (Int, Int, Int)?, width: Int) -> String {
        func long(_ p: (Int, Int, Int)) -> String { "\(p.0)–\(p.1) of \(p.2)" }
        func short(_ p: (Int, Int, Int)) -> String { "\(p.0)–\(p.1)/\(p.2)" }
        var candidates: [String] = []
        switch (rows, cols) {
        case let (r?, c?):
            candidates = ["rows \(long(r)) · cols \(long(c))", "rows \(short(r)) cols \(short(c))", "r \(short(r)) c \(short(c))",
                          "rows \(short(r))", short(r)]
        case let (r?, nil):
            candidates = ["rows \(long(r))", long(r), "rows \(short(r))", short(r)]
        case let (nil, c?):
            candidates = ["cols \(long(c))", long(c), "cols \(short(c))", short(c)]
        case (nil, nil):
            return ""
        }
        return candidates.first { $0.count <= width } ?? candidates[candidates.count - 1]
    }
}
