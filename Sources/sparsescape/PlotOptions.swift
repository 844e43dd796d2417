import ArgumentParser
import Foundation
import SparseScapeCore
import SparseScapeFigures

/// `--plot FILE.svg`: the command's result drawn as a figure (plain SVG, written atomically).
struct PlotOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Also draw the result as a figure: a plain SVG file, written atomically.", valueName: "FILE.svg"))
    var plot: String?

    /// Refuses a figure path that may not be written (`OutputPath.check`) before any work is done.
    func validate() throws {
        if let plot { try OutputPath.check(plot, option: "--plot") }
    }
}

/// The slice figure's options: `--plot`, `--plot-style`, `--plot-scale`, `--plot-path`.
struct SlicePlotOptions: ParsableArguments {
    @OptionGroup var file: PlotOption
    @Option(name: .customLong("plot-style"), help: "The figure's loss: heatmap (one cell per grid point) or contours (filled, with contour lines).")
    var style: String = "heatmap"
    @Option(name: .customLong("plot-scale"), help: "The figure's colour scale: auto (log when the losses span two decades), linear or log.")
    var scale: String = "auto"
    @Option(name: .customLong("plot-path"), help: ArgumentHelp("Draw this path (a CSV written by `path --out`) on the figure, projected onto the plane, with its saddle.", valueName: "PATH.csv"))
    var path: String?

    /// The figure file, when asked for.
    var plot: String? { file.plot }

    /// The style, checked.
    var parsedStyle: SliceFigure.Style {
        get throws {
            guard let s = SliceFigure.Style(rawValue: style) else { throw SparseScapeError("--plot-style must be heatmap or contours, got \(SafeText.quoted(style))") }
            return s
        }
    }

    /// The colour scale, checked.
    var parsedScale: SliceFigure.Scale {
        get throws {
            guard let s = SliceFigure.Scale(rawValue: scale) else { throw SparseScapeError("--plot-scale must be auto, linear or log, got \(SafeText.quoted(scale))") }
            return s
        }
    }

    /// Checks the figure options before any work is done.
    func validate() throws {
        _ = try parsedStyle
        _ = try parsedScale
        if plot == nil && (path != nil || style != "heatmap" || scale != "auto") {
            throw SparseScapeError("--plot-style, --plot-scale and --plot-path need --plot FILE.svg")
        }
        if let path, !FileManager.default.fileExists(atPath: path) { throw SparseScapeError("--plot-path: \(SafeText.excerpt(path, limit: 200)) does not exist") }
    }
}
