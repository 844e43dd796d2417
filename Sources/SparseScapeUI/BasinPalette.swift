import SparseScapeEngine
import SparseScapeCore
import SparseScapeWording

/// The colours and legend of basins of attraction on the slice.
///
/// The lowest minimum's basin is drawn in the best-point colour, the stall's basin (when it is another) in its own
/// colour (status_warn), other minima in the path colour and everything that reaches no minimum (valleys, saddles,
/// unconverged, diverged) in the inactive colour: at most four colours, each with one legend entry, so the legend
/// names every colour on the map at any colour depth.
public enum BasinPalette {
    /// One legend entry: the colour it names, its text, and the basins drawn in that colour.
    public struct Entry: Equatable, Sendable {
        /// The colour on the map and on the legend's swatch.
        public var color: RGB
        /// The legend text ("L 8 spurious (here)", "3 other minima, L 9.1–12").
        public var text: String
        /// The basins (indices into the overlay's basins) drawn in this colour.
        public var basins: [Int]
    }

    /// One colour per basin of `overlay`.
    public static func colors(for overlay: BasinOverlay, palette: Palette) -> [RGB] {
        overlay.basins.indices.map { k in
            if k == overlay.lowest { return palette.best }
            if k == overlay.current { return palette.statusWarn }
            return overlay.basins[k].kind == .minimum ? palette.path : palette.inactiveFg
        }
    }

    /// The legend: one entry per colour shown on the map (only basins some grid point drains to), in the order
    /// lowest minimum, the stall's basin, other minima, the rest.
    public static func legend(for overlay: BasinOverlay, palette: Palette) -> [Entry] {
        let colors = colors(for: overlay, palette: palette)
        var shown = Set<Int>()
        for l in overlay.labels where overlay.basins.indices.contains(l) { shown.insert(l) }
        var entries: [Entry] = []
        func add(_ basins: [Int], text: ([Int]) -> String) {
            guard let first = basins.first else { return }
            entries.append(Entry(color: colors[first], text: text(basins), basins: basins))
        }
        let order = overlay.basins.indices.filter { shown.contains($0) }
        let lowest = order.filter { $0 == overlay.lowest }
        let here = order.filter { $0 == overlay.current && $0 != overlay.lowest }
        let minima = order.filter { $0 != overlay.lowest && $0 != overlay.current && overlay.basins[$0].kind == .minimum }
        let rest = order.filter { $0 != overlay.lowest && $0 != overlay.current && overlay.basins[$0].kind != .minimum }
        add(lowest) { name(overlay.basins[$0[0]], isCurrent: $0[0] == overlay.current) + (name(overlay.basins[$0[0]], isCurrent: false).hasSuffix("global") ? "" : " lowest") }
        add(here) { name(overlay.basins[$0[0]], isCurrent: true) }
        add(minima) { ks in
            guard ks.count > 1 else { return name(overlay.basins[ks[0]], isCurrent: false) }
            let losses = ks.compactMap { overlay.basins[$0].loss }
            let range = losses.isEmpty ? "" : ", L \(NumberFormat.human(losses.min()!, 4))–\(NumberFormat.human(losses.max()!, 4))"
            return "\(ks.count) other minima\(range)"
        }
        add(rest) { ks in
            guard ks.count > 1 else { return name(overlay.basins[ks[0]], isCurrent: ks[0] == overlay.current) }
            var kinds: [String] = []
            for k in ks {
                let word: String
                switch overlay.basins[k].kind {
                case .minimum: word = "minimum"
                case .saddle: word = "saddle"
                case .valley: word = "valley"
                case .unconverged: word = "unconverged"
                case .diverged: word = "diverged"
                }
                if !kinds.contains(word) { kinds.append(word) }
            }
            let here = ks.contains { $0 == overlay.current } ? " (here)" : ""
            return "\(ks.count) no minimum: \(kinds.joined(separator: ", "))\(here)"
        }
        return entries
    }

    /// The legend name of a basin ("L 8 spurious (here)", "L 0.1656 global", "valley → 8.5").
    public static func name(_ b: Basin, isCurrent: Bool) -> String {
        BasinReport.legendName(b) + (isCurrent ? " (here)" : "")
    }
}
