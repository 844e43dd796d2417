import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import SparseScapeCore
import SparseScapeTestSupport

/// `--plot FILE.svg` through the real binary: every figure is well-formed SVG with the elements a reader expects,
/// names with `<&"` stay well-formed, bad plot options are refused before any work, and each figure renders to a
/// PNG of its size where a converter is installed.
@Suite struct PlotCommandTests {
    /// Elements of an SVG file: name, attributes and text, in document order.
    struct SVG {
        var elements: [(name: String, attributes: [String: String], text: String)]

        func all(_ name: String, class cls: String? = nil) -> [(name: String, attributes: [String: String], text: String)] {
            elements.filter { $0.name == name && (cls == nil || $0.attributes["class"] == cls) }
        }

        func texts(class cls: String) -> [String] { all("text", class: cls).map(\.text) }

        var size: (width: Int, height: Int) {
            let root = elements.first { $0.name == "svg" }
            return (Int(root?.attributes["width"] ?? "") ?? 0, Int(root?.attributes["height"] ?? "") ?? 0)
        }
    }

    /// Collects an SVG's elements.
    final class Collector: NSObject, XMLParserDelegate {
        var elements: [(name: String, attributes: [String: String], text: String)] = []
        var open: [Int] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            elements.append((elementName, attributeDict, ""))
            open.append(elements.count - 1)
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let k = open.last { elements[k].text += string }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            open.removeLast()
        }
    }

    /// Reads and parses an SVG file; throws when it is not well-formed XML.
    static func read(_ path: String) throws -> SVG {
        let parser = XMLParser(data: try Data(contentsOf: URL(fileURLWithPath: path)))
        let c = Collector()
        parser.delegate = c
        guard parser.parse() else { throw SparseScapeError("\(path): not well-formed (\(parser.parserError.map { "\($0)" } ?? "?"), line \(parser.lineNumber))") }
        return SVG(elements: c.elements)
    }

    static func points(_ e: (name: String, attributes: [String: String], text: String)) -> Int {
        (e.attributes["points"] ?? "").split(separator: " ").count
    }

    @Test func sliceHeatmapHasEveryCellTheColourBarTheNamedAxesAndTheTarget() throws {
        let dir = try CLIRunner.tempDir()
        let r = try CLIRunner.run(["slice", "theorem5", "--point", "spurious-minimum", "--dirs", "toward:best-found", "--span", "1.5",
                                   "--grid", "21", "--out", "plane.csv", "--plot", "plane.svg"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("wrote plane.svg"))
        let svg = try Self.read(dir + "/plane.svg")
        #expect(svg.all("rect", class: "cell").count == 21 * 21)
        // The losses span 0.17 … 1416: a log colour bar with decades.
        #expect(svg.texts(class: "colorbar-tick") == ["1", "10", "100", "1000"])
        #expect(svg.texts(class: "colorbar-extreme").first?.hasPrefix("max 1416") == true)
        let axes = svg.texts(class: "axis-label")
        #expect(axes.contains("α  (d₁ = best-found − centre)") && axes.contains("β  (d₂: random ⟂ d₁, same length)"))
        #expect(axes.contains("loss (log scale)"))
        #expect(svg.all("circle", class: "marker-center").count == 1)
        #expect(svg.all("polygon", class: "marker-best").count == 1)   // best-found, at (1, 0)
        #expect(svg.texts(class: "marker-label").contains("best-found"))
        #expect(svg.all("title").first?.text == "theorem5: loss on a plane from spurious-minimum toward best-found")
        // No temporary file is left beside the figure.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["plane.csv", "plane.json", "plane.svg"])
    }

    @Test func sliceContoursWithAPathFromThePathCommand() throws {
        let dir = try CLIRunner.tempDir()
        let p = try CLIRunner.run(["path", "theorem5", "--from", "spurious-minimum", "--to", "best-found", "--images", "15",
                                   "--no-dense", "--out", "pass.csv", "--saddle-out", "saddle.json", "--plot", "pass.svg"], in: dir)
        #expect(p.status == 0, "\(p.stderr)")
        let r = try CLIRunner.run(["slice", "theorem5", "--point", "spurious-minimum", "--dirs", "plane:saddle.json,best-found", "--span", "1.3",
                                   "--grid", "31", "--out", "pp.csv", "--plot", "pp.svg", "--plot-style", "contours", "--plot-path", "pass.csv"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let svg = try Self.read(dir + "/pp.svg")
        #expect(svg.all("rect", class: "cell").isEmpty)
        #expect(!svg.all("g", class: "band").isEmpty && !svg.all("path", class: "contour").isEmpty)
        let path = try #require(svg.all("polyline", class: "path").first)
        #expect(Self.points(path) == 15)
        // saddle.json is the path's saddle: drawn once, as the saddle.
        #expect(svg.all("polygon", class: "marker-saddle").count == 1)
        #expect(svg.all("polygon", class: "marker-target").isEmpty)
        #expect(svg.texts(class: "legend-label").contains { $0.hasPrefix("saddle.json: the path's saddle, index 1") })
        // The level set through the pass.
        let level = try #require(svg.all("path", class: "saddle-level").first)
        #expect(abs((Double(level.attributes["data-level"] ?? "") ?? 0) - 8.0450687) < 1e-6)
    }

    @Test func pathPlotHasEveryImageTheSaddleAndTheStraightLine() throws {
        let dir = try CLIRunner.tempDir()
        let r = try CLIRunner.run(["path", "theorem5", "--from", "spurious-minimum", "--to", "best-found", "--plot", "pass.svg", "--json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let images = try #require(json["losses"] as? [Double]).count
        let svg = try Self.read(dir + "/pass.svg")
        let main = try #require(svg.all("polyline", class: "path").first)
        #expect(Self.points(main) == images)
        #expect(svg.all("polygon", class: "marker-saddle").count == 1)
        #expect(!svg.all("polyline", class: "straight-line").isEmpty && !svg.all("polyline", class: "dense-path").isEmpty)
        // theorem5's pass (0.045 on a drop of 7.8) gets a zoom with the barrier.
        #expect(svg.all("g").contains { $0.attributes["id"] == "zoom" })
        #expect(svg.all("text").contains { $0.text.hasPrefix("barrier 0.045") })
    }

    @Test func landscapePlotHasALeafPerMinimum() throws {
        let dir = try CLIRunner.tempDir()
        let r = try CLIRunner.run(["landscape", "theorem5", "--starts", "30", "--plot", "map.svg", "--json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let minima = try #require(json["minima"] as? [[String: Any]])
        let svg = try Self.read(dir + "/map.svg")
        #expect(svg.all("circle", class: "leaf-minimum").count == minima.count)
        #expect(!svg.all("circle", class: "merge").isEmpty)
        #expect(svg.all("polygon", class: "leaf-valley").count == (json["valleys"] as? [Double])?.count)
    }

    @Test func trainPlotHasLossAndGradientNorm() throws {
        let dir = try CLIRunner.tempDir()
        let r = try CLIRunner.run(["train", "theorem5", "--steps", "20000", "--plot", "train.svg"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("wrote train.svg"))
        let svg = try Self.read(dir + "/train.svg")
        #expect(svg.all("polyline", class: "loss").count == 1 && svg.all("polyline", class: "gradient-norm").count == 1)
        // The step axis is logarithmic from 0 and ends at the run's last step, as printed.
        let steps = try #require(r.stdout.firstMatch(of: /, (\d+) steps,/).map { String($0.1) })
        #expect(svg.texts(class: "tick-x") == ["0", "1", "10", "100", steps], "\(svg.texts(class: "tick-x"))")
        #expect(svg.texts(class: "axis-label").contains("gradient norm ‖∇L‖ (log scale)"))
        // A diverging run still gets its figure (and fails as before).
        let d = try CLIRunner.run(["train", "theorem5", "--lr", "5", "--steps", "100", "--plot", "diverged.svg"], in: dir)
        #expect(d.status == 1)
        _ = try Self.read(dir + "/diverged.svg")
    }

    @Test func aConfigNamedWithMarkupStaysWellFormed() throws {
        let dir = try CLIRunner.tempDir()
        var text = try PresetLibrary.load("theorem5").jsonText()
        text = text.replacingOccurrences(of: "\"name\": \"theorem5\"", with: "\"name\": \"a<b & \\\"c\\\" 'd'>\"")
        #expect(text.contains("a<b & "))
        try text.write(toFile: dir + "/odd.json", atomically: true, encoding: .utf8)
        let s = try CLIRunner.run(["slice", "odd.json", "--point", "spurious-minimum", "--grid", "5", "--out", "s.csv", "--plot", "s.svg"], in: dir)
        #expect(s.status == 0, "\(s.stderr)")
        let t = try CLIRunner.run(["train", "odd.json", "--steps", "50", "--plot", "t.svg"], in: dir)
        #expect(t.status == 0, "\(t.stderr)")
        for file in ["s.svg", "t.svg"] {
            let svg = try Self.read(dir + "/" + file)
            #expect(svg.all("title").first?.text.hasPrefix("a<b & \"c\" 'd'>:") == true, "\(file)")
        }
    }

    @Test func badPlotOptionsAreRefusedBeforeAnyWork() throws {
        let dir = try CLIRunner.tempDir()
        let base = ["slice", "theorem5", "--point", "spurious-minimum", "--out", "x.csv"]
        let missing = try CLIRunner.run(base + ["--plot", "nowhere/x.svg"], in: dir)
        #expect(missing.status == 2 && missing.stderr.contains("nowhere"), "\(missing.stderr)")
        let style = try CLIRunner.run(base + ["--plot", "x.svg", "--plot-style", "pie"], in: dir)
        #expect(style.status == 2 && style.stderr.contains("--plot-style"), "\(style.stderr)")
        let alone = try CLIRunner.run(base + ["--plot-style", "contours"], in: dir)
        #expect(alone.status == 2 && alone.stderr.contains("need --plot"), "\(alone.stderr)")
        let path = try CLIRunner.run(base + ["--plot", "x.svg", "--plot-path", "none.csv"], in: dir)
        #expect(path.status == 2 && path.stderr.contains("none.csv"), "\(path.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)   // nothing computed, nothing written
        let train = try CLIRunner.run(["train", "theorem5", "--plot", "nowhere/t.svg"], in: dir)
        #expect(train.status == 2)
    }

    @Test(.enabled(if: PNGRendering.available, "no SVG converter (rsvg-convert or ImageMagick convert) installed"))
    func eachCommandsFigureRendersToAPNGOfItsSize() throws {
        let dir = try CLIRunner.tempDir()
        let runs: [(String, [String])] = [
            ("slice", ["slice", "theorem5", "--point", "spurious-minimum", "--dirs", "toward:best-found", "--grid", "15", "--out", "s.csv", "--plot", "slice.svg"]),
            ("path", ["path", "theorem5", "--from", "spurious-minimum", "--to", "best-found", "--images", "11", "--plot", "path.svg"]),
            ("landscape", ["landscape", "theorem5", "--starts", "20", "--plot", "landscape.svg"]),
            ("train", ["train", "theorem5", "--steps", "3000", "--plot", "train.svg"]),
        ]
        for (name, args) in runs {
            let r = try CLIRunner.run(args, in: dir)
            #expect(r.status == 0, "\(name): \(r.stderr)")
            let size = try Self.read("\(dir)/\(name).svg").size
            let png = try PNGRendering.render("\(dir)/\(name).svg", to: "\(dir)/\(name).png")
            #expect(png.width == size.width && png.height == size.height, "\(name): PNG \(png) vs SVG \(size)")
        }
    }
}
