import ArgumentParser
import Foundation
import SparseScapeCore
import SparseScapeFigures
import SparseScapeWording

/// `sparsescape slice`.
struct SliceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slice",
        abstract: "Export an exact 2-D (or 1-D) loss slice around a point as CSV, with a JSON sidecar to reproduce it.",
        discussion: """
            The plane is point(α, β) = c + α·d1 + β·d2 on a grid αᵢ = −span + 2·span·i/(grid−1) (β alike). \
            Along a plane the loss is a polynomial of degree ≤ 2L whose coefficients come from XᵀX, XᵀY and ‖Y‖², \
            so the whole grid costs a few dozen flops per point, whatever the number of samples — and it is exact.

            Directions (--dirs), all in the free-parameter space (pruned weights never move):
              random          seeded Gaussian, unit norm
              normalized      Gaussian, each neuron's incoming block scaled to its
                              weight norm
              hessian         Hessian eigenvectors: lowest and highest beyond the
                              symmetry zeros
              hessian:I,J     eigenvectors I and J (ascending order, from 0)
              gradient        the negative gradient, and a random direction
                              orthogonal to it
              toward:TARGET   from c to TARGET (a point file or a reference point label) at
                              α = 1, and a random orthogonal direction of the same length:
                              the plane shows the barrier between them
              plane:A,B       the plane through c, A and B (files or labels): d1 = A − c,
                              d2 = B − c, so A is at (1, 0) and B at (0, 1); with a path's
                              saddle (path --saddle-out) it shows the pass
              pca:TRAJECTORY  the first two principal directions (unit norm) of a
                              trajectory from train --trajectory: PCA of the differences
                              θᵢ − c, mean-centred as in loss-landscape (--pca-uncentered:
                              not, the plane through c closest to the path); c should be
                              the trajectory's last point

            --dir1 FILE --dir2 FILE take directions from files ({"params": [...]}); --orthogonalize applies \
            Gram–Schmidt to d2 against d1.

            --line gives the 1-D slice along d1 (t in [−span, span]; for toward: the straight path from c at t = 0 \
            to the target at t = 1, the interpolation test), reports whether the loss is monotone along it and the \
            barrier height above the higher endpoint. CSV header: alpha,beta,loss (α outer, β inner) or t,loss; \
            full double precision. The sidecar FILE.json holds config name, network+data hash, masks, center, \
            directions, span, grid, seed and version. Files are written atomically.

            --basins (planes only) also maps the basins of attraction: from every grid point the search's descent \
            (--basin-optimizer, default lbfgs, for --basin-steps, then the Newton polish and the escape test), end \
            points grouped as the search groups them (same end-to-end product W1⋯WL and loss), each basin certified \
            once. The CSV gains a column, alpha,beta,loss,basin, and the sidecar lists the basins by id: kind \
            (minimum, saddle, valley, unconverged, diverged), loss, classification, spurious, valleyLimit, count and a \
            representative point, with basinSettings. Runs on every core; progress on stderr at a terminal.

            With pca:TRAJECTORY the trajectory is projected on the plane and FILE.trajectory.csv written beside the \
            slice: iteration,alpha,beta,off_plane,loss,plane_loss (the distance from the plane, the true loss and the \
            loss the slice shows at the projection); the sidecar gains "pca" (explained variance, ranges, largest \
            off-plane distance).

            Examples:
              sparsescape slice theorem5 --point spurious-minimum \\
                  --dirs toward:best-found --span 1.5 --grid 101 --out plane.csv
              sparsescape slice theorem5 --point spurious-minimum \\
                  --dirs toward:best-found --span 1.25 --grid 51 --basins --out basins.csv
              sparsescape slice theorem5 --point spurious-minimum \\
                  --dirs toward:paper-better --line --out path.csv
              sparsescape slice table1-row1 --point global-minimum \\
                  --dirs hessian --span 0.5 --out hess.csv
              sparsescape slice dense-baseline --point end.json \\
                  --dirs pca:path.csv --span 3 --out pca.csv

            --plot FILE.svg also draws the slice: a heatmap (--plot-style contours: filled contours with contour lines) \
            with a colour bar (--plot-scale auto|linear|log), the axes named after the directions, the centre, the \
            targets and the config's reference points that lie in the plane (the lowest as a star); --plot-path \
            PATH.csv adds a path written by `path --out`, projected onto the plane, with its saddle. A line gets the \
            loss along t with its barrier.
              sparsescape slice theorem5 --point spurious-minimum \\
                  --dirs toward:best-found --span 1.5 --grid 61 --out plane.csv \\
                  --plot plane.svg
            """
    )

    @Argument(help: "A config file or a preset name.") var network: String
    @Option(help: "The center: a point file or a reference point's label.") var point: String
    @Option(help: "Directions: random, normalized, hessian[:I,J], gradient, toward:TARGET, plane:A,B, pca:TRAJECTORY.") var dirs: String = "random"
    @Option(help: "First direction from a file (overrides --dirs).") var dir1: String?
    @Option(help: "Second direction from a file.") var dir2: String?
    @Flag(help: "Orthogonalize d2 against d1 (Gram–Schmidt, keeping d2's length).") var orthogonalize = false
    @Option(parsing: .unconditional, help: "Half-width of the grid (or of the line).") var span: Double = 1
    @Option(parsing: .unconditional, help: "Points per axis.") var grid: Int = 51
    @Option(parsing: .unconditional, help: "Seed for random directions.") var seed: Int = 0
    @Flag(help: "A 1-D slice along d1 (the interpolation test for toward:).") var line = false
    @Flag(help: "Map the basins of attraction: descend from every grid point and label it by where it ends (planes only).") var basins = false
    @Option(name: .customLong("basin-optimizer"), help: "The optimizer run from each grid point with --basins (default lbfgs).") var basinOptimizer: String?
    @Option(name: .customLong("basin-steps"), parsing: .unconditional, help: "Its step budget per grid point (default 3000 for lbfgs, 300 for newton, 2000 sweeps for bcd, 20000 steps otherwise).") var basinSteps: Int?
    @Option(help: "The CSV file to write (its sidecar is the same name with .json).") var out: String
    @Flag(name: .customLong("pca-uncentered"), help: "pca: do not mean-centre the differences (the plane through the center closest to the path).")
    var pcaUncentered = false
    @OptionGroup var output: OutputOptions
    @OptionGroup var plotOptions: SlicePlotOptions

    static let maximumGrid = 4001

    func run() throws {
        try CountOption.check(grid, atLeast: 2, "--grid")
        try CountOption.check(basinSteps, atLeast: 1, "--basin-steps")
        // Every output, declared before any work: two of them naming one file are refused here.
        let outputs = CommandOutputs()
        try outputs.declarePair(data: out, sidecar: SliceExport.sidecarPath(for: out), option: "--out")
        if dirs.hasPrefix("pca:") { try outputs.declare(TrajectoryPlane.path(forSlice: out), option: "--out's trajectory CSV") }
        if let plot = plotOptions.plot { try outputs.declare(plot, option: "--plot") }
        let config = try PresetLibrary.resolve(network)
        let f = try config.lossFunction()
        let center = try givenPoint(point, option: "--point", config: config, f: f)
        guard span.isFinite, span > 0 else { throw SparseScapeError("--span must be a positive finite number, got \(span)") }
        guard grid >= 2, grid <= Self.maximumGrid else { throw SparseScapeError("--grid must be between 2 and \(Self.maximumGrid), got \(grid)") }
        let seedValue = try parseSeed(seed)
        let basinSettings = try basinSettings()
        let pca = try pcaPlane(config, center: center)   // --dirs pca:TRAJECTORY (SlicePCA.swift)
        let choice = try pca.map { .pca(label: $0.path, d1: $0.analysis.d1, d2: $0.analysis.d2) } ?? directionChoice(config)
        let (d1, d2) = try SliceDirections.make(f, center: center, choice: choice, seed: seedValue, orthogonalize: orthogonalize)
        let shownChoice = SafeText.escaped(choice.name)
        if !line { try PlaneDegeneracy.check(d1, d2, first: "direction 1 (\(shownChoice))", second: "direction 2 (\(shownChoice))") }
        let masks = (0..<config.architecture.depth).map { config.architecture.maskRows($0) }
        var meta = SliceMetadata(kind: line ? "line" : "plane", tool: "sparsescape \(ToolVersion.string)", config: config.name,
                                 networkHash: NetworkFingerprint.of(config.architecture, config.dataset),
                                 widths: config.architecture.widths, masks: masks, center: center, direction1: d1,
                                 direction2: line ? [Double](repeating: 0, count: d1.count) : d2, directions: choice.name,
                                 orthogonalized: orthogonalize, span: span, range: nil, grid: grid, seed: seedValue,
                                 lossRange: [], monotone: nil, barrierHeight: nil)
        if line {
            let isPath: Bool
            if case .toward = choice { isPath = true } else { isPath = false }
            let (a, b) = isPath ? (0.0, 1.0) : (-span, span)
            let slice = try LineSlice(f, center: center, direction: d1, from: a, to: b, count: grid)
            meta.range = [a, b]
            meta.lossRange = [slice.losses.min()!, slice.losses.max()!]
            meta.monotone = slice.isMonotone
            meta.barrierHeight = slice.barrierHeight
            // The CSV, its sidecar and --plot's figure of the line, published together.
            try outputs.publish {
                try SliceExport.write(csv: SliceExport.lineCSV(ts: slice.ts, values: slice.losses), metadata: meta, to: out)
                if let plot = plotOptions.plot {
                    try LineSliceFigure.make(slice, name: config.name, directions: choice.name, centerName: point).document().write(to: plot)
                }
            }
            if output.json {
                struct Out: Encodable {
                    var out: String; var sidecar: String; var points: Int; var from: Double; var to: Double
                    var lossStart: Double; var lossEnd: Double; var monotone: Bool; var barrierHeight: Double; var barrierAt: Double
                }
                print(try JSONText.encode(Out(out: out, sidecar: SliceExport.sidecarPath(for: out), points: grid, from: a, to: b,
                                              lossStart: slice.losses.first!, lossEnd: slice.losses.last!, monotone: slice.isMonotone,
                                              barrierHeight: slice.barrierHeight, barrierAt: slice.barrierPosition)), terminator: "")
            } else {
                print("\(config.name): line along \(shownChoice), t in [\(NumberFormat.g(a)), \(NumberFormat.g(b))], \(grid) points")
                print("loss at start \(NumberFormat.g(slice.losses.first!, 12)), at end \(NumberFormat.g(slice.losses.last!, 12))")
                print(slice.isMonotone ? "monotone along the path: no barrier"
                      : "NOT monotone: barrier of height \(NumberFormat.g(slice.barrierHeight, 10)) above the higher endpoint, at t = \(NumberFormat.g(slice.barrierPosition, 6))")
                print("wrote \(SafeText.escaped(out)) and \(SafeText.escaped(SliceExport.sidecarPath(for: out)))")
                if let plot = plotOptions.plot { print("wrote \(SafeText.escaped(plot))") }
            }
            return
        }
        let poly = try SlicePolynomial(f, center: center, d1: d1, d2: d2)
        let axis = sliceAxis(span: span, count: grid)
        let values = poly.grid(alphas: axis, betas: axis)
        meta.lossRange = [values.min()!, values.max()!]
        let drawn = try pca.map { try projectTrajectory($0, f, center: center, d1: d1, d2: d2, plane: poly) }
        meta.pca = drawn?.summary
        var map: BasinGrid?
        if let basinSettings {
            let known = config.knownPoints(under: f)
            let progress = Console.percentProgress("basins", unit: "grid points")
            map = try BasinMap.compute(f, center: center, d1: d1, d2: d2, alphas: axis, betas: axis, settings: basinSettings,
                                       known: known, progress: progress)
            if progress != nil { Console.endProgress() }
            meta.basins = map?.basins
            meta.basinSettings = basinSettings
        }
        // The CSV and its sidecar, the projected trajectory (pca:) and --plot's figure (heatmap or contours, the
        // centre, targets, a path; the basins with --basins), published together.
        try outputs.publish {
            try SliceExport.writePlane(alphas: axis, betas: axis, values: values, labels: map?.labels, metadata: meta, to: out)
            if let drawn { try AtomicFile.write(drawn.plane.csv(), to: drawn.summary.trajectoryCSV) }
            if let plot = plotOptions.plot {
                try SlicePlot.figure(config: config, f: f, metadata: meta, choice: choice, centerName: point, alphas: axis, betas: axis,
                                     values: values, style: try plotOptions.parsedStyle, scale: try plotOptions.parsedScale,
                                     pathFile: plotOptions.path, basinLabels: map?.labels,
                                     basinLegend: (map?.basins ?? []).map { ($0.id, BasinReport.legendName($0)) }).document().write(to: plot)
            }
        }
        if output.json {
            struct Out: Encodable {
                var out: String; var sidecar: String; var grid: Int; var span: Double; var lossMin: Double; var lossMax: Double; var lossAtCenter: Double
                var basins: [Basin]?
                var pca: Nullable<TrajectoryPlaneSummary>
            }
            print(try JSONText.encode(Out(out: out, sidecar: SliceExport.sidecarPath(for: out), grid: grid, span: span,
                                          lossMin: meta.lossRange[0], lossMax: meta.lossRange[1], lossAtCenter: poly.value(0, 0),
                                          basins: map?.basins, pca: Nullable(drawn?.summary))), terminator: "")
        } else {
            print("\(config.name): \(grid)×\(grid) slice along \(shownChoice), span ±\(NumberFormat.g(span)), loss in [\(NumberFormat.g(meta.lossRange[0], 8)), \(NumberFormat.g(meta.lossRange[1], 8))], at the center \(NumberFormat.g(poly.value(0, 0), 12))")
            if let map, let basinSettings { print(BasinReport.text(map, settings: basinSettings)) }
            print("wrote \(SafeText.escaped(out)) and \(SafeText.escaped(SliceExport.sidecarPath(for: out)))")
            if let plot = plotOptions.plot { print("wrote \(SafeText.escaped(plot))") }
            if let drawn { print(pcaReport(drawn.summary, drawn.plane).joined(separator: "\n")) }
        }
    }

    /// The basin map's settings from --basins, --basin-optimizer and --basin-steps (nil without --basins).
    func basinSettings() throws -> BasinSettings? {
        guard basins else {
            if basinOptimizer != nil || basinSteps != nil { throw SparseScapeError("--basin-optimizer and --basin-steps need --basins") }
            return nil
        }
        if line { throw SparseScapeError("--basins maps a plane; it cannot be combined with --line") }
        let kind = try basinOptimizer.map { try OptimizerKind.parse($0) } ?? BasinSettings().optimizer.kind
        let steps = basinSteps ?? SearchDefaults.steps(for: kind)
        guard steps >= 1 else { throw SparseScapeError("--basin-steps must be at least 1, got \(steps)") }
        return BasinSettings(optimizer: try OptimizerSettings(kind: kind), maxSteps: steps, polish: true)
    }

    /// Parses --dirs / --dir1 / --dir2.
    func directionChoice(_ config: NetworkConfig) throws -> DirectionChoice {
        let n = config.architecture.parameterCount
        if let dir1 {
            let a = try PointFile.read(dir1, expectedCount: n)
            if line {
                try PlaneDegeneracy.checkLength(a, name: "--dir1")
                return .given(d1: a, d2: a)
            }
            guard let dir2 else { throw SparseScapeError("--dir1 needs --dir2 for a plane (or add --line)") }
            let b = try PointFile.read(dir2, expectedCount: n)
            try PlaneDegeneracy.check(a, b, first: "--dir1", second: "--dir2")
            return .given(d1: a, d2: b)
        }
        if dir2 != nil { throw SparseScapeError("--dir2 needs --dir1") }
        switch dirs {
        case "random": return .random
        case "normalized": return .normalized
        case "hessian": return .hessian(first: nil, second: nil)
        case "gradient": return .gradient
        default:
            if dirs.hasPrefix("toward:") {
                let target = String(dirs.dropFirst(7))
                return .toward(label: target, point: try config.resolvePoint(target))
            }
            if dirs.hasPrefix("plane:") {
                let labels = dirs.dropFirst(6).split(separator: ",").map(String.init)
                guard labels.count == 2 else { throw SparseScapeError("--dirs plane:A,B needs two points (files or reference labels), e.g. plane:saddle.json,best-found") }
                return .plane(labels: labels, first: try config.resolvePoint(labels[0]), second: try config.resolvePoint(labels[1]))
            }
            if dirs.hasPrefix("hessian:") {
                let parts = dirs.dropFirst(8).split(separator: ",").map { Int($0) }
                guard parts.count == 2, let i = parts[0], let j = parts[1] else {
                    throw SparseScapeError("--dirs hessian:I,J needs two indices, e.g. hessian:2,7")
                }
                return .hessian(first: i, second: j)
            }
            throw SparseScapeError("unknown --dirs \(SafeText.quoted(dirs)) (random, normalized, hessian, hessian:I,J, gradient, toward:TARGET, plane:A,B, pca:TRAJECTORY)")
        }
    }
}
