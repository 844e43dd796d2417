import Foundation
import Testing
import SparseScapeCore
import SparseScapeEngine
@testable import SparseScapeUI

/// Individual widgets: sizes, matrix view, NaN handling, colours.
@Suite struct WidgetTests {
    @Test(arguments: [(79, 24), (80, 23), (60, 20)])
    func tooSmallNotice(size: (Int, Int)) {
        let buf = Fixtures.render(width: size.0, height: size.1)
        let text = buf.textLines().joined(separator: " ")
        #expect(text.contains("terminal too small"))
        #expect(text.contains("80×24 needed"))
        #expect(text.contains("(now \(size.0)×\(size.1))"))
        #expect(!text.contains("network"))
    }

    @Test func exactly80x24IsUsable() {
        let text = Fixtures.render(width: 80, height: 24).textLines().joined(separator: "\n")
        #expect(!text.contains("too small"))
        #expect(text.contains("network [3, 2, 3]"))
    }

    @Test func matrixViewForWideLayers() throws {
        // 30 inputs, 4 hidden, 3 outputs; x1 feeds nothing (so W1's first row is pruned).
        var m1 = [Bool](repeating: true, count: 30 * 4)
        for j in 0..<4 { m1[j] = false }
        let arch = try NetworkArchitecture(widths: [30, 4, 3], masks: [m1, [Bool](repeating: true, count: 12)])
        let params = (0..<arch.parameterCount).map { $0 % 2 == 0 ? 0.5 : -1.0 }
        #expect(NetworkPanel.usesMatrixView(arch, rows: 100))
        let snap = Fixtures.snapshot(architecture: arch, params: params)
        let state = UIState(selection: EdgeSelection(layer: 0, row: 0, col: 1))
        var buf = CellBuffer(width: 120, height: 40)
        let hit = ExplorerScreen.render(snapshot: snap, state: state, theme: .builtinDefault, glyphs: .unicode, into: &buf)
        let lines = buf.textLines()
        let text = lines.joined(separator: "\n")
        SnapshotAssert.check(text + "\n", named: "matrix-120x40")
        #expect(text.contains("W1 30×4"))
        #expect(text.contains("W2 4×3"))
        #expect(text.contains("W1[1,2] = 0 (pruned)"))
        #expect(!text.contains("x1 ●"))  // no graph view
        // Clicking a matrix cell selects that weight.
        let block = try #require(hit.blocks.first { $0.layer == 1 })
        #expect(hit.edge(atX: block.x + 2, y: block.y + 1) == EdgeSelection(layer: 1, row: 1, col: 2))
        // The selected (pruned) cell is drawn on selected_bg.
        let b0 = try #require(hit.blocks.first { $0.layer == 0 })
        let cell = buf[b0.x + 1 - b0.colStart, b0.y - b0.rowStart]
        #expect(cell.bg == Theme.builtinDefault.palette.selectedBg)
    }

    @Test func nanAndZeroHistoryIsSkipped() {
        var h = Fixtures.history(count: 20)
        h[3].loss = .nan; h[4].gradientNorm = .infinity; h[5].loss = 0; h[6].gradientNorm = -1; h[7].loss = -.infinity
        h[8].gradientNorm = .nan; h[9].loss = .leastNonzeroMagnitude
        let snap = Fixtures.snapshot(history: h)
        let buf = Fixtures.render(snap, width: 120, height: 40)
        let lossRect = ExplorerLayout(width: 120, height: 40).loss
        for y in lossRect.y..<lossRect.maxY {
            var row = ""
            for x in lossRect.x..<lossRect.maxX { row.append(buf[x, y].char) }
            #expect(!row.lowercased().contains("nan") && !row.contains("inf"), "row \(y): \(row)")
        }
    }

    @Test func allInvalidHistorySaysSo() {
        let h = (0..<5).map { HistoryPoint(iteration: $0, loss: .nan, gradientNorm: 0) }
        let text = Fixtures.render(Fixtures.snapshot(history: h), width: 120, height: 40).textLines().joined(separator: "\n")
        #expect(text.contains("no finite positive values to plot"))
        let empty = Fixtures.render(Fixtures.snapshot(history: []), width: 80, height: 24).textLines().joined(separator: "\n")
        #expect(empty.contains("no history yet"))
    }

