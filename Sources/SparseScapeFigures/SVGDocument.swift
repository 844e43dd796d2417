import Foundation
import SparseScapeCore

/// A standalone SVG document: a fixed pixel size, a title and a list of elements, written atomically.
///
/// The output is plain SVG 1.1 (no scripts, no external resources, no fonts embedded): any browser, Inkscape,
/// LaTeX via `svg`/Inkscape, `rsvg-convert` or ImageMagick reads it. Text uses the generic sans-serif family
/// (DejaVu Sans, Helvetica or Arial where present).
public struct SVGDocument: Sendable {
    /// Width in pixels (also the PNG width when converted at 96 dpi).
    public var width: Double
    /// Height in pixels.
    public var height: Double
    /// The document's title (the `<title>` element: shown by viewers, read by screen readers).
    public var title: String
    /// Elements of `<defs>` (clip paths, gradients).
    public var definitions: [SVGElement] = []
    /// The drawn elements, in painting order.
    public var elements: [SVGElement] = []

    /// The font family of every text.
    public static let fontFamily = "DejaVu Sans, Helvetica, Arial, sans-serif"

    /// An empty document on a white background.
    public init(width: Double, height: Double, title: String) {
        self.width = width
        self.height = height
        self.title = title
    }

    /// Appends an element.
    public mutating func add(_ element: SVGElement) { elements.append(element) }

    /// Appends elements.
    public mutating func add(_ elements: [SVGElement]) { self.elements += elements }

    /// Adds a definition (a clip path, a gradient).
    public mutating func define(_ element: SVGElement) { definitions.append(element) }

    /// The document as SVG text (UTF-8 XML with its declaration).
    public func render() -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out.reserveCapacity(200 + elements.count * 80)
        let w = SVGElement.number(width), h = SVGElement.number(height)
        let root = SVGElement("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("version", "1.1"), ("width", w), ("height", h),
                                      ("viewBox", "0 0 \(w) \(h)"), ("font-family", Self.fontFamily), ("font-size", "12")])
        var open = ""
        root.render(into: &open)
        out += open.dropLast(3) + ">\n"   // "<svg …/>\n" → "<svg …>"
        SVGElement("title", text: title).render(into: &out)
        if !definitions.isEmpty { SVGElement("defs", children: definitions).render(into: &out) }
        SVGElement.rect(0, 0, width, height, [("fill", "#ffffff")]).render(into: &out)
        for e in elements { e.render(into: &out) }
        out += "</svg>\n"
        return out
    }

    /// Writes the document to `path` atomically (a temporary file in the same directory, then a rename).
    public func write(to path: String) throws {
        try AtomicFile.write(render(), to: path)
    }
}
