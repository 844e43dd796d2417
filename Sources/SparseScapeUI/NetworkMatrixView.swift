import SparseScapeEngine
import SparseScapeCore

/// The network as one character per weight, layer by layer (rows = input nodes, columns = output nodes).
///
/// Live weights are a block coloured by sign and |w| (edge_pos / edge_neg), useless live weights use
/// edge_useless, pruned weights are a dim '·'; the selection is shown on selected_bg. Layers too large for
/// their share of the panel show a window that follows the selection.
public enum NetworkMatrixView {
    /// Draws the layers' matrices side by side in `area` and records them in `hitMap`.
    public static func render(snapshot: EngineSnapshot, selection: EdgeSelection, palette: Palette, glyphs: GlyphSet,
                              into buf: inout CellBuffer, area: Rect, hitMap: inout EdgeHitMap) {
        let arch = snapshot.architecture
        let depth = arch.depth
        guard area.height >= 2, area.width >= depth * 3 else { return }
        let weights = snapshot.params.count == arch.parameterCount ? snapshot.params : [Double](repeating: 0, count: arch.parameterCount)
        let states = snapshot.edgeStates
        // Width shares proportional to each layer's columns (and its header), at least 3 cells each, with 2-cell gaps.
        let gaps = 2 * (depth - 1)
        let available = area.width - gaps
        let need = (0..<depth).map { max(3, arch.widths[$0 + 1], "W\($0 + 1) \(arch.widths[$0])×\(arch.widths[$0 + 1])".count) }
        let totalNeed = need.reduce(0, +)
        var shares = need.map { totalNeed <= available ? $0 : max(3, $0 * available / totalNeed) }
        while shares.reduce(0, +) > available, let k = shares.indices.max(by: { shares[$0] < shares[$1] }), shares[k] > 3 { shares[k] -= 1 }
        var x = area.x
        for l in 0..<depth {
            let rows = arch.widths[l], cols = arch.widths[l + 1]
            let header = "W\(l + 1) \(rows)×\(cols)"
            let headerColor = l == selection.layer ? palette.hiFg : palette.title
            buf.text(x, area.y, header, fg: headerColor, style: .bold, maxX: x + shares[l])
            let visRows = min(rows, area.height - 1)
            let visCols = min(cols, shares[l])
            var rowStart = 0, colStart = 0
            if l == selection.layer {
                rowStart = min(max(0, selection.row - visRows / 2), rows - visRows)
                colStart = min(max(0, selection.col - visCols / 2), cols - visCols)
            }
            var layerMax = 0.0
            let off = arch.parameterOffsets[l]
            for k in 0..<arch.freePositions[l].count {
                let a = abs(weights[off + k])
                if a.isFinite, a > layerMax { layerMax = a }
            }
            let y0 = area.y + 1
            for r in 0..<visRows {
                let i = rowStart + r
                for c in 0..<visCols {
                    let j = colStart + c
                    let isSel = l == selection.layer && i == selection.row && j == selection.col
                    let free = arch.masks[l][i * cols + j]
                    if !free {
                        buf.put(x + c, y0 + r, glyphs.dot, fg: isSel ? palette.hiFg : palette.edgePruned,
                                bg: isSel ? palette.selectedBg : nil, style: isSel ? .bold : .dim)
                        continue
                    }
                    let w = weights[arch.parameterIndex(layer: l, row: i, col: j)!]
                    let useful = states.states[l][i * cols + j] == .live
                    if isSel {
                        buf.put(x + c, y0 + r, glyphs.filledCircle, fg: palette.hiFg, bg: palette.selectedBg, style: .bold)
                    } else if !useful {
                        buf.put(x + c, y0 + r, glyphs.fullBlock, fg: palette.edgeUseless)
                    } else {
                        let ratio = layerMax > 0 && w.isFinite ? abs(w) / layerMax : 0
                        let color = palette.mainBg.mixed(with: w < 0 ? palette.edgeNeg : palette.edgePos, 0.3 + 0.7 * ratio)
                        buf.put(x + c, y0 + r, glyphs.fullBlock, fg: color)
                    }
                }
            }
            hitMap.blocks.append(.init(layer: l, x: x, y: y0, rowStart: rowStart, colStart: colStart, rows: visRows, cols: visCols))
            x += shares[l] + 2
        }
    }
}
