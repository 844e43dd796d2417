import Foundation
import Testing
import SparseScapeCore
import SparseScapeEngine
@testable import SparseScapeUI
import SparseScapeTestSupport

/// Snapshots and look-ups for the panel tests, built here so that they depend on nothing else in the target.
private enum Panels {
    /// theorem5: widths [3, 2, 3], masks [[1,0],[1,1],[0,1]] and [[1,1,0],[0,1,1]].
    static let theorem5 = try! NetworkArchitecture(widths: [3, 2, 3], masks: [
        [true, false, true, true, false, true],
        [true, true, false, false, true, true],
    ])

    /// A snapshot of `arch` at `params` with a history over iterations `iterations` (loss 10 → 1, |grad| 1 → 1e-6).
    static func snapshot(_ arch: NetworkArchitecture = theorem5, params: [Double]? = nil,
                         iterations: [Int] = Array(0...1000)) -> EngineSnapshot {
        let n = max(1, iterations.count - 1)
        let history = iterations.enumerated().map { k, it in
            HistoryPoint(iteration: it, loss: 1 + 9 * Double(n - k) / Double(n), gradientNorm: pow(10, -6 * Double(k) / Double(n)))
        }
        let p = params ?? (0..<arch.parameterCount).map { Double($0 % 3) - 0.75 }
        return EngineSnapshot(name: "test", architecture: arch, params: p, iteration: iterations.last ?? 0, loss: 1, gradientNorm: 1e-6,
                              optimizer: .gd, learningRate: 0.05, running: false, verdict: .paused, history: history)
    }

    /// A grid × grid slice of ±1 whose values rise linearly with α from 0 to 100 (the same in every β row).
    static func slice(grid: Int = 21) -> SliceSnapshot {
        var values = [Double](repeating: 0, count: grid * grid)
        for i in 0..<grid { for j in 0..<grid { values[i * grid + j] = 100 * Double(i) / Double(grid - 1) } }
        return SliceSnapshot(grid: grid, span: 1, values: values, directions: "random", center: [], d1: [], d2: [],
                             current: SlicePoint(alpha: 0.8, beta: -0.8), path: [], bestKnown: nil, frozen: false, builtAtIteration: 7)
    }

    /// A regrow hint for weight (layer, row, col) that opens a way down (decoded: RegrowEdge has no public init).
    static func hint(_ layer: Int, _ row: Int, _ col: Int) -> RegrowEdge {
        let json = """
        {"layer": \(layer), "row": \(row), "col": \(col), "label": "W", "gradient": 0.5, "curvature": 1,
         "bestLoss": 0.5, "bestWeight": -0.5, "opensWayDown": true}
        """
        return try! JSONDecoder().decode(RegrowEdge.self, from: Data(json.utf8))
    }

    /// The monochrome theme shipped in themes/.
    static let mono = try! Theme.load(nameOrPath: "mono")

    /// Row y's characters from x0 up to (not including) x1.
    static func text(_ buf: CellBuffer, y: Int, from x0: Int = 0, to x1: Int? = nil) -> String {
        String((x0..<(x1 ?? buf.width)).map { buf[$0, y].char })
    }

    /// The first (x, y) where `s` starts inside `rect`, scanning rows top-down.
    static func find(_ s: String, in buf: CellBuffer, rect: Rect? = nil) -> (Int, Int)? {
        let r = rect ?? buf.bounds
        for y in r.y..<r.maxY {
            let row = text(buf, y: y, from: r.x, to: r.maxX)
            if let range = row.range(of: s) { return (r.x + row.distance(from: row.startIndex, to: range.lowerBound), y) }
        }
        return nil
    }

    /// The loss chart's geometry read off the screen: the value axis' column (the baseline's corner) and the
    /// baseline's row (third from the bottom of the panel).
    static func lossAxis(_ buf: CellBuffer, rect: Rect) -> (axisX: Int, baseY: Int)? {
        let y = rect.maxY - 3
        guard let x = ((rect.x + 1)..<(rect.maxX - 1)).first(where: { buf[$0, y].char == "└" || buf[$0, y].char == "+" }) else { return nil }
        return (x, y)
    }
}

/// What the loss chart, the slice and the network panel show, cell by cell.
@Suite struct PanelRenderTests {
    // MARK: Loss chart

