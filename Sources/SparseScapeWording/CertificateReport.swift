import SparseScapeCore

/// Renders a certificate for people.
public enum CertificateReport {
    /// A multi-line report.
    public static func text(_ c: Certificate) -> String {
        typealias N = NumberFormat
        var lines: [String] = []
        func row(_ k: String, _ v: String) { lines.append(N.pad(k, 18) + v) }
        row("loss", "\(N.g(c.loss, 15))   (from the residual: \(N.g(c.residualLoss, 15)))")
        row("gradient norm", N.g(c.gradientNorm, 3))
        if let ev = c.hessianEigenvalues {
            row("Hessian spectrum", ev.count <= 24 ? N.list(ev, 7) : "\(ev.count) eigenvalues in [\(N.g(c.lambdaMin, 6)), \(N.g(c.lambdaMax, 6))]")
        }
        row("λmin, λmax", "\(N.g(c.lambdaMin, 7)), \(N.g(c.lambdaMax, 7))")
        row("curvature", curvature(c))
        row("symmetry zeros", "\(c.symmetryZeroCount) (flat directions of θ ↦ W₁⋯W_L: rescalings of hidden nodes, mixings of nodes with nested supports, and the rest of the map's fibre at a regular point)")
        if let b = c.firstBeyondSymmetry {
            row("first beyond them", N.g(b, 7) + (c.strictMargin.map { $0.isFinite ? " (\(N.g($0, 3))× the zero threshold)" : "" } ?? ""))
        }
        row("classification", c.classification.rawValue + (c.classification == .saddle ? " (" + [c.index.map { "index \($0)" }, c.saddleOrder.map { "order \($0)" }].compactMap { $0 }.joined(separator: ", ") + ")" : ""))
        if let h = c.higherOrder, let coefficients = h.coefficients {
            row("higher order", "along \(h.curve == nil ? "θ + t·d" : "θ + t·d + t²·e"): L(t) = " + NumberFormat.list(coefficients, 4) + " (lowest degree first; d in --json)")
        }
        row("tolerances", "relative gradient \(N.g(c.tolerances.gradient, 2))" + (c.relativeGradient.map { " (here \(N.g($0, 2)))" } ?? "")
            + ", eigenvalue zero within ±\(N.g(c.tolerances.eigenvalue, 2)) (the point's resolution), spurious margin \(N.g(c.tolerances.spurious, 2))·max(1, L)")
        if let g = c.globalMinimum { row("global minimum", "\(N.g(g.value, 15))  (\(g.method))") }
        if let b = c.lowerBound { row("lower bound", "\(N.g(b.value, 15))  (\(b.method))") }
        if let k = c.bestKnown {
            row("best known", "\(N.g(k.loss, 15))  (\(k.source))" + (c.bestKnownIsGlobal && c.globalMinimum == nil ? ", attains the lower bound: global" : ""))
        }
        row("verdict", verdict(c))
        return lines.joined(separator: "\n")
    }

    /// One line: how the eigenvalues were computed.
    public static func curvature(_ c: Certificate) -> String {
        switch c.curvatureMethod {
        case .dense:
            return "\(c.curvatureMethod.summary) (\(c.parameterCount) ≤ \(Certifier.denseSpectrumParameterLimit) parameters)"
        case .lanczos:
            var s = "\(c.curvatureMethod.summary), \(c.parameterCount) > \(Certifier.denseSpectrumParameterLimit) parameters"
            if let l = c.lanczos {
                s += "; \(l.iterations) steps" + (l.converged ? "" : " (NOT converged)")
                if let b = l.beyondSymmetryIterations {
                    s += ", \(b) beyond the symmetry directions" + (l.beyondSymmetryConverged == false ? " (NOT converged)" : "")
                }
                s += ", residuals ≤ \(NumberFormat.g(l.tolerance, 2))·max(1, |λ|max)"
            }
            return s
        }
    }

    /// One line: what the point is.
    public static func verdict(_ c: Certificate) -> String {
        switch c.classification {
        case .globalMinimum:
            return "GLOBAL minimum: " + (c.globalReason ?? "its loss equals a proven global value")
        case .localMinimum:
            if c.spurious == true, let k = c.bestKnown {
                return "SPURIOUS local minimum: a known point is lower by \(NumberFormat.g(c.loss - k.loss, 6)) (\(k.source))"
            }
            if c.globalMinimum != nil { return "local minimum, equal to the global minimum" }
            return "local minimum; no lower point known"
        case .saddle:
            if let h = c.higherOrder, let order = h.order {
                return "saddle of order \(order): \(h.summary); the loss drops by \(NumberFormat.g(h.decrease ?? 0, 3)) at t = \(NumberFormat.g(h.step ?? 0, 3))"
            }
            let index = c.index.map { "index \($0), " } ?? ""
            return "saddle point (\(index)λmin = \(NumberFormat.g(c.lambdaMin, 4)) < 0): descent can continue"
        case .degenerate:
            return "degenerate critical point: second-order test inconclusive (extra zero eigenvalues)"
                + (c.higherOrder.map { "; higher-order test: \($0.summary)" } ?? "")
        case .notCritical: return "not a critical point (gradient norm \(NumberFormat.g(c.gradientNorm, 3)))"
        }
    }
}
