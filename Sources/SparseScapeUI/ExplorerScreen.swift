import SparseScapeEngine
import SparseScapeCore

/// Draws a whole explorer frame from a snapshot and the UI state.
public enum ExplorerScreen {
    /// The notice shown below 80 × 24.
    public static func tooSmallNotice(width: Int, height: Int) -> String {
        "terminal too small: \(ExplorerLayout.minimumWidth)×\(ExplorerLayout.minimumHeight) needed (now \(width)×\(height))"
    }

    /// Renders everything into `buf` (its size decides the layout); returns the network panel's hit map.
    @discardableResult
    public static func render(snapshot: EngineSnapshot, state: UIState, theme: Theme, glyphs: GlyphSet, into buf: inout CellBuffer,
                              reviveRule: String = "") -> EdgeHitMap {
        var hitMap = EdgeHitMap()
        render(snapshot: snapshot, state: state, theme: theme, glyphs: glyphs, into: &buf, reviveRule: reviveRule, hitMap: &hitMap)
        return hitMap
    }

    /// Renders everything into `buf`, reusing `hitMap`'s storage.
    public static func render(snapshot: EngineSnapshot, state: UIState, theme: Theme, glyphs: GlyphSet, into buf: inout CellBuffer,
                              reviveRule: String, hitMap: inout EdgeHitMap) {
        let p = theme.palette
        buf.clear(fg: p.mainFg, bg: p.mainBg)
        buf.gradients = [SliceColorScale.colors(palette: p)]
        buf.distinctColors = []
        let layout = ExplorerLayout(width: buf.width, height: buf.height)
        hitMap.reset(area: Rect(x: 0, y: 0, width: 0, height: 0))
        if layout.tooSmall {
            let notice = tooSmallNotice(width: buf.width, height: buf.height)
            let lines = HelpOverlay.wrap(notice, width: max(1, buf.width))
            let y0 = max(0, (buf.height - lines.count) / 2)
            for (k, l) in lines.enumerated() {
                PanelFrame.centered(l, y: y0 + k, in: buf.bounds, fg: p.statusWarn, into: &buf, style: .bold)
            }
            if glyphs.asciiOnly { buf.replaceNonASCII() }
            return
        }
        var st = state
        st.normalize(for: snapshot.architecture)
        TitleBar.render(snapshot: snapshot, palette: p, glyphs: glyphs, into: &buf, rect: layout.title)
        NetworkPanel.render(snapshot: snapshot, state: st, palette: p, glyphs: glyphs, into: &buf, rect: layout.network, hitMap: &hitMap)
        if layout.isRich {
            CertificatePanel.render(snapshot: snapshot, palette: p, glyphs: glyphs, into: &buf, rect: layout.certificate)
        }
        LossPanel.render(snapshot: snapshot, axis: st.lossAxis, palette: p, glyphs: glyphs, into: &buf, rect: layout.loss)
        SlicePanel.render(snapshot: snapshot, state: st, palette: p, glyphs: glyphs, into: &buf, rect: layout.slice)
        StatusLine.render(snapshot: snapshot, state: st, palette: p, glyphs: glyphs, into: &buf, rect: layout.status)
        KeyLine.render(snapshot: snapshot, state: st, palette: p, into: &buf, rect: layout.keys)
        if st.showLog {
            LogOverlay.render(log: st.log, scroll: st.logScroll, palette: p, glyphs: glyphs, into: &buf, screen: layout.screen)
            hitMap.reset(area: Rect(x: 0, y: 0, width: 0, height: 0))
        }
        if st.showHelp {
            HelpOverlay.render(reviveRule: reviveRule, palette: p, glyphs: glyphs, into: &buf, screen: layout.screen)
            hitMap.reset(area: Rect(x: 0, y: 0, width: 0, height: 0))
        }
        if glyphs.asciiOnly { buf.replaceNonASCII() }
    }
}