    /// Renders the loss panel alone into a width × height buffer.
    private func loss(_ snap: EngineSnapshot, axis: LossAxis, width: Int = 70, height: Int = 14, glyphs: GlyphSet = .unicode,
                      theme: Theme = .builtinDefault) -> CellBuffer {
        var buf = CellBuffer(width: width, height: height)
        LossPanel.render(snapshot: snap, axis: axis, palette: theme.palette, glyphs: glyphs, into: &buf,
                         rect: Rect(x: 0, y: 0, width: width, height: height))
        return buf
    }

    /// The cell column of iteration `it` on a chart whose plot starts at chartX and has `pixels` pixels across.
    private func column(_ f: Double, chartX: Int, pixels: Int, perCell: Int) -> Int {
        chartX + Int((f * Double(pixels - 1)).rounded()) / perCell
    }

    @Test func logAxisPlacesTicksAtLog10OfTheIterationsSinceTheStart() throws {
        let buf = loss(Panels.snapshot(), axis: .log)
        let p = Theme.builtinDefault.palette
        #expect(Panels.text(buf, y: 0).contains("loss · log iterations 0–1k"))
        let (axisX, baseY) = try #require(Panels.lossAxis(buf, rect: buf.bounds))
        let chartX = axisX + 1, pw = 2 * (buf.width - 1 - chartX)
        let span = 1000.0
        // Ticks 1, 10 and 100 where log10(1 + Δ) / log10(1 + span) says, each label centred on its tick.
        for (d, label) in [(1, "1"), (10, "10"), (100, "100")] {
            let x = column(log10(1 + Double(d)) / log10(1 + span), chartX: chartX, pixels: pw, perCell: 2)
            #expect(buf[x, baseY].char == "┬", "tick for \(label) at x=\(x)")
            #expect(buf[x, baseY].fg == p.divLine)
            let start = x - (label.count - 1) / 2
            #expect(Panels.text(buf, y: baseY + 1, from: start, to: start + label.count) == label, "label \(label)")
            #expect(buf[start, baseY + 1].fg == p.inactiveFg)
        }
        #expect(Panels.text(buf, y: baseY + 1, from: chartX, to: chartX + 2) == "0 ")
        #expect(Panels.text(buf, y: baseY + 1, from: buf.width - 3, to: buf.width - 1) == "1k")
        // The early descent gets room: the first 10 iterations take about a third of the width.
        let x10 = column(log10(11) / log10(1 + span), chartX: chartX, pixels: pw, perCell: 2)
        #expect(x10 - chartX > (buf.width - chartX) / 4)
        // The loss itself: its first point (iteration 0, the highest loss) is in the top-left cell, in the loss colour.
        #expect(buf[chartX, 2].fg == p.lossLine)
    }

    @Test func logAxisGivesTheStretchAfterAMaskChangeItsOwnLogRoom() throws {
        var snap = Panels.snapshot()
        snap.maskChanges = [900]
        let buf = loss(snap, axis: .log)
        let p = Theme.builtinDefault.palette
        let (axisX, baseY) = try #require(Panels.lossAxis(buf, rect: buf.bounds))
        let chartX = axisX + 1, pw = 2 * (buf.width - 1 - chartX)
        // Stretches 0–900 and 900–1000, log10(901) and log10(101) wide.
        let total: Double = log10(901.0) + log10(101.0)
        let markX = column(log10(901) / total, chartX: chartX, pixels: pw, perCell: 2)
        var marks = 0
        for y in 2..<baseY {   // row 1 is the legend
            for x in chartX..<(buf.width - 1) where buf[x, y].char == "┆" {
                #expect(x == markX)
                #expect(buf[x, y].fg == p.maskMark)
                marks += 1
            }
        }
        #expect(marks >= 3)
        #expect(buf[markX, baseY].char == "┬")
        #expect(Panels.text(buf, y: baseY + 1, from: markX - 1, to: markX + 2) == "900")
        // "+10" ten iterations after the change, where its stretch's own log says.
        let x910 = column((log10(901) + log10(11)) / total, chartX: chartX, pixels: pw, perCell: 2)
        #expect(buf[x910, baseY].char == "┬")
        #expect(Panels.text(buf, y: baseY + 1, from: x910 - 1, to: x910 + 2) == "+10")
        // The last tenth of the run gets about 40% of the width.
        #expect(Double(buf.width - 1 - markX) > 0.35 * Double(buf.width - 1 - chartX))
        let scale = LossPanel.IterationScale(window: 0...1000, axis: .log, maskChanges: [900])
        #expect(abs(scale.fraction(910) - (log10(901) + log10(11)) / total) < 1e-12)
        #expect(LossPanel.IterationScale(window: 0...1000, axis: .log, maskChanges: []).fraction(10) == log10(11) / log10(1001))
    }

