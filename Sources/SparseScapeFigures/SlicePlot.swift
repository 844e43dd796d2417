import Foundation
import SparseScapeCore

/// Assembles the figure of a plane slice from what `slice` computed: axis labels named after the directions, the
/// centre, the directions' targets, the config's reference points that lie in the plane (the lowest as a star), a
/// minimum-energy path read from `path --out`, and optionally basins.
public enum SlicePlot {
    /// The figure of the plane c + α·d₁ + β·d₂ described by `metadata` (centre, directions, span, grid), with losses
    /// `values` on `alphas` × `betas` (α outer, β inner).
    ///
    /// - Parameters:
    ///   - centerName: how the centre was given (a reference label or a file name).
    ///   - choice: how the directions were chosen (names the axes and places `toward:`/`plane:` targets).
    ///   - pathFile: a path CSV written by `path --out` (its images are projected onto the plane; its sidecar's saddle
    ///     is marked), or nil.
    ///   - basinLabels: a basin label per grid point (α outer, β inner), or nil; `basinLegend` names them.
    public static func figure(config: NetworkConfig, f: LossFunction, metadata: SliceMetadata, choice: DirectionChoice,
                              centerName: String, alphas: [Double], betas: [Double], values: [Double],
                              style: SliceFigure.Style = .heatmap, scale: SliceFigure.Scale = .auto, pathFile: String? = nil,
                              basinLabels: [Int]? = nil, basinLegend: [(id: Int, name: String)] = []) throws -> SliceFigure {
        let center = metadata.center, d1 = metadata.direction1, d2 = metadata.direction2
        let projection = try TrajectoryProjection(center: center, d1: d1, d2: d2)
        let labels = axisLabels(choice, orthogonalized: metadata.orthogonalized)
        let centerLoss = f.loss(center)
        let spanText = alphas.first! == -alphas.last! ? "span ±\(NumberFormat.g(alphas.last!, 4))"
            : "α, β from \(NumberFormat.g(alphas.first!, 4)) to \(NumberFormat.g(alphas.last!, 4))"
        var figure = try SliceFigure(
            title: "\(config.name): " + title(choice, centerName: centerName),
            subtitle: "--dirs \(choice.name) · \(alphas.count)×\(betas.count) grid, \(spanText) · exact values (the loss is a polynomial in α, β)",
            alphas: alphas, betas: betas, values: values, alphaLabel: labels.alpha, betaLabel: labels.beta)
        figure.style = style
        figure.scale = scale

        // Points: the directions' targets, then the config's reference points that lie in the plane.
        let scaleOfPlane = max(1, norm(d1), norm(d2), norm(center))
        var points: [(name: String, alpha: Double, beta: Double, kind: SliceFigure.MarkerKind, loss: Double)] = []
        func add(_ name: String, _ params: [Double], kind: SliceFigure.MarkerKind) {
            guard params.count == center.count else { return }
            let c = projection.coordinates(of: params)
            guard c.distance <= 1e-6 * max(scaleOfPlane, norm(params)) else { return }
            if abs(c.alpha) < 1e-9 && abs(c.beta) < 1e-9 { return }   // the centre itself
            if points.contains(where: { abs($0.alpha - c.alpha) < 1e-9 && abs($0.beta - c.beta) < 1e-9 }) { return }
            points.append((name, c.alpha, c.beta, kind, f.loss(params)))
        }
        switch choice {
        case .toward(let label, let point): add(label, point, kind: .target)
        case .plane(let names, let first, let second): add(names[0], first, kind: .target); add(names[1], second, kind: .target)
        default: break
        }
        for p in config.points { add(p.label, p.params, kind: .point) }
        if let lowest = points.indices.min(by: { points[$0].loss < points[$1].loss }), points[lowest].loss < centerLoss - 1e-12 * max(1, abs(centerLoss)) {
            points[lowest].kind = .best
        }

        if let pathFile {
            let path = try readPath(pathFile, parameterCount: center.count)
            let coords = path.images.map { projection.coordinates(of: $0) }
            let farthest = coords.map(\.distance).max() ?? 0
            let name = farthest <= 1e-6 * scaleOfPlane
                ? "minimum-energy path (\(path.images.count) images)"
                : "minimum-energy path, projected (up to \(NumberFormat.g(farthest, 2)) off the plane)"
            figure.curves.append(SliceFigure.Curve(name: name, points: coords.map { ($0.alpha, $0.beta) }, kind: .path))
            if let saddle = path.saddle {
                let c = projection.coordinates(of: saddle.params)
                let inPlane = c.distance <= 1e-6 * scaleOfPlane
                let what = saddle.classification == .saddle ? "saddle" + (saddle.index.map { ", index \($0)" } ?? "") : "top of the path"
                if inPlane, let k = points.firstIndex(where: { abs($0.alpha - c.alpha) < 1e-6 && abs($0.beta - c.beta) < 1e-6 }) {
                    // A target that is the path's saddle (plane:saddle.json,…) is drawn once, as the saddle.
                    points[k].name += ": the path's " + what
                    points[k].kind = .saddle
                } else {
                    points.append((inPlane ? what : what + ", projected", c.alpha, c.beta, .saddle, saddle.loss))
                }
            }
        }

        figure.markers = [SliceFigure.Marker(name: "centre: \(centerName)", alpha: 0, beta: 0, kind: .center, loss: centerLoss, label: centerName)]
            + points.map { SliceFigure.Marker(name: $0.name, alpha: $0.alpha, beta: $0.beta, kind: $0.kind, loss: $0.loss,
                                              label: $0.kind == .saddle ? "saddle" : nil) }
        if let basinLabels { try figure.setBasins(labels: basinLabels, legend: basinLegend) }
        return figure
    }