    @Test func nonFiniteSliceAndNoSlice() {
        var s = Fixtures.slice()
        s.values[3] = .nan
        s.values[7] = .infinity
        s.current = SlicePoint(alpha: .nan, beta: 5)
        _ = Fixtures.render(Fixtures.snapshot(slice: s), width: 120, height: 40)  // must not crash
        let text = Fixtures.render(Fixtures.snapshot(slice: nil), width: 120, height: 40).textLines().joined(separator: "\n")
        #expect(text.contains("computing slice…"))
    }

    /// A saddle's index (or the order of a higher-order saddle) is on the status line, in the warning colour.
    @Test(arguments: [(EngineVerdict.saddle(index: 1, order: 2), "stalled: saddle of index 1"),
                      (EngineVerdict.saddle(index: 0, order: 3), "stalled: saddle of order 3")])
    func saddleVerdictShowsItsIndex(verdict: EngineVerdict, text: String) throws {
        let buf = Fixtures.render(Fixtures.snapshot(verdict: verdict), width: 120, height: 40)
        let lines = buf.textLines()
        let y = try #require(lines.firstIndex { $0.contains(text) }, "no '\(text)' on screen")
        let x = lines[y].distance(from: lines[y].startIndex, to: lines[y].range(of: text)!.lowerBound)
        #expect(buf[x, y].fg == Theme.builtinDefault.palette.statusWarn)
        #expect(!lines.contains { $0.contains("spurious local minimum") })
    }

    /// The certificate panel names a saddle's index, or the order of a higher-order saddle.
    @Test func certificatePanelShowsTheSaddlesIndexOrOrder() throws {
        var c = Fixtures.certificate
        c.classification = .saddle
        c.spurious = nil
        c.index = 2
        c.saddleOrder = 2
        #expect(CertificatePanel.lines(Fixtures.snapshot(certificate: c), width: 80).first == "classification  saddle (index 2)")
        c.index = 0
        c.saddleOrder = 3
        let first = try #require(CertificatePanel.lines(Fixtures.snapshot(certificate: c), width: 80).first)
        #expect(first.hasPrefix("classification  saddle (order 3"))
    }

    @Test func colours() {
        let p = Theme.builtinDefault.palette
        let buf = Fixtures.render(width: 120, height: 40, state: UIState(selection: EdgeSelection(layer: 0, row: 1, col: 0)))
        let lines = buf.textLines()
        // Status verdict (spurious) in status_warn.
        let vy = try! #require(lines.firstIndex { $0.contains("stalled: spurious") })
        let vx = lines[vy].distance(from: lines[vy].startIndex, to: lines[vy].range(of: "stalled")!.lowerBound)
        #expect(buf[vx, vy].fg == p.statusWarn)
        // Heatmap: the top-left pixel pair is the slice value at (α, β) = (−1, 1): 1 + 22.5 + 9 = 32.5 = the maximum.
        // The heatmap starts after the β tick column: its first cell is the first half block of the panel's top row.
        let slice = ExplorerLayout(width: 120, height: 40).slice
        let mapX = try! #require((slice.x + 1..<slice.maxX).first { buf[$0, slice.y + 1].char == "▀" })
        #expect(mapX > slice.x + 1 && mapX < slice.x + 10)
        let corner = buf[mapX, slice.y + 1]
        #expect(corner.char == "▀")
        #expect(corner.fg == p.sliceEnd)
        // Node glyphs in the node colour; the selected edge's end node x2 in hi_fg.
        let x1y = try! #require(lines.firstIndex { $0.contains("x1 ●") })
        let x1x = lines[x1y].distance(from: lines[x1y].startIndex, to: lines[x1y].range(of: "●")!.lowerBound)
        #expect(buf[x1x, x1y].fg == p.node)
        let x2y = try! #require(lines.firstIndex { $0.contains("x2 ●") })
        #expect(buf[x1x, x2y].fg == p.hiFg)
        // Some cells use the pruned colour, dim; some use each sign's hue.
        #expect(buf.cells.contains { $0.fg == p.edgePruned && $0.style.contains(.dim) })
        #expect(buf.cells.contains { $0.fg == p.edgeNeg || $0.fg == p.mainBg.mixed(with: p.edgeNeg, 1) })
        #expect(buf.cells.contains { $0.fg == p.lossLine } && buf.cells.contains { $0.fg == p.gradLine })
        #expect(buf.cells.contains { $0.char == "┆" && $0.fg == p.maskMark })
    }

