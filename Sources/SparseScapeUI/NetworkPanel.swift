import SparseScapeEngine
import SparseScapeCore

/// The network drawn as nodes in columns with edges between them, or as weight matrices for wide layers.
///
/// Every kind of edge has its own stroke so that the kinds stay apart without colour (the mono theme): live
/// edges are solid, thin for w > 0 and heavy for w < 0, coloured by sign (edge_pos / edge_neg) and brightened with
/// |w| relative to their layer's largest |w|; live edges that are (nearly) zero are thin, solid and dim; pruned
/// edges are dashed and dim (edge_pruned); live edges on no input-to-output path are dotted (edge_useless); pruned
/// edges whose revival opens a way down (the snapshot's regrow hints) are heavy, dashed and bold in the best
/// colour. The selected edge is drawn last in hi_fg and described on the panel's bottom line.
public enum NetworkPanel {
    /// Above this many nodes in some layer the panel switches to the matrix view.
    public static let matrixThreshold = 24

    /// How an edge is drawn: which kind it is for the legend.
    public enum EdgeClass: CaseIterable, Equatable, Sendable {
        /// Live, w > 0 (not near zero).
        case positive
        /// Live, w < 0 (not near zero).
        case negative
        /// Live and (nearly) zero.
        case nearZero
        /// Pruned.
        case pruned
        /// Free, but on no input-to-output path.
        case useless
        /// Pruned, and reviving it opens a way down.
        case revive
    }

    /// A line's pattern along its length.
    enum Stroke { case solid, dashed, dotted }

    /// True when the panel will use the matrix view for this architecture in an inside of `rows` rows.
    public static func usesMatrixView(_ arch: NetworkArchitecture, rows: Int) -> Bool {
        let widest = arch.widths.max() ?? 0
        return widest > matrixThreshold || widest > rows
    }

    /// The colour of revivable edges: the best colour, or hi_fg when the theme's best colour would vanish
    /// into the background (as in a theme whose best colour is its background).
    public static func reviveColor(_ palette: Palette) -> RGB {
        abs(palette.best.luminance - palette.mainBg.luminance) < 0.15 ? palette.hiFg : palette.best
    }

