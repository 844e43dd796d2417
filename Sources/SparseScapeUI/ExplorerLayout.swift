/// Where each panel goes for a given terminal size.
///
/// At least 80 × 24 is needed. Top row: title bar; then the network on the left and the loss chart over the
/// slice on the right; two status rows and the key line at the bottom. From 160 × 48 on ("rich") the left
/// column also shows the certificate under the network.
public struct ExplorerLayout: Equatable, Sendable {
    /// The smallest usable size.
    public static let minimumWidth = 80
    /// The smallest usable size.
    public static let minimumHeight = 24

    /// Whole screen.
    public var screen: Rect
    /// True when the screen is smaller than 80 × 24 (only the notice is drawn).
    public var tooSmall: Bool
    /// Title bar (one row).
    public var title: Rect
    /// Network panel.
    public var network: Rect
    /// Certificate panel (empty unless rich).
    public var certificate: Rect
    /// Loss chart.
    public var loss: Rect
    /// Slice heatmap.
    public var slice: Rect
    /// Status lines (two rows).
    public var status: Rect
    /// Key line (one row).
    public var keys: Rect

    /// The layout for a width × height screen.
    public init(width: Int, height: Int) {
        screen = Rect(x: 0, y: 0, width: width, height: height)
        let empty = Rect(x: 0, y: 0, width: 0, height: 0)
        tooSmall = width < Self.minimumWidth || height < Self.minimumHeight
        guard !tooSmall else {
            title = empty; network = empty; certificate = empty; loss = empty; slice = empty; status = empty; keys = empty
            return
        }
        title = Rect(x: 0, y: 0, width: width, height: 1)
        keys = Rect(x: 0, y: height - 1, width: width, height: 1)
        status = Rect(x: 1, y: height - 3, width: width - 2, height: 2)
        let mainY = 1, mainH = height - 4
        let leftW = max(34, width * 2 / 5)
        let rightW = width - leftW
        let rich = width >= 160 && height >= 48
        if rich {
            let netH = mainH * 3 / 5
            network = Rect(x: 0, y: mainY, width: leftW, height: netH)
            certificate = Rect(x: 0, y: mainY + netH, width: leftW, height: mainH - netH)
        } else {
            network = Rect(x: 0, y: mainY, width: leftW, height: mainH)
            certificate = empty
        }
        let lossH = max(8, mainH * 9 / 20)
        loss = Rect(x: leftW, y: mainY, width: rightW, height: lossH)
        slice = Rect(x: leftW, y: mainY + lossH, width: rightW, height: mainH - lossH)
    }

    /// True when the certificate panel is shown.
    public var isRich: Bool { !certificate.isEmpty }
}
