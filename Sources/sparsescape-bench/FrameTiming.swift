import Foundation
import SparseScapeTestSupport
import SparseScapeUI

/// Times full explorer frames into a `CellBuffer`.
enum FrameTiming {
    /// Seconds per full frame at width × height, averaged over `iterations` frames (after one warm-up frame).
    static func frameTime(width: Int, height: Int, iterations: Int) -> Double {
        let snapshot = SampleSnapshot.make()
        let theme = Theme.builtinDefault
        var buf = CellBuffer(width: width, height: height)
        var hitMap = EdgeHitMap()
        let state = UIState(selection: EdgeSelection(layer: 1, row: 1, col: 2), logScale: true, message: "exported slice.csv")
        ExplorerScreen.render(snapshot: snapshot, state: state, theme: theme, glyphs: .unicode, into: &buf, reviveRule: "", hitMap: &hitMap)
        let n = max(1, iterations)
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<n {
            ExplorerScreen.render(snapshot: snapshot, state: state, theme: theme, glyphs: .unicode, into: &buf, reviveRule: "", hitMap: &hitMap)
        }
        let end = DispatchTime.now().uptimeNanoseconds
        return Double(end - start) / 1e9 / Double(n)
    }
}
