import SparseScapeCore

/// Renders a minimum-energy path for people.
public enum PathReport {
    /// The path under the mask, its saddle and barriers, beside the straight line and the dense network.
    public static func text(_ r: PathResult, name: String, from: String, to: String) -> String {
        typealias N = NumberFormat
        let p = r.path
        var lines = ["\(name): minimum-energy path from \(from) (L = \(N.g(p.startLoss, 12))) to \(to) (L = \(N.g(p.endLoss, 12)))"]
        lines.append("  target representative: \(r.target) (\(r.representativesTried) tried); \(p.images.count) images, \(p.iterations) iterations, \(p.evaluations) evaluations, largest force \(N.g(p.maxForce, 2))" + (p.converged ? "" : " (NOT converged)"))
        if !p.converged {
            lines.append("  the band did not relax to the force tolerance in \(p.iterations) iterations, so the saddle and barriers below are "
                         + "those of an unrelaxed band: give it more --iterations, or more --images for a finer band")
        }
        lines.append(contentsOf: describe(p, indent: "  "))
        if let d = r.dense {
            lines.append("dense network (every edge live), same endpoints:")
            lines.append(contentsOf: describe(d, indent: "  "))
            let cut = p.saddle != nil && p.barrier > 0 && d.barrier == 0
            lines.append(cut ? "the mask cuts the decreasing path: under it a barrier of \(N.g(p.barrier, 8)) at a saddle; without it the path never rises above the start" + (d.monotone ? " (the loss decreases all the way)" : "")
                             : "the mask did not cut a decreasing path between these points")
        }
        return lines.joined(separator: "\n")
    }

    static func describe(_ p: PathProfile, indent: String) -> [String] {
        typealias N = NumberFormat
        var out: [String] = []
        if let s = p.saddle {
            if s.classification == .notCritical {
                out.append(indent + "top of the path: L = \(N.g(s.loss, 12)) (Newton did not refine it to a critical point; ‖∇L‖ = \(N.g(s.gradientNorm, 3)))")
            } else {
                out.append(indent + "saddle: L = \(N.g(s.loss, 12)), \(s.classification.rawValue)" + (s.index.map { ", index \($0)" } ?? "") + ", ‖∇L‖ = \(N.g(s.gradientNorm, 2))")
            }
            out.append(indent + "barrier: \(N.g(p.barrier, 10)) above the start, \(N.g(p.barrierFromEnd, 10)) above the end")
        } else {
            out.append(indent + "no barrier: no point of the path rises above both endpoints")
        }
        out.append(indent + "path monotone: \(p.monotone ? "yes" : "no"); straight line's barrier above the higher endpoint: \(N.g(p.lineBarrier, 10))")
        return out
    }
}
