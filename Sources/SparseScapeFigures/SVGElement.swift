import Foundation
import SparseScapeCore

/// One SVG element: its name, attributes in order, child elements and text, rendered as well-formed XML.
///
/// Attribute values and text are escaped when rendered, so any string (a config name with `<&"`, a file
/// name) can be put in a figure as it is. Characters that XML 1.0 forbids (control characters other than tab,
/// newline and carriage return, U+FFFE, U+FFFF) become U+FFFD.
public struct SVGElement: Sendable {
    /// The tag name (`rect`, `g`, `text`, …).
    public var name: String
    /// Attributes in the order written.
    public var attributes: [(name: String, value: String)]
    /// Child elements, written after the text.
    public var children: [SVGElement]
    /// Character content (escaped when rendered).
    public var text: String?

    /// An element.
    public init(_ name: String, _ attributes: [(name: String, value: String)] = [], text: String? = nil, children: [SVGElement] = []) {
        self.name = name
        self.attributes = attributes
        self.text = text
        self.children = children
    }

    /// The first value of the attribute `name`, if present.
    public func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }

    /// Appends the element as XML to `out`.
    public func render(into out: inout String) {
        out += "<"
        out += name
        for a in attributes {
            out += " "
            out += a.name
            out += "=\""
            out += Self.escapeAttribute(a.value)
            out += "\""
        }
        if text == nil && children.isEmpty {
            out += "/>\n"
            return
        }
        out += ">"
        if let text { out += Self.escapeText(text) }
        if !children.isEmpty {
            out += "\n"
            for c in children { c.render(into: &out) }
        }
        out += "</"
        out += name
        out += ">\n"
    }

    /// Text content escaped for XML: `&`, `<` and `>` as entities, forbidden characters replaced.
    public static func escapeText(_ s: String) -> String { escape(s, attribute: false) }

    /// An attribute value escaped for a double-quoted XML attribute: also `"` and `'`, and tab, newline and carriage
    /// return as character references (so a parser does not normalise them to spaces).
    public static func escapeAttribute(_ s: String) -> String { escape(s, attribute: true) }

    /// The escaping shared by text and attributes.
    static func escape(_ s: String, attribute: Bool) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(s.unicodeScalars.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "'" where attribute: out += "&apos;"
            case "\t" where attribute: out += "&#9;"
            case "\n" where attribute: out += "&#10;"
            case "\r" where attribute: out += "&#13;"
            default: out.unicodeScalars.append(allowed(u))
            }
        }
        return out
    }

    /// The scalar itself when XML 1.0 allows it, else U+FFFD.
    static func allowed(_ u: Unicode.Scalar) -> Unicode.Scalar {
        let v = u.value
        if v < 0x20 { return v == 0x9 || v == 0xA || v == 0xD ? u : "\u{FFFD}" }
        if v == 0xFFFE || v == 0xFFFF { return "\u{FFFD}" }
        return u
    }

    /// A coordinate or length with at most two decimals and no trailing zeros (`12.5`, `3`, `-0.25`).
    public static func number(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let r = (x * 100).rounded() / 100
        if r == r.rounded() && abs(r) < 1e15 { return String(Int(r)) }
        var s = String(format: "%.2f", r)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s == "-0" ? "0" : s
    }
}

extension SVGElement {
    /// A group with the given attributes around `children`.
    public static func group(_ attributes: [(name: String, value: String)] = [], _ children: [SVGElement]) -> SVGElement {
        SVGElement("g", attributes, children: children)
    }

    /// A rectangle.
    public static func rect(_ x: Double, _ y: Double, _ width: Double, _ height: Double,
                            _ attributes: [(name: String, value: String)] = []) -> SVGElement {
        SVGElement("rect", [("x", number(x)), ("y", number(y)), ("width", number(max(0, width))), ("height", number(max(0, height)))] + attributes)
    }

    /// A straight line.
    public static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double,
                            _ attributes: [(name: String, value: String)] = []) -> SVGElement {
        SVGElement("line", [("x1", number(x1)), ("y1", number(y1)), ("x2", number(x2)), ("y2", number(y2))] + attributes)
    }

    /// A circle.
    public static func circle(_ cx: Double, _ cy: Double, _ r: Double, _ attributes: [(name: String, value: String)] = []) -> SVGElement {
        SVGElement("circle", [("cx", number(cx)), ("cy", number(cy)), ("r", number(r))] + attributes)
    }

    /// A polyline through `points` (pixel coordinates).
    public static func polyline(_ points: [(x: Double, y: Double)], _ attributes: [(name: String, value: String)] = []) -> SVGElement {
        SVGElement("polyline", [("points", points.map { number($0.x) + "," + number($0.y) }.joined(separator: " ")), ("fill", "none")] + attributes)
    }

    /// A closed polygon through `points` (pixel coordinates).
    public static func polygon(_ points: [(x: Double, y: Double)], _ attributes: [(name: String, value: String)] = []) -> SVGElement {
        SVGElement("polygon", [("points", points.map { number($0.x) + "," + number($0.y) }.joined(separator: " "))] + attributes)
    }

    /// A path with the given `d` data.
    public static func path(_ d: String, _ attributes: [(name: String, value: String)] = []) -> SVGElement {
        SVGElement("path", [("d", d)] + attributes)
    }

    /// Text at (x, y); `anchor` is `start`, `middle` or `end`.
    public static func text(_ s: String, _ x: Double, _ y: Double, anchor: String = "start",
                            _ attributes: [(name: String, value: String)] = []) -> SVGElement {
        var a: [(name: String, value: String)] = [("x", number(x)), ("y", number(y))]
        if anchor != "start" { a.append(("text-anchor", anchor)) }
        return SVGElement("text", a + attributes, text: s)
    }
}
