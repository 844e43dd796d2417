import SparseScapeEngine
import SparseScapeCore

/// The network drawn as nodes in columns with edges between them, or as weight matrices for wide layers.
///
/// Live edges are coloured by sign (edge_pos / edge_neg) and brightened with |w| relative to their layer's
/// largest |w|; pruned edges are dim and dashed (edge_pruned); live edges on no input-to-output path use
/// edge_useless; the selected edge is drawn last in hi_fg and described on the panel's bottom line.
public enum NetworkPanel {
    /// Above this many nodes in some layer the panel switches to the matrix view.
    public static let matrixThreshold = 24

    /// True when the panel will use the matrix view for this architecture in an inside of `rows` rows.
    public static func usesMatrixView(_ arch: NetworkArchitecture, rows: Int) -> Bool {
        let widest = arch.widths.max() ?? 0
        return widest > matrixThreshold || widest > rows
    }

    /// Draws the panel (frame included) into `rect` and records the edges' geometry in `hitMap`.
    public static func render(snapshot: EngineSnapshot, state: UIState, palette: Palette, glyphs: GlyphSet,
                              into buf: inout CellBuffer, rect: Rect, hitMap: inout EdgeHitMap) {
        let arch = snapshot.architecture
        let free = arch.parameterCount
        let total = zip(arch.widths, arch.widths.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 }
        let inner = PanelFrame.draw(rect, title: "network \(arch.widths) · \(free)/\(total) free", palette: palette,
                                    glyphs: glyphs, into: &buf)
        hitMap.reset(area: inner)
        guard inner.width >= 8, inner.height >= 3 else { return }
        let selection = state.selection.clamped(to: arch)

        // Bottom line: the selected edge.
        let descY = inner.maxY - 1
        let desc = EdgeDescription.text(of: selection, in: snapshot)
        let kind = EdgeDescription.kind(of: selection, in: snapshot)
        let descColor = kind == .pruned ? palette.edgePruned : (kind == .useless ? palette.edgeUseless : palette.hiFg)
        buf.text(inner.x, descY, PanelFrame.truncate(desc, inner.width, glyphs: glyphs), fg: descColor, style: .bold, maxX: inner.maxX)
        var area = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 1)
        // A legend line when there is room.
        if area.height >= 12 {
            drawLegend(y: area.maxY - 1, x: area.x, maxX: area.maxX, palette: palette, glyphs: glyphs, into: &buf)
            area.height -= 2
        }
        if usesMatrixView(arch, rows: area.height) {
            NetworkMatrixView.render(snapshot: snapshot, selection: selection, palette: palette, glyphs: glyphs,
                                     into: &buf, area: area, hitMap: &hitMap)
        } else {
            drawGraph(snapshot: snapshot, selection: selection, palette: palette, glyphs: glyphs, into: &buf, area: area,
                      hitMap: &hitMap)
        }
    }

    /// "─ w>0 ─ w<0 ┄ pruned ─ useless" with each sample in its colour.
    static func drawLegend(y: Int, x: Int, maxX: Int, palette: Palette, glyphs: GlyphSet, into buf: inout CellBuffer) {
        var cx = x
        let items: [(Character, RGB, CellStyle, String)] = [
            (glyphs.horizontal, palette.edgePos, [], " w>0 "), (glyphs.horizontal, palette.edgeNeg, [], " w<0 "),
            (glyphs.dashedHorizontal, palette.edgePruned, .dim, " pruned "), (glyphs.horizontal, palette.edgeUseless, [], " useless"),
        ]
        for (ch, color, style, label) in items {
            buf.put(cx, y, ch, fg: color, style: style)
            cx = buf.text(cx + 1, y, label, fg: palette.inactiveFg, maxX: maxX)
        }
    }

    /// Row of node `i` of a layer with `n` nodes, centered in `area`.
    static func nodeY(_ i: Int, of n: Int, in area: Rect) -> Int {
        area.y + Int((Double(i) + 0.5) * Double(area.height) / Double(n))
    }

    /// The graph view.
    static func drawGraph(snapshot: EngineSnapshot, selection: EdgeSelection, palette: Palette, glyphs: GlyphSet,
                          into buf: inout CellBuffer, area: Rect, hitMap: inout EdgeHitMap) {
        let arch = snapshot.architecture
        let depth = arch.depth, widths = arch.widths
        let inLabel = "x\(widths[0])".count + 1
        let outLabel = "y\(widths[depth])".count + 1
        let x0 = area.x + inLabel, x1 = area.maxX - 1 - outLabel
        guard x1 > x0 else { return }
        func colX(_ l: Int) -> Int { x0 + Int((Double(l) * Double(x1 - x0) / Double(depth)).rounded()) }
        let states = snapshot.edgeStates
        let weights = snapshot.params.count == arch.parameterCount ? snapshot.params : [Double](repeating: 0, count: arch.parameterCount)

        // Largest |w| per layer.
        var layerMax = [Double](repeating: 0, count: depth)
        for l in 0..<depth {
            let off = arch.parameterOffsets[l]
            for k in 0..<arch.freePositions[l].count {
                let a = abs(weights[off + k])
                if a.isFinite, a > layerMax[l] { layerMax[l] = a }
            }
        }

        // Edges in three passes: pruned, useless, live; then the selection on top. With braille the edges are
        // thin dot lines (series k uses colours[k]); otherwise one glyph per cell.
        var canvas = BrailleCanvas(cols: glyphs.braille ? area.width : 0, rows: glyphs.braille ? area.height : 0, braille: true)
        var colors: [RGB] = []
        var styles: [CellStyle] = []
        func edge(_ l: Int, _ i: Int, _ j: Int, color: RGB, style: CellStyle, dashed: Bool) {
            let ay = nodeY(i, of: widths[l], in: area), by = nodeY(j, of: widths[l + 1], in: area)
            let ax = colX(l) + 1, bx = colX(l + 1) - 1
            if glyphs.braille {
                colors.append(color)
                styles.append(style)
                let k = colors.count - 1
                canvas.line(2 * (ax - area.x), 4 * (ay - area.y) + 1, 2 * (bx - area.x) + 1, 4 * (by - area.y) + 1, series: k, dashed: dashed)
            } else {
                drawEdge(ax, ay, bx, by, color: color, style: style, dashed: dashed, glyphs: glyphs, into: &buf)
            }
        }
        for pass in 0..<3 {
            for l in 0..<depth {
                let rows = widths[l], cols = widths[l + 1]
                for i in 0..<rows {
                    for j in 0..<cols {
                        let state = states.states[l][i * cols + j]
                        let p = state == .pruned ? 0 : (state == .live ? 2 : 1)
                        guard p == pass else { continue }
                        hitMap.segments.append(.init(edge: EdgeSelection(layer: l, row: i, col: j), x0: colX(l), y0: nodeY(i, of: rows, in: area),
                                                     x1: colX(l + 1), y1: nodeY(j, of: cols, in: area)))
                        switch pass {
                        case 0:
                            edge(l, i, j, color: palette.edgePruned, style: .dim, dashed: true)
                        case 1:
                            edge(l, i, j, color: palette.edgeUseless, style: [], dashed: false)
                        default:
                            let w = weights[arch.parameterIndex(layer: l, row: i, col: j)!]
                            let base = w < 0 ? palette.edgeNeg : palette.edgePos
                            let ratio = layerMax[l] > 0 && w.isFinite ? abs(w) / layerMax[l] : 0
                            let color = palette.mainBg.mixed(with: base, 0.3 + 0.7 * ratio)
                            edge(l, i, j, color: color, style: ratio > 0.5 ? .bold : [], dashed: false)
                        }
                    }
                }
            }
        }
        let s = selection
        edge(s.layer, s.row, s.col, color: palette.hiFg, style: .bold, dashed: !arch.masks[s.layer][s.row * widths[s.layer + 1] + s.col])
        if glyphs.braille {
            canvas.draw(into: &buf, x: area.x, y: area.y, colors: colors, asciiPoints: [], styles: styles)
        }

        // Nodes and labels.
        for l in 0...depth {
            let x = colX(l)
            let n = widths[l]
            let spacing = Double(area.height) / Double(n)
            for i in 0..<n {
                let y = nodeY(i, of: n, in: area)
                let connected = states.connected[l][i]
                let isEnd = (l == selection.layer && i == selection.row) || (l == selection.layer + 1 && i == selection.col)
                let color = isEnd ? palette.hiFg : (connected ? palette.node : palette.inactiveFg)
                buf.put(x, y, connected ? glyphs.filledCircle : glyphs.hollowCircle, fg: color, style: isEnd ? .bold : [])
                let label = NodeLabel.of(layer: l, node: i, depth: depth)
                let labelColor = isEnd ? palette.hiFg : palette.mainFg
                if l == 0 {
                    buf.text(x - label.count - 1, y, label, fg: labelColor, maxX: x)
                } else if l == depth {
                    buf.text(x + 2, y, label, fg: labelColor, maxX: area.maxX)
                } else if spacing >= 2 {
                    let lx = x - label.count / 2
                    buf.text(lx, y - 1, label, fg: labelColor, maxX: area.maxX)
                } else {
                    buf.text(x + 1, y, label, fg: labelColor, maxX: area.maxX)
                }
            }
        }
    }

    /// Rasterises one edge from (ax, ay) to (bx, by), one glyph per cell chosen from the local direction.
    static func drawEdge(_ ax: Int, _ ay: Int, _ bx: Int, _ by: Int, color: RGB, style: CellStyle, dashed: Bool,
                         glyphs: GlyphSet, into buf: inout CellBuffer) {
        let dx = bx - ax, dy = by - ay
        let steps = max(abs(dx), abs(dy))
        if steps == 0 {
            buf.put(ax, ay, dashed ? glyphs.dashedHorizontal : glyphs.horizontal, fg: color, style: style)
            return
        }
        @inline(__always) func point(_ k: Int) -> (Int, Int) {
            let kk = min(max(k, 0), steps)
            return (ax + Int((Double(dx * kk) / Double(steps)).rounded()), ay + Int((Double(dy * kk) / Double(steps)).rounded()))
        }
        var prev = point(-1)
        var cur = point(0)
        for k in 0...steps {
            let next = point(k + 1)
            defer { prev = cur; cur = next }
            if dashed && k % 2 == 1 { continue }
            let ldx = next != cur ? next.0 - cur.0 : cur.0 - prev.0
            let ldy = next != cur ? next.1 - cur.1 : cur.1 - prev.1
            let ch: Character
            if ldy == 0 {
                ch = dashed ? glyphs.dashedHorizontal : glyphs.horizontal
            } else if ldx == 0 {
                ch = dashed ? glyphs.dashedVertical : glyphs.vertical
            } else {
                ch = ldy > 0 ? glyphs.diagonalDown : glyphs.diagonalUp
            }
            buf.put(cur.0, cur.1, ch, fg: color, style: style)
        }
    }
}
