import Testing
import SparseScapeCore
import SparseScapeEngine
@testable import SparseScapeUI

/// Basin mode on the slice panel: the title says so, the legend names the basins in their colours, and each pixel's
/// colour is mixed with its basin's colour.
@Suite struct BasinPanelTests {
    /// The fixture's 9 × 9 bowl, split into two basins: α < 0 drains to the spurious minimum (here), α ≥ 0 to the global one.
    static func snapshot() -> EngineSnapshot {
        var slice = Fixtures.slice()
        let n = 3
        let labels = (0..<(n * n)).map { k in k / n == 0 ? 0 : 1 }
        let basins = [Basin(id: 0, kind: .minimum, loss: 8, classification: .localMinimum, spurious: true, valleyLimit: nil, count: 3, representative: nil),
                      Basin(id: 1, kind: .minimum, loss: 0.1656, classification: .globalMinimum, spurious: false, valleyLimit: nil, count: 6, representative: nil)]
        slice.basins = BasinOverlay(grid: n, labels: labels, basins: basins, current: 0)
        slice.frozen = true
        return Fixtures.snapshot(slice: slice)
    }

    @Test func titleLegendAndPixelsShowTheBasins() throws {
        let snap = Self.snapshot()
        let o = try #require(snap.slice?.basins)
        #expect(o.lowest == 1)
        let p = Theme.builtinDefault.palette
        #expect(BasinPalette.colors(for: o, palette: p) == [p.statusWarn, p.best])
        let buf = Fixtures.render(snap, width: 120, height: 40)
        let lines = buf.textLines()
        let rect = ExplorerLayout(width: 120, height: 40).slice
        #expect(lines[rect.y].contains("slice · random · frozen · ±1 · basins"))
        // Legend entries with their colour swatches.
        let y = try #require(lines.firstIndex { $0.contains("L 8 spurious (here)") })
        let x = Array(lines[y]).firstIndex(of: "L")! - 2
        #expect(buf[x, y].fg == p.statusWarn)
        let y2 = try #require(lines.firstIndex { $0.contains("L 0.1656") && !$0.contains("spurious") })
        let x2 = Array(lines[y2]).firstIndex(of: "L")! - 2
        #expect(buf[x2, y2].fg == p.best)
        // Each pixel is its basin's colour exactly as the legend's swatch shows it (no mix with the heat colours):
        // the top-left pixel (α = −1) drains to the stall's basin, the top-right one (α = +1) to the lowest.
        let mapX = try #require((rect.x + 1..<rect.maxX).first { buf[$0, rect.y + 1].char == "▀" })
        #expect(buf[mapX, rect.y + 1].fg == p.statusWarn)
        var right = mapX
        while buf[right + 1, rect.y + 1].char == "▀" { right += 1 }
        #expect(buf[right, rect.y + 1].fg == p.best)
        // The map shows exactly the legend's colours, and no loss colour bar or scale note stays beside it.
        var painted = Set<RGB>()
        for y in rect.y + 1..<rect.maxY - 1 {
            for x in mapX...right where buf[x, y].char == "▀" { painted.insert(buf[x, y].fg); painted.insert(buf[x, y].bg ?? p.mainBg) }
        }
        #expect(painted == [p.statusWarn, p.best])
        let panel = lines[rect.y..<rect.maxY].joined(separator: "\n")
        #expect(!panel.contains("linear") && !panel.contains("max ") && !panel.contains("min "), "\(panel)")
    }
}
