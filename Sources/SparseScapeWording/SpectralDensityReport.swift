import Foundation
import SparseScapeCore

/// Renders a Hessian spectral density for people: how it was computed, the trace and moments, and a text histogram.
public enum SpectralDensityReport {
    /// Rows of the histogram.
    public static let defaultRows = 16
    /// Width of the longest bar.
    public static let barWidth = 40

    /// A multi-line report (rows aligned with `CertificateReport`).
    public static func text(_ d: SpectralDensityResult, rows: Int = defaultRows) -> String {
        typealias N = NumberFormat
        var lines: [String] = []
        func row(_ k: String, _ v: String) { lines.append(N.pad(k, 18) + v) }
        switch d.method {
        case .exact:
            row("spectral density", "exact: the \(d.parameterCount) eigenvalues of the Hessian (LAPACK dsyevd)")
            row("trace", "\(N.g(d.trace, 10))   (Σλ)")
        case .slq:
            row("spectral density", "stochastic Lanczos quadrature: \(d.probes ?? 0) Rademacher probes × ≤ \(d.lanczosSteps ?? 0) Lanczos steps (\(d.hessianVectorProducts ?? 0) Hessian-vector products, seed \(d.seed ?? 0))")
            row("trace", "\(N.g(d.trace, 8)) ± \(d.traceStandardError.map { N.g($0, 3) } ?? "?")   (Hutchinson estimate ± standard error, \(d.probes ?? 0) probes)")
        }
        row("⟨λ⟩, ⟨λ²⟩", "\(N.g(d.meanEigenvalue, 7)), \(N.g(d.secondMoment, 7))")
        row("λ range", "[\(N.g(d.lambdaMin, 7)), \(N.g(d.lambdaMax, 7))]" + (d.method == .slq ? "   (extreme Ritz values)" : ""))
        let (edges, mass) = d.histogram(count: rows)
        let top = mass.max() ?? 0
        let labels = (0..<mass.count).map { i in
            "[" + N.g(edges[i], 4) + ", " + N.g(edges[i + 1], 4) + (i == mass.count - 1 ? "]" : ")")
        }
        let labelWidth = max(12, labels.map(\.count).max() ?? 0)
        let amounts = mass.map { m -> String in
            let pct = String(format: "%7.2f%%", 100 * m)
            guard d.method == .exact else { return pct }
            let count = "\(Int((m * Double(d.parameterCount)).rounded()))"
            return pct + String(repeating: " ", count: max(1, 7 - count.count)) + count
        }
        row("histogram", d.method == .exact ? "eigenvalues per interval (mass, count); bars relative to the fullest" : "quadrature mass per interval; bars relative to the fullest")
        for i in 0..<mass.count {
            let b = bar(top > 0 ? mass[i] / top : 0, mass[i] > 0)
            lines.append("  " + N.pad(labels[i], labelWidth) + "  " + amounts[i] + (b.isEmpty ? "" : "  " + b))
        }
        row("broadened", "Gaussian σ = \(N.g(d.sigma, 4)), \(d.grid.count) points on [\(N.g(d.grid.first ?? 0, 6)), \(N.g(d.grid.last ?? 0, 6))], ∫ρ = \(N.g(d.gridMass, 10))")
        return lines.joined(separator: "\n")
    }

    /// A bar of `fraction` · `barWidth` cells in eighths; a thin mark for a small non-zero mass.
    static func bar(_ fraction: Double, _ nonzero: Bool) -> String {
        let eighths = Int((fraction * Double(barWidth * 8)).rounded())
        if eighths == 0 { return nonzero ? "▏" : "" }
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        return String(repeating: "█", count: eighths / 8) + partial[eighths % 8]
    }
}
