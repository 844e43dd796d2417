import SparseScapeEngine
import SparseScapeCore
import SparseScapeWording

/// The colours and names of basins of attraction on the slice: the stall's basin in its own colour (status_warn),
/// the lowest minimum's in the best-point colour, other minima in the path colour, the rest (valleys, saddles,
/// unconverged) greyed.
public enum BasinPalette {
    /// One colour per basin of `overlay`.
    public static func colors(for overlay: BasinOverlay, palette: Palette) -> [RGB] {
        overlay.basins.indices.map { k in
            if k == overlay.current { return palette.statusWarn }
            if k == overlay.lowest { return palette.best }
            return overlay.basins[k].kind == .minimum ? palette.path : palette.inactiveFg
        }
    }

    /// The legend name of a basin ("L 8 spurious (here)", "L 0.1656 global", "valley → 8.5").
    public static func name(_ b: Basin, isCurrent: Bool) -> String {
        BasinReport.legendName(b) + (isCurrent ? " (here)" : "")
    }
}