    @Test func uselessEdgesUseTheirColour() throws {
        // x1 → h1 live but h1 has no outgoing weight: the edge cannot matter.
        let arch = try NetworkArchitecture(widths: [2, 2, 1], masks: [[true, false, false, true], [false, true]])
        let snap = Fixtures.snapshot(architecture: arch, params: [1, 1, 1])
        let state = UIState(selection: EdgeSelection(layer: 0, row: 1, col: 1))
        let buf = Fixtures.render(snap, width: 100, height: 30, state: state)
        #expect(buf.cells.contains { $0.fg == Theme.builtinDefault.palette.edgeUseless })
        #expect(EdgeDescription.kind(of: EdgeSelection(layer: 0, row: 0, col: 0), in: snap) == .useless)
        #expect(EdgeDescription.text(of: EdgeSelection(layer: 0, row: 0, col: 0), in: snap).contains("(live, useless"))
    }

    @Test func edgeDescriptions() {
        let snap = Fixtures.snapshot()
        #expect(EdgeDescription.text(of: EdgeSelection(layer: 0, row: 1, col: 1), in: snap) == "W1[2,2] = -2 (live) x2→h2")
        #expect(EdgeDescription.text(of: EdgeSelection(layer: 1, row: 0, col: 2), in: snap) == "W2[1,3] = 0 (pruned) h1→y3")
    }

    @Test func asciiGlyphsGiveAsciiOnly() {
        let buf = Fixtures.render(width: 200, height: 60, state: UIState(showHelp: true, glyphs: .ascii), glyphs: .ascii,
                                  reviveRule: "revived weights start at 0 (λ unchanged)")
        for line in buf.textLines() { #expect(line.unicodeScalars.allSatisfy { $0.isASCII }, "\(line)") }
    }

    @Test func brailleDots() {
        var c = BrailleCanvas(cols: 2, rows: 1, braille: true)
        c.set(0, 0, series: 0)   // dot 1
        c.set(1, 3, series: 0)   // dot 8
        c.set(2, 1, series: 1)   // second cell, dot 2
        c.set(9, 9, series: 0)   // outside: ignored
        var buf = CellBuffer(width: 2, height: 1)
        c.draw(into: &buf, x: 0, y: 0, colors: [RGB(1, 1, 1), RGB(2, 2, 2)], asciiPoints: ["*", "+"])
        #expect(buf[0, 0].char == "\u{2881}")
        #expect(buf[1, 0].char == "\u{2802}")
        #expect(buf[1, 0].fg == RGB(2, 2, 2))
    }

    @Test func keyLineFits() {
        for w in [80, 120, 200] {
            let t = KeyLine.text(width: w)
            #expect(t.count <= w)
            #expect(t.hasPrefix("space run/pause"))
            // The line now ends in "? more" when keys were left out (they are behind ? help).
            #expect(t.hasSuffix("? more  q quit") || t.hasSuffix("? help  q quit"))
        }
    }

    @Test func helpListsEveryKeyInTwoColumnsOnSmallScreens() {
        let buf = Fixtures.render(width: 80, height: 24, state: UIState(showHelp: true), reviveRule: "a revived weight starts at 0.")
        let text = buf.textLines().joined(separator: "\n")
        for k in HelpOverlay.keys { #expect(text.contains(k.key + " "), "missing \(k.key)") }
        #expect(text.contains("Revive rule: a revived weight starts at 0."))
    }

    @Test func cellBufferClipsAndDumps() {
        var b = CellBuffer(width: 4, height: 2)
        b.text(-1, 0, "abcdef", fg: RGB(1, 2, 3), bg: RGB(0, 0, 0))
        b.text(2, 1, "xyz", fg: RGB(9, 9, 9), style: .bold)
        b.put(10, 10, "!", fg: RGB(0, 0, 0))
        #expect(b.textLines() == ["bcde", "  xy"])
        let dump = b.colorDump()
        #expect(dump.contains("a fg=#010203 bg=#000000 style=-"))
        #expect(dump.hasSuffix("--\naaaa\nbbcc\n"))
    }
}
