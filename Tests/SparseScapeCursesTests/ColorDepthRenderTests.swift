import Foundation
import Testing
import SparseScapeCore
import SparseScapeEngine
@testable import SparseScapeCurses
import SparseScapeUI

/// Whole frames rendered into the cell buffer and mapped to the colours a terminal of 8, 16, 256 and 2²⁴ colours shows
/// (through `FrameColorMap`, as `CursesScreen` draws them): the heatmap's lightness is monotone along the slice, basin
/// swatches are the colours painted, basins are told apart, and the loss and |grad| lines differ without colour.
@Suite struct ColorDepthRenderTests {
    static let depths = [8, 16, 256, ColorQuantizer.directColors]
    static let themes = ["default", "light", "colorblind", "mono"]

    /// theorem5's architecture with a 21 × 21 slice of a ramp rising left to right (α) and, in basin mode, three
    /// basins: the stall's spurious minimum (here), the lowest minimum and a valley.
    static func snapshot(basins: Bool) throws -> EngineSnapshot {
        let arch = try NetworkArchitecture(widths: [3, 2, 3], masks: [
            [true, false, true, true, false, true], [true, true, false, false, true, true]])
        let params: [Double] = [1, 2, -2, 0.5, 1, -2, 3, 0.25]
        let g = 21
        let values = (0..<(g * g)).map { k in 1 + Double(k / g) }   // value rises with α only
        var slice = SliceSnapshot(grid: g, span: 1, values: values, directions: "random", center: params, d1: params, d2: params,
                                  current: SlicePoint(alpha: 0, beta: 0), path: [], bestKnown: nil, frozen: basins, builtAtIteration: 10)
        if basins {
            let n = 3
            let labels = (0..<(n * n)).map { k in k / n }   // α thirds: basin 0, 1, 2
            slice.basins = BasinOverlay(grid: n, labels: labels, basins: [
                Basin(id: 0, kind: .minimum, loss: 8, classification: .localMinimum, spurious: true, valleyLimit: nil, count: 3, representative: nil),
                Basin(id: 1, kind: .minimum, loss: 0.1656, classification: .localMinimum, spurious: false, valleyLimit: nil, count: 3, representative: nil),
                Basin(id: 2, kind: .valley, loss: nil, classification: nil, spurious: nil, valleyLimit: 8.5, count: 3, representative: nil),
            ], current: 0)
        }
        var s = EngineSnapshot(name: "t", architecture: arch, params: params, iteration: 10, loss: 8, gradientNorm: 1e-3, optimizer: .gd,
                               learningRate: 0.05, running: false, verdict: .paused,
                               history: (0..<40).map { HistoryPoint(iteration: $0 * 10, loss: 8 + 70 * exp(-Double($0) / 4), gradientNorm: 40 * exp(-Double($0) / 3)) })
        s.slice = slice
        return s
    }

    static func render(_ s: EngineSnapshot, theme: String, width: Int = 120, height: Int = 40) throws -> CellBuffer {
        var buf = CellBuffer(width: width, height: height)
        ExplorerScreen.render(snapshot: s, state: UIState(), theme: try Theme.load(nameOrPath: theme), glyphs: .unicode, into: &buf)
        return buf
    }

    /// The heatmap's cells on row `y` (half blocks), left to right.
    static func mapCells(_ buf: CellBuffer, rect: Rect) -> (y: Int, xs: [Int]) {
        let y = rect.y + 3   // above the current point's marker (the centre)
        guard let start = (rect.x..<rect.maxX).first(where: { buf[$0, y].char == "▀" }) else { return (y, []) }
        var xs = [start]
        while xs.last! + 1 < rect.maxX, buf[xs.last! + 1, y].char == "▀" { xs.append(xs.last! + 1) }
        return (y, xs)   // the map's run of half blocks (the colour bar further right is not part of it)
    }

    @Test(arguments: themes, depths)
    func heatmapLightnessIsMonotoneAlongTheSlice(theme: String, colors: Int) throws {
        let buf = try Self.render(try Self.snapshot(basins: false), theme: theme)
        var map = FrameColorMap(quantizer: ColorQuantizer(colors: colors))
        map.adopt(gradients: buf.gradients, distinct: buf.distinctColors)
        let (y, xs) = Self.mapCells(buf, rect: ExplorerLayout(width: 120, height: 40).slice)
        #expect(xs.count >= 30)
        let ls = xs.map { OKLab(map.shown(buf[$0, y].fg)).L }
        let up = ls.last! >= ls.first!
        for (a, b) in zip(ls, ls.dropFirst()) { #expect(up ? b >= a - 1e-12 : b <= a + 1e-12, "\(theme) @\(colors): \(ls)") }
        #expect(abs(ls.last! - ls.first!) > 0.3, "\(theme) @\(colors): the ramp spans little lightness")
    }

    @Test(arguments: themes, depths)
    func basinSwatchesAreThePaintedColoursAndDiffer(theme: String, colors: Int) throws {
        let s = try Self.snapshot(basins: true)
        let buf = try Self.render(s, theme: theme)
        var map = FrameColorMap(quantizer: ColorQuantizer(colors: colors))
        map.adopt(gradients: buf.gradients, distinct: buf.distinctColors)
        let rect = ExplorerLayout(width: 120, height: 40).slice
        let lines = buf.textLines()
        let (y, xs) = Self.mapCells(buf, rect: rect)
        // The map's thirds, left to right: basins 0, 1, 2.
        let thirds = [xs[xs.count / 6], xs[xs.count / 2], xs[xs.count * 5 / 6]].map { map.shown(buf[$0, y].fg) }
        let legend = ["(here)", "L 0.1656", "valley"].map { word -> RGB? in
            guard let row = lines.indices.first(where: { lines[$0].contains(word) && $0 > rect.y }),
                  let col = Array(lines[row]).indices.first(where: { Array(lines[row])[$0] == "█" && $0 > rect.x + 2 }) else { return nil }
            return map.shown(buf[col, row].fg)
        }
        #expect(legend.allSatisfy { $0 != nil }, "\(theme) @\(colors): legend \(lines[rect.y..<rect.maxY].joined(separator: "\n"))")
        #expect(legend.compactMap { $0 } == thirds, "\(theme) @\(colors): swatches \(legend) vs painted \(thirds)")
        #expect(Set(thirds).count == 3, "\(theme) @\(colors): basins look alike: \(thirds.map(\.hex))")
        #expect(!thirds.contains(map.shown(try Theme.load(nameOrPath: theme).palette.mainBg)), "\(theme) @\(colors): a basin in the background colour")
        // No loss colour bar or scale note beside the basin map.
        let panel = lines[rect.y..<rect.maxY].joined(separator: "\n")
        #expect(!panel.contains("linear") && !panel.contains("max "))
    }
}