    @Test func linearAxisPlacesRoundIterationsLinearly() throws {
        var snap = Panels.snapshot()
        snap.maskChanges = [250]
        let buf = loss(snap, axis: .linear, glyphs: .ascii)
        #expect(Panels.text(buf, y: 0).contains("loss . iterations 0-1k") || Panels.text(buf, y: 0).contains("loss · iterations 0–1k"))
        let (axisX, baseY) = try #require(Panels.lossAxis(buf, rect: buf.bounds))
        let chartX = axisX + 1, pw = buf.width - 1 - chartX
        let x600 = column(0.6, chartX: chartX, pixels: pw, perCell: 1)
        #expect(buf[x600, baseY].char == "+")
        #expect(Panels.text(buf, y: baseY + 1, from: x600 - 1, to: x600 + 2) == "600")
        let x250 = column(0.25, chartX: chartX, pixels: pw, perCell: 1)
        #expect((2..<baseY).contains { buf[x250, $0].char == ":" && buf[x250, $0].fg == Theme.builtinDefault.palette.maskMark })
        // The right end is the last iteration.
        #expect(Panels.text(buf, y: baseY + 1, from: buf.width - 3, to: buf.width - 1) == "1k")
    }

    @Test func recentAxisShowsTheIterationsSinceTheLastMaskChange() throws {
        var snap = Panels.snapshot()
        snap.maskChanges = [300, 600]
        let buf = loss(snap, axis: .recent)
        #expect(Panels.text(buf, y: 0).contains("loss · recent iterations 600–1k"))
        let (axisX, baseY) = try #require(Panels.lossAxis(buf, rect: buf.bounds))
        let chartX = axisX + 1, pw = 2 * (buf.width - 1 - chartX)
        #expect(Panels.text(buf, y: baseY + 1, from: chartX, to: chartX + 3) == "600")
        // 800 is half way along.
        let x800 = column(0.5, chartX: chartX, pixels: pw, perCell: 2)
        #expect(buf[x800, baseY].char == "┬")
        #expect(Panels.text(buf, y: baseY + 1, from: x800 - 1, to: x800 + 2) == "800")
        // The mask change that opens the window is at its left edge; the earlier one is not drawn.
        #expect((2..<baseY).contains { buf[chartX, $0].char == "┆" })
        let marks = (2..<baseY).flatMap { y in (chartX..<(buf.width - 1)).filter { buf[$0, y].char == "┆" } }
        #expect(Set(marks) == [chartX])
        // Without a mask change it is the last quarter.
        snap.maskChanges = []
        #expect(Panels.text(loss(snap, axis: .recent), y: 0).contains("recent iterations 750–1k"))
        #expect(LossPanel.window(history: snap.history, maskChanges: [], axis: .recent) == 750...1000)
    }

    @Test func compactIterations() {
        #expect(AxisFormat.compactIteration(0) == "0")
        #expect(AxisFormat.compactIteration(950) == "950")
        #expect(AxisFormat.compactIteration(1000) == "1k")
        #expect(AxisFormat.compactIteration(1500) == "1.5k")
        #expect(AxisFormat.compactIteration(1778) == "1.78k")
        #expect(AxisFormat.compactIteration(12_500) == "12.5k")
        #expect(AxisFormat.compactIteration(999_999) == "1M")
        #expect(AxisFormat.compactIteration(2_000_000) == "2M")
    }

    // MARK: Slice

    /// Renders the slice panel alone; returns the buffer and the heatmap's rectangle read off the screen.
    private func slice(_ s: SliceSnapshot, logScale: Bool = false, width: Int = 70, height: Int = 22,
                       glyphs: GlyphSet = .unicode) throws -> (CellBuffer, Rect) {
        var snap = Panels.snapshot()
        snap.slice = s
        var buf = CellBuffer(width: width, height: height)
        SlicePanel.render(snapshot: snap, state: UIState(logScale: logScale), palette: Theme.builtinDefault.palette, glyphs: glyphs,
                          into: &buf, rect: Rect(x: 0, y: 0, width: width, height: height))
        // The map: the first run of heatmap cells on the second row (the colour bar comes after a gap).
        let y = 1
        let x0 = try #require((1..<width).first { buf[$0, y].char == "▀" })
        var x1 = x0
        while x1 < width && buf[x1, y].char == "▀" { x1 += 1 }
        var y1 = y
        while y1 < height && buf[x0, y1].char == "▀" { y1 += 1 }
        return (buf, Rect(x: x0, y: y, width: x1 - x0, height: y1 - y))
    }