    /// Draws the panel (frame included) into `rect` and records the edges' geometry in `hitMap`.
    public static func render(snapshot: EngineSnapshot, state: UIState, palette: Palette, glyphs: GlyphSet,
                              into buf: inout CellBuffer, rect: Rect, hitMap: inout EdgeHitMap) {
        let arch = snapshot.architecture
        let free = arch.parameterCount
        let total = zip(arch.widths, arch.widths.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 }
        let inner = PanelFrame.draw(rect, title: "network \(SafeText.list(arch.widths)) · \(free)/\(total) free", palette: palette,
                                    glyphs: glyphs, into: &buf)
        hitMap.reset(area: inner)
        guard inner.width >= 8, inner.height >= 3 else { return }
        let selection = state.selection.clamped(to: arch)

        // Bottom line: the selected edge.
        let descY = inner.maxY - 1
        var desc = EdgeDescription.text(of: selection, in: snapshot)
        if glyphs.asciiOnly { desc = desc.replacingOccurrences(of: "≈", with: "~") }
        let kind = EdgeDescription.kind(of: selection, in: snapshot)
        let descColor = kind == .pruned ? palette.edgePruned : (kind == .useless ? palette.edgeUseless : palette.hiFg)
        buf.text(inner.x, descY, PanelFrame.truncate(desc, inner.width, glyphs: glyphs), fg: descColor, style: .bold, maxX: inner.maxX)
        var area = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 1)
        // Legend lines (and a blank line above them) when there is room.
        let present = classesPresent(in: snapshot)
        var matrix = usesMatrixView(arch, rows: area.height)
        if area.height >= 12 {
            let graphLines = legendLines(present, matrix: false, width: area.width, palette: palette, glyphs: glyphs)
            matrix = usesMatrixView(arch, rows: area.height - graphLines.count - 1)
            let lines = legendLines(present, matrix: matrix, width: area.width, palette: palette, glyphs: glyphs)
            for (k, line) in lines.enumerated() {
                var x = area.x
                for (text, color, style) in line { x = buf.text(x, area.maxY - lines.count + k, text, fg: color, style: style, maxX: area.maxX) }
            }
            area.height -= lines.count + 1
        }
        if matrix {
            NetworkMatrixView.render(snapshot: snapshot, selection: selection, palette: palette, glyphs: glyphs,
                                     into: &buf, area: area, hitMap: &hitMap)
        } else {
            drawGraph(snapshot: snapshot, selection: selection, palette: palette, glyphs: glyphs, into: &buf, area: area,
                      hitMap: &hitMap)
        }
    }

    /// The class of live weight `w` in a layer whose largest |w| is `layerMax`.
    static func liveClass(_ w: Double, layerMax: Double) -> EdgeClass {
        EdgeDescription.isNearZero(w, layerMax: layerMax) ? .nearZero : (w < 0 ? .negative : .positive)
    }

    /// The classes that occur in the snapshot (the four main ones always; near-zero and revive only when present).
    static func classesPresent(in snapshot: EngineSnapshot) -> Set<EdgeClass> {
        var set: Set<EdgeClass> = [.positive, .negative, .pruned, .useless]
        if snapshot.regrowHints.contains(where: { h in
            h.opensWayDown && EdgeDescription.isRevivable(EdgeSelection(layer: h.layer, row: h.row, col: h.col), in: snapshot)
        }) {
            set.insert(.revive)
        }
        let arch = snapshot.architecture
        guard snapshot.params.count == arch.parameterCount else { return set }
        outer: for l in 0..<arch.depth {
            let layerMax = EdgeDescription.layerMaxAbs(l, in: snapshot)
            let off = arch.parameterOffsets[l]
            for (k, pos) in arch.freePositions[l].enumerated() where snapshot.edgeStates.states[l][pos] == .live {
                if EdgeDescription.isNearZero(snapshot.params[off + k], layerMax: layerMax) {
                    set.insert(.nearZero)
                    break outer
                }
            }
        }
        return set
    }

    /// The legend's sample for a class: characters, colour and style, as the graph or the matrix view draws it.
    static func legendSample(_ c: EdgeClass, matrix: Bool, palette: Palette, glyphs: GlyphSet) -> (String, RGB, CellStyle) {
        func two(_ a: Character, _ b: Character) -> String { String(a) + String(b) }
        // Broken strokes in ASCII need a gap to differ from solid ones: "- -", ". .", "= =".
        func broken(_ a: Character) -> String { glyphs.asciiOnly ? String(a) + " " + String(a) : two(a, a) }
        switch c {
        case .positive:
            return (matrix ? String(glyphs.fullBlock) : two(glyphs.horizontal, glyphs.horizontal), palette.edgePos, [])
        case .negative:
            return (matrix ? String(glyphs.negativeBlock) : two(glyphs.heavyHorizontal, glyphs.heavyHorizontal), palette.edgeNeg, [])
        case .nearZero:
            return (matrix ? String(glyphs.nearZero) : two(glyphs.horizontal, glyphs.horizontal),
                    palette.mainBg.mixed(with: palette.edgePos, 0.3), .dim)
        case .pruned:
            return (matrix ? String(glyphs.dot) : broken(glyphs.dashedHorizontal), palette.edgePruned, .dim)
        case .useless:
            return (matrix ? String(glyphs.uselessBlock) : broken(glyphs.dottedHorizontal), palette.edgeUseless, [])
        case .revive:
            return (matrix ? String(glyphs.revive) : broken(glyphs.heavyDashedHorizontal), reviveColor(palette), .bold)
        }
    }

    /// The legend's label for a class.
    static func legendLabel(_ c: EdgeClass) -> String {
        switch c {
        case .positive: return "w>0"
        case .negative: return "w<0"
        case .nearZero: return "≈0 (live)"
        case .pruned: return "pruned"
        case .useless: return "useless"
        case .revive: return "revive: opens a way down"
        }
    }

    /// The legend laid out in lines of at most `width` cells: each item is its sample then its label, items two
    /// cells apart, never split across lines.
    static func legendLines(_ classes: Set<EdgeClass>, matrix: Bool, width: Int, palette: Palette,
                            glyphs: GlyphSet) -> [[(String, RGB, CellStyle)]] {
        var lines: [[(String, RGB, CellStyle)]] = [[]]
        var used = 0
        for c in EdgeClass.allCases where classes.contains(c) {
            let (sample, color, style) = legendSample(c, matrix: matrix, palette: palette, glyphs: glyphs)
            var label = legendLabel(c)
            if glyphs.asciiOnly { label = label.replacingOccurrences(of: "≈", with: "~") }
            let w = sample.count + 1 + label.count
            let gap = used == 0 ? 0 : 2
            if used > 0 && used + gap + w > width {
                lines.append([])
                used = 0
            }
            let lead = used == 0 ? "" : "  "
            lines[lines.count - 1].append((lead, palette.inactiveFg, []))
            lines[lines.count - 1].append((sample, color, style))
            lines[lines.count - 1].append((" " + label, palette.inactiveFg, []))
            used += (used == 0 ? 0 : 2) + w
        }
        return lines
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
        let layerMax = (0..<depth).map { EdgeDescription.layerMaxAbs($0, in: snapshot) }

        // Edges in passes: pruned, useless, live, revivable; then the selection on top. With braille the edges are
        // thin dot lines (series k uses colours[k]); otherwise one glyph per cell.
        var canvas = BrailleCanvas(cols: glyphs.braille ? area.width : 0, rows: glyphs.braille ? area.height : 0, braille: true)
        var colors: [RGB] = []
        var styles: [CellStyle] = []
        func edge(_ l: Int, _ i: Int, _ j: Int, color: RGB, style: CellStyle, stroke: Stroke, heavy: Bool) {
            let ay = nodeY(i, of: widths[l], in: area), by = nodeY(j, of: widths[l + 1], in: area)
            let ax = colX(l) + 1, bx = colX(l + 1) - 1
            if glyphs.braille {
                colors.append(color)
                styles.append(style)
                strokeLine(&canvas, 2 * (ax - area.x), 4 * (ay - area.y) + 1, 2 * (bx - area.x) + 1, 4 * (by - area.y) + 1,
                           series: colors.count - 1, stroke: stroke, heavy: heavy)
            } else {
                drawEdge(ax, ay, bx, by, color: color, style: style, stroke: stroke, heavy: heavy, glyphs: glyphs, into: &buf)
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
                            edge(l, i, j, color: palette.edgePruned, style: .dim, stroke: .dashed, heavy: false)
                        case 1:
                            edge(l, i, j, color: palette.edgeUseless, style: [], stroke: .dotted, heavy: false)
                        default:
                            let w = weights[arch.parameterIndex(layer: l, row: i, col: j)!]
                            let base = w < 0 ? palette.edgeNeg : palette.edgePos
                            switch liveClass(w, layerMax: layerMax[l]) {
                            case .nearZero:
                                edge(l, i, j, color: palette.mainBg.mixed(with: base, 0.3), style: .dim, stroke: .solid, heavy: false)
                            default:
                                let ratio = layerMax[l] > 0 && w.isFinite ? abs(w) / layerMax[l] : 0
                                let color = palette.mainBg.mixed(with: base, 0.3 + 0.7 * ratio)
                                edge(l, i, j, color: color, style: ratio > 0.5 ? .bold : [], stroke: .solid, heavy: w < 0)
                            }
                        }
                    }
                }
            }
        }
        for h in snapshot.regrowHints where h.opensWayDown {
            let e = EdgeSelection(layer: h.layer, row: h.row, col: h.col)
            guard EdgeDescription.isRevivable(e, in: snapshot) else { continue }
            edge(e.layer, e.row, e.col, color: reviveColor(palette), style: .bold, stroke: .dashed, heavy: true)
        }
        let s = selection
        edge(s.layer, s.row, s.col, color: palette.hiFg, style: .bold,
             stroke: arch.masks[s.layer][s.row * widths[s.layer + 1] + s.col] ? .solid : .dashed, heavy: false)
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

    /// True when pixel (or cell) `k` of a line is drawn: solid every one, dashed two on and two off (in cells:
    /// one on, one off), dotted one on and one off.
    @inline(__always)
    static func isOn(_ k: Int, _ stroke: Stroke, pixels: Bool) -> Bool {
        switch stroke {
        case .solid: return true
        case .dashed: return pixels ? k % 4 < 2 : k % 2 == 0
        case .dotted: return k % 2 == 0
        }
    }

    /// A straight line of braille pixels (inclusive) in a stroke; a heavy line is doubled one pixel across.
    static func strokeLine(_ canvas: inout BrailleCanvas, _ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, series: Int,
                           stroke: Stroke, heavy: Bool) {
        let dx = x1 - x0, dy = y1 - y0
        let steps = max(abs(dx), abs(dy))
        let steep = abs(dy) > abs(dx)
        for k in 0...steps where isOn(k, stroke, pixels: true) {
            let x = steps == 0 ? x0 : x0 + Int((Double(dx * k) / Double(steps)).rounded())
            let y = steps == 0 ? y0 : y0 + Int((Double(dy * k) / Double(steps)).rounded())
            canvas.set(x, y, series: series)
            if heavy { canvas.set(x + (steep ? 1 : 0), y + (steep ? 0 : 1), series: series) }
        }
    }

    /// Rasterises one edge from (ax, ay) to (bx, by), one glyph per cell chosen from the local direction and the
    /// stroke: dotted lines use the dotted glyph, heavy ones the heavy horizontal where they run flat.
    static func drawEdge(_ ax: Int, _ ay: Int, _ bx: Int, _ by: Int, color: RGB, style: CellStyle, stroke: Stroke, heavy: Bool,
                         glyphs: GlyphSet, into buf: inout CellBuffer) {
        let dashed = stroke == .dashed
        func flat() -> Character {
            if stroke == .dotted { return glyphs.dottedHorizontal }
            if heavy { return dashed ? glyphs.heavyDashedHorizontal : glyphs.heavyHorizontal }
            return dashed ? glyphs.dashedHorizontal : glyphs.horizontal
        }
        let dx = bx - ax, dy = by - ay
        let steps = max(abs(dx), abs(dy))
        if steps == 0 {
            buf.put(ax, ay, flat(), fg: color, style: style)
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
            guard isOn(k, stroke, pixels: false) else { continue }
            let ldx = next != cur ? next.0 - cur.0 : cur.0 - prev.0
            let ldy = next != cur ? next.1 - cur.1 : cur.1 - prev.1
            let ch: Character
            if stroke == .dotted {
                ch = glyphs.dottedHorizontal
            } else if ldy == 0 {
                ch = flat()
            } else if ldx == 0 {
                ch = dashed ? glyphs.dashedVertical : glyphs.vertical
            } else {
                ch = ldy > 0 ? glyphs.diagonalDown : glyphs.diagonalUp
            }
            buf.put(cur.0, cur.1, ch, fg: color, style: style)
        }
    }
}