    /// The figure's title after the network's name: which plane it is.
    public static func title(_ choice: DirectionChoice, centerName: String) -> String {
        switch choice {
        case .random: return "loss on a random plane through \(centerName)"
        case .normalized: return "loss on a random filter-normalized plane through \(centerName)"
        case .hessian: return "loss on the plane of two Hessian eigenvectors at \(centerName)"
        case .gradient: return "loss on the plane of the gradient at \(centerName)"
        case .toward(let label, _): return "loss on a plane from \(centerName) toward \(label)"
        case .plane(let names, _, _): return "loss on the plane through \(centerName), \(names[0]) and \(names[1])"
        case .given: return "loss on the plane of two given directions at \(centerName)"
        case .pca(let label, _, _): return "loss on the plane of the first two principal directions of \(label)"
        }
    }

    /// Axis labels that say what α and β move along.
    public static func axisLabels(_ choice: DirectionChoice, orthogonalized: Bool) -> (alpha: String, beta: String) {
        let gs = orthogonalized ? ", Gram–Schmidt against d₁" : ""
        switch choice {
        case .random: return ("α  (d₁: random, unit norm)", "β  (d₂: random, unit norm\(gs))")
        case .normalized: return ("α  (d₁: random, filter-normalized)", "β  (d₂: random, filter-normalized\(gs))")
        case .hessian(let i, let j):
            if let i { return ("α  (d₁: Hessian eigenvector \(i))", "β  (d₂: Hessian eigenvector \(j ?? i + 1)\(gs))") }
            return ("α  (d₁: lowest Hessian eigenvector beyond the symmetries)", "β  (d₂: highest Hessian eigenvector\(gs))")
        case .gradient: return ("α  (d₁: −∇L, unit norm)", "β  (d₂: random ⟂ d₁)")
        case .toward(let label, _): return ("α  (d₁ = \(label) − centre)", "β  (d₂: random ⟂ d₁, same length)")
        case .plane(let names, _, _): return ("α  (d₁ = \(names[0]) − centre)", "β  (d₂ = \(names[1]) − centre\(gs))")
        case .given: return ("α  (d₁ from --dir1)", "β  (d₂ from --dir2\(gs))")
        case .pca(let label, _, _): return ("α  (d₁: first principal direction of \(label))", "β  (d₂: second principal direction)")
        }
    }

    /// A path written by `path --out`: its images, and the saddle from its sidecar when there is one.
    public static func readPath(_ file: String, parameterCount: Int) throws -> (images: [[Double]], saddle: PathSaddle?) {
        let (header, rows) = try SliceExport.read(file)
        guard header.count == parameterCount + 3, header.starts(with: ["image", "arc_length", "loss"]) else {
            throw SparseScapeError("\(file): not a path file of this network (expected the header image,arc_length,loss and \(parameterCount) parameters)", remedy: .useFileWrittenBy(.pathExport))
        }
        guard rows.allSatisfy({ $0.count == header.count }) else { throw SparseScapeError("\(file): a row has the wrong number of values") }
        struct Sidecar: Decodable { var saddle: PathSaddle? }
        var saddle: PathSaddle? = nil
        let sidecar = SliceExport.sidecarPath(for: file)
        if FileManager.default.fileExists(atPath: sidecar) {
            saddle = (try? JSONValueDecoder.decode(Sidecar.self, from: try FileReading.read(sidecar), name: sidecar))?.saddle
            if let s = saddle, s.params.count != parameterCount { saddle = nil }
        }
        return (rows.map { Array($0.dropFirst(3)) }, saddle)
    }

    static func norm(_ v: [Double]) -> Double { EuclideanNorm.of(v) }
}