    @Test(arguments: [false, true])
    func colourBarTicksSitAtTheRowsOfTheirValues(logScale: Bool) throws {
        let (buf, map) = try slice(Panels.slice(), logScale: logScale)
        let (labelX, maxY) = try #require(Panels.find("max 100", in: buf))
        #expect(maxY == map.y)
        #expect(Panels.text(buf, y: map.maxY - 1, from: labelX, to: labelX + 5) == "min 0")
        let rows = map.height
        var ticks: [(Double, Int)] = []
        for y in (map.y + 1)..<(map.maxY - 1) {
            let word = Panels.text(buf, y: y, from: labelX, to: labelX + 8).split(separator: " ").first.map(String.init) ?? ""
            if let v = Double(word) { ticks.append((v, y - map.y)) }
        }
        #expect((3...5).contains(ticks.count), "ticks \(ticks)")
        for (v, row) in ticks {
            let u = v / 100
            let t = logScale ? log1p(u * 1000) / log1p(1000) : u
            let expected = Int(((1 - t) * Double(2 * rows - 1)).rounded()) / 2
            #expect(row == expected, "tick \(v) on row \(row), expected \(expected)")
            #expect(row != 0 && row != rows - 1)
            #expect(buf[labelX, map.y + row].fg == Theme.builtinDefault.palette.inactiveFg)
        }
        // Higher values higher up; no two ticks on one row.
        #expect(zip(ticks, ticks.dropFirst()).allSatisfy { $0.0 > $1.0 && $0.1 < $1.1 })
    }

    @Test func alphaAndBetaTicksFrameTheHeatmap() throws {
        let (buf, map) = try slice(Panels.slice())
        let p = Theme.builtinDefault.palette
        // β: +1 at the top row, 0 in the middle, −1 at the bottom, right-aligned one cell left of the map.
        #expect(Panels.text(buf, y: map.y, from: map.x - 2, to: map.x) == "1 ")
        #expect(Panels.text(buf, y: map.y + map.height / 2, from: map.x - 2, to: map.x) == "0 ")
        #expect(Panels.text(buf, y: map.maxY - 1, from: map.x - 3, to: map.x) == "-1 ")
        #expect(buf[map.x - 2, map.y].fg == p.inactiveFg)
        // α under the map: −1 at its left edge, 0 at its middle column, 1 at its right edge.
        let ay = map.maxY
        #expect(Panels.text(buf, y: ay, from: map.x, to: map.x + 2) == "-1")
        #expect(buf[map.x + map.width / 2, ay].char == "0")
        #expect(buf[map.maxX - 1, ay].char == "1")
        // The map is square in pixels when the width allows (half blocks: two pixels per row).
        #expect(map.width == 2 * map.height)
    }

    @Test func energyPathIsALineOfDotsWithItsSaddleUnderTheMarkers() throws {
        var s = Panels.slice()
        s.energyPath = [SlicePoint(alpha: -0.9, beta: -0.5), SlicePoint(alpha: 0, beta: 0.4), SlicePoint(alpha: 0.9, beta: -0.5)]
        s.saddle = SlicePoint(alpha: 0, beta: 0.4)
        s.current = SlicePoint(alpha: -0.9, beta: -0.5)       // on the path's first point: the current point wins
        let (buf, map) = try slice(s)
        let p = Theme.builtinDefault.palette
        let pw = map.width, ph = 2 * map.height
        func cell(_ a: Double, _ b: Double) -> (Int, Int) {
            (map.x + min(pw - 1, Int((a + 1) / 2 * Double(pw))), map.y + min(ph - 1, Int((1 - b) / 2 * Double(ph))) / 2)
        }
        let (cx, cy) = cell(-0.9, -0.5)
        #expect(buf[cx, cy].char == "●" && buf[cx, cy].fg == p.current)
        let (sx, sy) = cell(0, 0.4)
        #expect(buf[sx, sy].char == "×" && buf[sx, sy].fg == p.hiFg && buf[sx, sy].style.contains(.bold))
        let (ex, ey) = cell(0.9, -0.5)
        #expect(buf[ex, ey].char == "•" && buf[ex, ey].fg == p.hiFg)
        // Between the points the line is continuous: every column from the start to the end has a dot.
        let dotted = Set((map.y..<map.maxY).flatMap { y in (map.x..<map.maxX).filter { ["•", "×", "●"].contains(buf[$0, y].char) } })
        #expect(Set(cx...ex).isSubset(of: dotted))
        // Both are in the legend, with their glyphs in their colours.
        let (lx, ly) = try #require(Panels.find("energy path", in: buf))
        #expect(buf[lx - 2, ly].char == "•" && buf[lx - 2, ly].fg == p.hiFg)
        let (kx, ky) = try #require(Panels.find("saddle", in: buf))
        #expect(buf[kx - 2, ky].char == "×")
        // Without a path, no legend line for it.
        let (plain, _) = try slice(Panels.slice())
        #expect(Panels.find("energy path", in: plain) == nil)
        #expect(!plain.cells.contains { $0.char == "•" || $0.char == "×" })
    }

