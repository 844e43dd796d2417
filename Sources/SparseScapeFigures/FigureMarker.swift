import Foundation
import SparseScapeCore

/// Point symbols of the figures: circles, stars, diamonds, crosses, triangles.
public enum FigureMarker: String, Sendable, CaseIterable {
    /// A circle.
    case circle
    /// A five-pointed star (the lowest known point).
    case star
    /// A diamond (a target or a reference point).
    case diamond
    /// A cross, × (a saddle).
    case cross
    /// An upward triangle.
    case triangle

    /// The symbol centred at (x, y), about `size` pixels across, filled and outlined.
    func element(_ x: Double, _ y: Double, size: Double, fill: String, stroke: String, strokeWidth: Double = 1.2,
                 attributes: [(name: String, value: String)] = []) -> SVGElement {
        let r = size / 2
        let paint: [(name: String, value: String)] = [("fill", fill), ("stroke", stroke), ("stroke-width", SVGElement.number(strokeWidth))] + attributes
        switch self {
        case .circle:
            return .circle(x, y, r, paint)
        case .star:
            let pts = (0..<10).map { k -> (x: Double, y: Double) in
                let a = -Double.pi / 2 + Double(k) * Double.pi / 5
                let rr = k % 2 == 0 ? r * 1.25 : r * 0.5
                return (x + rr * cos(a), y + rr * sin(a))
            }
            return .polygon(pts, paint + [("stroke-linejoin", "round")])
        case .diamond:
            let q = r * 1.15
            return .polygon([(x, y - q), (x + q, y), (x, y + q), (x - q, y)], paint)
        case .triangle:
            let q = r * 1.15
            return .polygon([(x, y - q), (x + q * 0.9, y + q * 0.6), (x - q * 0.9, y + q * 0.6)], paint)
        case .cross:
            // A thick × in the fill colour with an outline: two bars drawn as one polygon.
            let a = r * 0.95, w = r * 0.32
            let pts: [(x: Double, y: Double)] = [
                (x - a, y - a + w), (x - a + w, y - a), (x, y - w), (x + a - w, y - a), (x + a, y - a + w), (x + w, y),
                (x + a, y + a - w), (x + a - w, y + a), (x, y + w), (x - a + w, y + a), (x - a, y + a - w), (x - w, y),
            ]
            return .polygon(pts, paint + [("stroke-linejoin", "round")])
        }
    }
}