    // MARK: Network

    /// Renders the network panel alone.
    private func network(_ snap: EngineSnapshot, selection: EdgeSelection = EdgeSelection(layer: 0, row: 0, col: 0),
                         width: Int = 60, height: Int = 30, theme: Theme = .builtinDefault,
                         glyphs: GlyphSet = .unicode) -> (CellBuffer, EdgeHitMap) {
        var buf = CellBuffer(width: width, height: height)
        var hit = EdgeHitMap()
        NetworkPanel.render(snapshot: snap, state: UIState(selection: selection), palette: theme.palette, glyphs: glyphs, into: &buf,
                            rect: Rect(x: 0, y: 0, width: width, height: height), hitMap: &hit)
        if glyphs.asciiOnly { buf.replaceNonASCII() }
        return (buf, hit)
    }

    /// The legend sample drawn before `label`: its characters and the first one's colour and style.
    private func sample(_ label: String, in buf: CellBuffer, length: Int) throws -> (String, RGB, CellStyle) {
        let (x, y) = try #require(Panels.find(" " + label, in: buf), "no legend item \(label)")
        let s = Panels.text(buf, y: y, from: x - length, to: x)
        return (s, buf[x - length, y].fg, buf[x - length, y].style)
    }

    @Test(arguments: [true, false])
    func legendKindsDifferInGlyphOrStyleInTheMonoTheme(unicode: Bool) throws {
        var snap = Panels.snapshot(params: [1, 2, -2, 1e-9, 1, -2, 3, 0.25])
        snap.regrowHints = [Panels.hint(0, 0, 1)]
        let glyphs: GlyphSet = unicode ? .unicode : .ascii
        let (buf, _) = network(snap, theme: Panels.mono, glyphs: glyphs)
        var seen: [String: (String, CellStyle)] = [:]
        for (label, length) in [("w>0", 2), ("w<0", 2), ("pruned", unicode ? 2 : 3), ("useless", unicode ? 2 : 3),
                                (unicode ? "≈0 (live)" : "~0 (live)", 2), ("revive: opens a way down", unicode ? 2 : 3)] {
            let (chars, fg, style) = try sample(label, in: buf, length: length)
            #expect(fg.r == fg.g && fg.g == fg.b, "mono colours are grey")
            #expect(!seen.values.contains { $0 == (chars, style) }, "\(label) looks like another kind: '\(chars)' \(style)")
            seen[label] = (chars, style)
        }
        #expect(seen.count == 6)
        if unicode {
            #expect(seen["w>0"]!.0 == "──" && seen["w<0"]!.0 == "━━" && seen["pruned"]!.0 == "┄┄" && seen["useless"]!.0 == "┈┈")
        }
    }

    /// [2, 2, 1] with x1→h1 and x2→h2 in W1 (both flat), W2 dense; x2→h2 is near zero or pruned.
    private func twoRows(x2h2: Double?) throws -> EngineSnapshot {
        let arch = try NetworkArchitecture(widths: [2, 2, 1], masks: [[true, false, false, x2h2 != nil], [true, true]])
        return Panels.snapshot(arch, params: x2h2.map { [1, $0, 1, 1] } ?? [1, 1, 1])
    }

    @Test(arguments: [true, false])
    func nearZeroLiveEdgeIsSolidAndDimWhilePrunedIsDashed(braille: Bool) throws {
        let glyphs: GlyphSet = braille ? .unicode : .ascii
        let p = Theme.builtinDefault.palette
        let edge = EdgeSelection(layer: 0, row: 1, col: 1)
        let sel = EdgeSelection(layer: 1, row: 0, col: 0)
        for x2h2 in [1e-9, nil] as [Double?] {
            let snap = try twoRows(x2h2: x2h2)
            let (buf, hit) = network(snap, selection: sel, glyphs: glyphs)
            let seg = try #require(hit.segments.first { $0.edge == edge })
            #expect(seg.y0 == seg.y1)
            let cells = ((seg.x0 + 1)...(seg.x1 - 1)).map { buf[$0, seg.y0] }
            if x2h2 != nil {
                #expect(EdgeDescription.isNearZero(edge, in: snap))
                // Solid: every cell of the edge is drawn, dim, in the faintest live colour.
                #expect(cells.allSatisfy { $0.char != " " && $0.style.contains(.dim) && $0.fg == p.mainBg.mixed(with: p.edgePos, 0.3) },
                        "\(cells.map { $0.char })")
            } else {
                // Dashed: pruned cells alternate with gaps.
                let drawn = cells.map { $0.char != " " }
                #expect(drawn.contains(false) && drawn.contains(true))
                #expect(cells.filter { $0.char != " " }.allSatisfy { $0.fg == p.edgePruned && $0.style.contains(.dim) })
            }
        }
    }

    @Test func regrowHintsAreDrawnInTheBestColourInBothViews() throws {
        let p = Theme.builtinDefault.palette
        // Graph: theorem5 with the pruned x1→h2 hinted.
        var snap = Panels.snapshot()
        snap.regrowHints = [Panels.hint(0, 0, 1)]
        let (buf, hit) = network(snap, selection: EdgeSelection(layer: 1, row: 1, col: 2))
        let seg = try #require(hit.segments.first { $0.edge == EdgeSelection(layer: 0, row: 0, col: 1) })
        let best = buf.cells.indices.filter { buf.cells[$0].fg == p.best && buf.cells[$0].style.contains(.bold) }
        #expect(best.count >= 4)
        // Every best-coloured cell of the graph lies on the hinted edge (within a cell of its line) or in the legend.
        let (_, legendY) = try #require(Panels.find("revive: opens a way down", in: buf))
        for i in best where i / buf.width != legendY {
            let x = Double(i % buf.width), y = Double(i / buf.width)
            let t = (x - Double(seg.x0)) / Double(seg.x1 - seg.x0)
            let lineY = Double(seg.y0) + t * Double(seg.y1 - seg.y0)
            #expect(t >= 0 && t <= 1 && abs(y - lineY) <= 1.5, "cell (\(x), \(y)) is off the hinted edge")
        }
        #expect(EdgeDescription.text(of: EdgeSelection(layer: 0, row: 0, col: 1), in: snap)
                == "W1[1,2] = 0 (pruned) x1→h2 · revive: opens a way down")
        // Matrix: a wide layer with a hinted pruned weight at W1[1,2].
        var m1 = [Bool](repeating: true, count: 30 * 4)
        m1[1] = false
        m1[2] = false
        let arch = try NetworkArchitecture(widths: [30, 4, 3], masks: [m1, [Bool](repeating: true, count: 12)])
        var wide = Panels.snapshot(arch, params: (0..<arch.parameterCount).map { $0 % 2 == 0 ? 0.5 : -1 })
        wide.regrowHints = [Panels.hint(0, 0, 1)]
        let (mbuf, mhit) = network(wide, selection: EdgeSelection(layer: 1, row: 0, col: 0))
        let block = try #require(mhit.blocks.first { $0.layer == 0 })
        let hinted = mbuf[block.x + 1 - block.colStart, block.y - block.rowStart]
        #expect(hinted.char == "+" && hinted.fg == p.best && hinted.style.contains(.bold))
        let plainPruned = mbuf[block.x + 2 - block.colStart, block.y - block.rowStart]
        #expect(plainPruned.char == "·" && plainPruned.fg == p.edgePruned && plainPruned.style.contains(.dim))
        let (rx, ry) = try #require(Panels.find("revive: opens a way down", in: mbuf))
        #expect(mbuf[rx - 2, ry].char == "+" && mbuf[rx - 2, ry].fg == p.best)
    }

    @Test func matrixViewShowsIndicesAndAScrollIndicatorThatFollowsTheSelection() throws {
        var m1 = [Bool](repeating: true, count: 64 * 16)
        m1[40 * 16 + 3] = false
        let arch = try NetworkArchitecture(widths: [64, 16, 3], masks: [m1, [Bool](repeating: true, count: 48)])
        var params = (0..<arch.parameterCount).map { $0 % 2 == 0 ? 0.5 : -1 }
        params[arch.parameterIndex(layer: 0, row: 0, col: 1)!] = 1e-7
        let snap = Panels.snapshot(arch, params: params)
        let p = Theme.builtinDefault.palette
        let sel = EdgeSelection(layer: 0, row: 40, col: 4)
        let (buf, hit) = network(snap, selection: sel, width: 60, height: 30)
        let b = try #require(hit.blocks.first { $0.layer == 0 })
        // The window follows the selection.
        #expect(b.rowStart > 0 && b.rowStart <= 40 && 40 < b.rowStart + b.rows)
        #expect(b.rows < 64 && b.cols == 16)
        // Column indices over their columns: 1, 5, 10, 15.
        let iy = b.y - 1
        #expect(buf[b.x, iy].char == "1")
        #expect(buf[b.x + 4, iy].char == "5" && buf[b.x + 3, iy].char == " ")
        #expect(Panels.text(buf, y: iy, from: b.x + 9, to: b.x + 11) == "10")
        #expect(Panels.text(buf, y: iy, from: b.x + 14, to: b.x + 16) == "15")
        #expect(buf[b.x + 4, iy].fg == p.hiFg)   // the selected column's index is highlighted
        // Row indices right-aligned in the gutter: every fifth row, the selected row (41) highlighted when shown.
        let y40 = b.y + (39 - b.rowStart)
        #expect(Panels.text(buf, y: y40, from: b.x - 3, to: b.x) == "40 ")
        #expect(buf[b.x - 3, y40].fg == p.inactiveFg)
        // ▲ and ▼: more rows above and below the window.
        #expect(buf[b.x - 2, b.y].char == "▲")
        #expect(buf[b.x - 2, b.y + b.rows - 1].char == "▼")
        // "rows a–b of 64" under the block.
        let footer = Panels.text(buf, y: b.y + b.rows, from: b.x - 3, to: b.x - 3 + 20)
        #expect(footer.hasPrefix("rows \(b.rowStart + 1)–\(b.rowStart + b.rows) of 64"), "\(footer)")
        // Cells: the pruned weight is '·', a near-zero live weight '∘', a negative one '▓', a positive one '█'.
        let sel2 = EdgeSelection(layer: 0, row: 0, col: 0)
        let (top, thit) = network(snap, selection: sel2, width: 60, height: 30)
        let tb = try #require(thit.blocks.first { $0.layer == 0 })
        #expect(tb.rowStart == 0)
        #expect(top[tb.x + 1, tb.y].char == "∘" && top[tb.x + 1, tb.y].style.contains(.dim))
        #expect(top[tb.x + 2, tb.y].char == "█")
        #expect(top[tb.x + 3, tb.y].char == "▓")
        #expect(top[tb.x - 2, tb.y].char != "▲")
        #expect(top[tb.x - 2, tb.y + tb.rows - 1].char == "▼")
        #expect(Panels.text(top, y: tb.y, from: tb.x - 3, to: tb.x) == " 1 ")
        let pruned = buf[b.x + 3, b.y + (40 - b.rowStart)]
        #expect(pruned.char == "·" && pruned.fg == p.edgePruned && pruned.style.contains(.dim))
        let (px, py) = try #require(Panels.find("· pruned", in: buf))
        #expect(buf[px, py].fg == p.edgePruned)
    }

    @Test func edgeDescriptionsSayNearZeroAndFormatForPeople() throws {
        let arch = Panels.theorem5
        let params = [1, 2.47e-300 * 1e-23, -2, 0.5, 1, -2, 3, 3e-5]
        let snap = Panels.snapshot(arch, params: params)
        #expect(EdgeDescription.text(of: EdgeSelection(layer: 0, row: 1, col: 0), in: snap) == "W1[2,1] = 0 (live, ≈0) x2→h1")
        #expect(EdgeDescription.text(of: EdgeSelection(layer: 0, row: 0, col: 0), in: snap) == "W1[1,1] = 1 (live) x1→h1")
        #expect(EdgeDescription.text(of: EdgeSelection(layer: 1, row: 1, col: 2), in: snap) == "W2[2,3] = 3e-05 (live, ≈0) h2→y3")
        #expect(EdgeDescription.text(of: EdgeSelection(layer: 1, row: 0, col: 2), in: snap) == "W2[1,3] = 0 (pruned) h1→y3")
        // In ASCII the panel writes "~0".
        let (buf, _) = network(snap, selection: EdgeSelection(layer: 0, row: 1, col: 0), glyphs: .ascii)
        #expect(Panels.find("W1[2,1] = 0 (live, ~0) x2>h1", in: buf) != nil)
    }

    // MARK: Whole screens

    /// Every panel, at every size from tiny up, draws only inside its rectangle (and does not crash).
    @Test func panelsDrawOnlyInsideTheirRectangles() throws {
        var snap = SampleSnapshot.make(historyLength: 200, grid: 15)
        snap.regrowHints = [Panels.hint(0, 0, 1)]
        var s = try #require(snap.slice)
        s.energyPath = [SlicePoint(alpha: -2, beta: 0), SlicePoint(alpha: 0, beta: 0.5), SlicePoint(alpha: 3, beta: -3)]
        s.saddle = SlicePoint(alpha: 0, beta: 0.5)
        snap.slice = s
        var m1 = [Bool](repeating: true, count: 40 * 30)
        m1[5] = false
        let wideArch = try NetworkArchitecture(widths: [40, 30, 2], masks: [m1, [Bool](repeating: true, count: 60)])
        var wide = Panels.snapshot(wideArch, params: (0..<wideArch.parameterCount).map { $0 % 3 == 0 ? 1e-9 : Double($0 % 5) - 2 })
        wide.regrowHints = [Panels.hint(0, 0, 5)]
        let p = Theme.builtinDefault.palette
        for glyphs in [GlyphSet.unicode, .ascii] {
            for w in stride(from: 1, through: 61, by: 4) {
                for h in stride(from: 1, through: 33, by: 4) {
                    let rect = Rect(x: 2, y: 2, width: w, height: h)
                    for panel in 0..<5 {
                        var buf = CellBuffer(width: w + 4, height: h + 4)
                        var hit = EdgeHitMap()
                        switch panel {
                        case 0: LossPanel.render(snapshot: snap, axis: .log, palette: p, glyphs: glyphs, into: &buf, rect: rect)
                        case 1: LossPanel.render(snapshot: snap, axis: .recent, palette: p, glyphs: glyphs, into: &buf, rect: rect)
                        case 2: SlicePanel.render(snapshot: snap, state: UIState(), palette: p, glyphs: glyphs, into: &buf, rect: rect)
                        case 3:
                            NetworkPanel.render(snapshot: snap, state: UIState(), palette: p, glyphs: glyphs, into: &buf, rect: rect,
                                                hitMap: &hit)
                        default:
                            NetworkPanel.render(snapshot: wide, state: UIState(selection: EdgeSelection(layer: 0, row: 39, col: 29)),
                                                palette: p, glyphs: glyphs, into: &buf, rect: rect, hitMap: &hit)
                        }
                        for y in 0..<buf.height {
                            for x in 0..<buf.width where !rect.contains(x, y) {
                                #expect(buf[x, y] == .blank, "panel \(panel) at \(w)×\(h) drew at (\(x), \(y))")
                            }
                        }
                    }
                }
            }
        }
    }

    @Test(arguments: [(80, 24), (120, 40), (200, 60)])
    func everythingFitsAtTheStandardSizes(size: (Int, Int)) throws {
        var snap = SampleSnapshot.make()
        snap.regrowHints = [Panels.hint(0, 0, 1)]
        var s = try #require(snap.slice)
        s.energyPath = (0...20).map { SlicePoint(alpha: -0.5 + 0.05 * Double($0), beta: 0.3 * sin(Double($0) / 4)) }
        s.saddle = s.energyPath[10]
        snap.slice = s
        for glyphs in [GlyphSet.unicode, .ascii] {
            for axis in [LossAxis.log, .linear, .recent] {
                var state = UIState(selection: EdgeSelection(layer: 1, row: 1, col: 2), glyphs: glyphs)
                state.lossAxis = axis
                var buf = CellBuffer(width: size.0, height: size.1)
                ExplorerScreen.render(snapshot: snap, state: state, theme: .builtinDefault, glyphs: glyphs, into: &buf)
                let layout = ExplorerLayout(width: size.0, height: size.1)
                let corners = glyphs.asciiOnly ? ("+", "+") : ("┌", "┘")
                for r in [layout.network, layout.loss, layout.slice] {
                    #expect(String(buf[r.x, r.y].char) == corners.0 && String(buf[r.maxX - 1, r.maxY - 1].char) == corners.1)
                    // Nothing drawn over the side borders.
                    for y in (r.y + 1)..<(r.maxY - 1) {
                        #expect(buf[r.x, y].char == glyphs.vertical && buf[r.maxX - 1, y].char == glyphs.vertical, "row \(y) of \(r)")
                    }
                }
                let text = buf.textLines().joined(separator: "\n")
                #expect(text.contains(axis.name))
                #expect(text.contains("energy path") && text.contains("saddle"))
                #expect(text.contains("revive: opens a way down"))
                if glyphs.asciiOnly { #expect(text.unicodeScalars.allSatisfy { $0.isASCII }) }
            }
        }
    }
}
