import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import SparseScapeCore
@testable import SparseScapeFigures
import SparseScapeTestSupport

/// The figures: well-formed SVG (parsed with XMLParser), the expected elements (cells, ticks, labels, curves,
/// markers, leaves), escaping, ticks and colours, and PNGs rendered where a converter is installed.
@Suite struct FigureTests {
    // MARK: Reading SVG back

    /// An SVG document parsed back into its elements (document order), with their attributes and text.
    struct ParsedSVG {
        struct Element {
            var name: String
            var attributes: [String: String]
            var text: String
        }

        var elements: [Element]

        /// Every element named `name`, optionally with `class` = `cls`.
        func all(_ name: String, class cls: String? = nil) -> [Element] {
            elements.filter { $0.name == name && (cls == nil || $0.attributes["class"] == cls) }
        }

        /// The texts of the `<text>` elements with class `cls`.
        func texts(class cls: String) -> [String] { all("text", class: cls).map(\.text) }

        /// The root's width and height.
        var size: (width: Double, height: Double) {
            let root = elements.first { $0.name == "svg" }
            return (Double(root?.attributes["width"] ?? "") ?? 0, Double(root?.attributes["height"] ?? "") ?? 0)
        }
    }

    /// Collects elements for `ParsedSVG`.
    final class Collector: NSObject, XMLParserDelegate {
        var elements: [ParsedSVG.Element] = []
        var open: [Int] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            elements.append(ParsedSVG.Element(name: elementName, attributes: attributeDict, text: ""))
            open.append(elements.count - 1)
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let k = open.last { elements[k].text += string }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            open.removeLast()
        }
    }

    /// Parses `svg` as XML; fails the test (throws) when it is not well-formed.
    static func parse(_ svg: String) throws -> ParsedSVG {
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = Collector()
        parser.delegate = collector
        guard parser.parse() else {
            throw SparseScapeError("not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "?") at line \(parser.lineNumber)")
        }
        return ParsedSVG(elements: collector.elements)
    }

    /// The number of points of a polyline's `points` attribute.
    static func pointCount(_ e: ParsedSVG.Element) -> Int {
        (e.attributes["points"] ?? "").split(separator: " ").count
    }

    // MARK: SVG model

    @Test func textAndAttributesAreEscapedSoAnyNameStaysWellFormed() throws {
        let nasty = "net <&\"'> \u{1}end\ttab"
        #expect(SVGElement.escapeText("a<b & c>d") == "a&lt;b &amp; c&gt;d")
        #expect(SVGElement.escapeAttribute("say \"hi\" & 'bye'") == "say &quot;hi&quot; &amp; &apos;bye&apos;")
        #expect(SVGElement.escapeText("\u{1}x") == "\u{FFFD}x")
        var doc = SVGDocument(width: 100, height: 50, title: nasty)
        doc.add(.text(nasty, 10, 20, [("class", "t"), ("data-name", nasty)]))
        let parsed = try Self.parse(doc.render())
        let t = try #require(parsed.all("text", class: "t").first)
        #expect(t.text == "net <&\"'> \u{FFFD}end\ttab")
        #expect(t.attributes["data-name"] == "net <&\"'> \u{FFFD}end\ttab")
        #expect(parsed.all("title").first?.text == "net <&\"'> \u{FFFD}end\ttab")
        #expect(parsed.size == (100, 50))
    }

    @Test func numbersAreShortAndFinite() {
        #expect(SVGElement.number(12.0) == "12")
        #expect(SVGElement.number(-0.001) == "0")
        #expect(SVGElement.number(3.14159) == "3.14")
        #expect(SVGElement.number(-2.5) == "-2.5")
        #expect(SVGElement.number(.nan) == "0")
    }

    @Test func writingIsAtomicAndNamesTheMissingDirectory() throws {
        let dir = NSTemporaryDirectory() + "figure-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let doc = SVGDocument(width: 10, height: 10, title: "t")
        try doc.write(to: dir + "/a.svg")
        #expect(try String(contentsOfFile: dir + "/a.svg", encoding: .utf8) == doc.render())
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["a.svg"])   // no temporary left
        #expect(throws: SparseScapeError.self) { try doc.write(to: dir + "/missing/a.svg") }
    }

    // MARK: Axes and colours

    @Test func linearTicksAreNiceAndLabelledAlike() {
        let t = FigureAxis(lower: -1.5, upper: 1.5).ticks(maxCount: 7)
        #expect(t.map(\.value) == [-1.5, -1, -0.5, 0, 0.5, 1, 1.5])
        #expect(t.map(\.label) == ["−1.5", "−1.0", "−0.5", "0", "0.5", "1.0", "1.5"])
        let u = FigureAxis(lower: 0.17, upper: 9.3).ticks(maxCount: 6)
        #expect(u.map(\.value) == [2, 4, 6, 8])
        #expect(u.map(\.label) == ["2", "4", "6", "8"])
        #expect(FigureAxis.niceStep(0.37) == 0.5 && FigureAxis.niceStep(2.2) == 2.5 && FigureAxis.niceStep(7) == 10)
        // A constant range is widened, not divided by zero.
        let flat = FigureAxis(lower: 8, upper: 8)
        #expect(flat.lower < 8 && flat.upper > 8)
    }

    @Test func logTicksArePowersOfTenOrOneTwoFive() {
        let wide = FigureAxis(lower: 1e-11, upper: 100, scale: .log).ticks(maxCount: 7)
        #expect(wide.allSatisfy { abs(log10($0.value) - log10($0.value).rounded()) < 1e-12 })
        #expect(wide.count <= 8 && wide.count >= 4)
        #expect(wide.first?.label.hasPrefix("10") == true)   // 10⁻¹⁰ style, all alike
        let narrow = FigureAxis(lower: 0.17, upper: 1416, scale: .log).ticks(maxCount: 7)
        #expect(narrow.map(\.label) == ["1", "10", "100", "1000"])
        let two = FigureAxis(lower: 8, upper: 84, scale: .log).ticks(maxCount: 7)
        #expect(two.map(\.value) == [10, 20, 50])
        #expect(abs(FigureAxis(lower: 1, upper: 1000, scale: .log).fraction(10)! - 1.0 / 3) < 1e-12)
        #expect(FigureAxis(lower: 1, upper: 1000, scale: .log).fraction(0) == nil)
    }

    @Test func viridisIsExactAtItsEndsAndMonotoneInLightness() {
        let map = ColorMap.viridis
        #expect(map.hex(0) == "#440154" && map.hex(1) == "#fde725")
        #expect(map.hex(-3) == "#440154" && map.hex(.nan) == "#440154")
        let lightness = (0...40).map { OKLab(map.color(Double($0) / 40)).L }
        #expect(zip(lightness, lightness.dropFirst()).allSatisfy { $0 < $1 })
        #expect(RGB(hex: "#21918c")?.hex == "#21918c" && RGB(hex: "nope") == nil)
    }

    // MARK: Slice figure

    /// A 2-D test slice: v(α, β) = 1 + 4α² + β² on a grid, and the figure.
    static func bowl(grid: Int = 9, span: Double = 1) throws -> SliceFigure {
        let axis = sliceAxis(span: span, count: grid)
        var values: [Double] = []
        for a in axis { for b in axis { values.append(1 + 4 * a * a + b * b) } }
        return try SliceFigure(title: "bowl <&\"", subtitle: "test", alphas: axis, betas: axis, values: values,
                               alphaLabel: "α (d₁ toward best)", betaLabel: "β (d₂ random)")
    }

    @Test func heatmapHasOneCellPerGridPointAndAColourBarWithItsTicks() throws {
        var fig = try Self.bowl(grid: 9)
        fig.scale = .linear
        fig.markers = [.init(name: "centre", alpha: 0, beta: 0, kind: .center, loss: 1),
                       .init(name: "best <&>", alpha: 0.5, beta: 0.25, kind: .best, loss: 2.0625),
                       .init(name: "far away", alpha: 5, beta: 5, kind: .target)]
        fig.curves = [.init(name: "path", points: [(0, 0), (0.2, 0.1), (0.5, 0.25)], kind: .path)]
        let svg = try Self.parse(fig.document().render())
        #expect(svg.all("rect", class: "cell").count == 81)
        // Colour bar: the values 1 … 6 on a linear scale, ticks at 1, 2, …, 6.
        let ticks = svg.all("text", class: "colorbar-tick")
        #expect(ticks.map(\.text) == ["1", "2", "3", "4", "5", "6"])
        #expect(ticks.compactMap { Double($0.attributes["data-value"] ?? "") } == [1, 2, 3, 4, 5, 6])
        #expect(svg.texts(class: "colorbar-extreme") == ["max 6", "min 1"])
        #expect(svg.texts(class: "axis-label").contains("α (d₁ toward best)"))
        #expect(svg.texts(class: "axis-label").contains("β (d₂ random)"))
        #expect(svg.texts(class: "axis-label").contains("loss"))
        #expect(svg.texts(class: "tick-x") == ["−1.0", "−0.5", "0", "0.5", "1.0"])
        // Markers inside the plot are drawn, the one outside only listed in the legend.
        #expect(svg.all("circle", class: "marker-center").count == 1)
        #expect(svg.all("polygon", class: "marker-best").count == 1)
        #expect(svg.all("polygon", class: "marker-target").isEmpty)
        #expect(svg.texts(class: "legend-label").contains { $0.hasPrefix("far away") && $0.hasSuffix("(outside)") })
        #expect(svg.texts(class: "marker-label").contains("best <&>"))
        // The path: one polyline with its three points, and its images as dots.
        let path = svg.all("polyline", class: "path")
        #expect(path.count == 1 && Self.pointCount(path[0]) == 3)
        #expect(svg.all("circle", class: "path-image").count == 3)
        #expect(svg.all("title").first?.text == "bowl <&\"")
    }

    @Test func aFineGridIsDrawnThinnedWithTheFullGridsColourScale() throws {
        var fig = try Self.bowl(grid: 601, span: 1)
        fig.scale = .linear
        let svg = try Self.parse(fig.document().render())
        // Every 3rd of 601 points: 201 per axis, the last included.
        #expect(svg.all("rect", class: "cell").count == 201 * 201)
        #expect(svg.texts(class: "colorbar-extreme") == ["max 6", "min 1"])
        #expect(svg.texts(class: "subtitle").first?.hasSuffix("drawn from 1 in 3 grid points per axis") == true)
    }

    @Test func colourScaleIsLogWhenTheLossesSpanDecades() throws {
        let axis = sliceAxis(span: 1, count: 5)
        let values = (0..<25).map { pow(10, Double($0) / 6) }   // 1 … 10⁴
        var fig = try SliceFigure(title: "t", alphas: axis, betas: axis, values: values)
        #expect(fig.colorAxis.scale == .log)
        let svg = try Self.parse(fig.document().render())
        #expect(svg.texts(class: "colorbar-tick") == ["1", "10", "100", "1000", "10000"])
        #expect(svg.texts(class: "axis-label").contains("loss (log scale)"))
        fig.scale = .linear
        #expect(fig.colorAxis.scale == .linear)
        #expect(throws: SparseScapeError.self) { try SliceFigure(title: "t", alphas: axis, betas: axis, values: [1, 2]) }
    }

    @Test func contoursFillBandsAndDrawLinesAtTheLevels() throws {
        // v = α on [−1, 1]: every contour line is the vertical line α = level.
        let axis = sliceAxis(span: 1, count: 12)   // no grid node exactly at a level
        var values: [Double] = []
        for a in axis { for _ in axis { values.append(a) } }
        var fig = try SliceFigure(title: "plane", alphas: axis, betas: axis, values: values)
        fig.style = .contours
        let levels = SliceFigure.contourLevels(fig.colorAxis)
        #expect(levels.count >= 8 && levels.count <= 20)
        let svg = try Self.parse(fig.document().render())
        #expect(svg.all("rect", class: "cell").isEmpty)
        #expect(svg.all("g", class: "band").count == levels.count + 1)
        let lines = svg.all("path", class: "contour")
        #expect(lines.count == levels.count)
        let frame = PlotFrame(left: SliceFigure.marginLeft, top: SliceFigure.marginTop, width: SliceFigure.plotSize,
                              height: SliceFigure.plotSize, x: FigureAxis(lower: -1, upper: 1), y: FigureAxis(lower: -1, upper: 1))
        for line in lines {
            let level = try #require(Double(line.attributes["data-level"] ?? ""))
            let d = line.attributes["d"] ?? ""
            let xs = d.split { "ML".contains($0) }.compactMap { Double($0.split(separator: " ").first ?? "") }
            #expect(!xs.isEmpty)
            #expect(xs.allSatisfy { abs($0 - frame.px(level)!) < 0.02 }, "level \(level): \(d.prefix(80))")
        }
        // The colour bar is banded, with a tick per level (levels of 0.2 or 0.25 all fit).
        #expect(svg.all("text", class: "colorbar-tick").count == levels.count)
    }

    @Test func contourBandsCoverTheGridExactly() {
        // The filled pieces' areas add up to the whole plot, whatever the levels.
        let xs = (0..<6).map { Double($0) * 10 }, ys = (0..<5).map { 40 - Double($0) * 10 }
        var values: [Double] = []
        for i in 0..<6 { for j in 0..<5 { values.append(sin(Double(i)) + cos(Double(j) * 1.3)) } }
        let bands = ContourBands(xs: xs, ys: ys, values: values, levels: [-1, -0.5, 0, 0.5, 1, 1.5])
        var area = 0.0
        for pieces in bands.fills() {
            for p in pieces {
                switch p {
                case .rect(_, _, let w, let h): area += w * h
                case .polygon(let pts):
                    var a = 0.0
                    for k in pts.indices { let q = pts[(k + 1) % pts.count]; a += pts[k].x * q.y - q.x * pts[k].y }
                    area += abs(a) / 2
                }
            }
        }
        #expect(abs(area - 50 * 40) < 1e-9)
    }

    @Test func basinsGetBoundariesLabelsAndALegend() throws {
        var fig = try Self.bowl(grid: 9)
        // Two basins: α < 0 is basin 1, α ≥ 0 basin 2 (α outer, β inner).
        let axis = fig.alphas
        let labels = axis.flatMap { a in [Int](repeating: a < 0 ? 1 : 2, count: 9) }
        try fig.setBasins(labels: labels, legend: [(id: 1, name: "M1 global <min>"), (id: 2, name: "M2 spurious")])
        #expect(throws: SparseScapeError.self) { try fig.setBasins(labels: [1, 2], legend: []) }
        let svg = try Self.parse(fig.document().render())
        let boundary = try #require(svg.all("path", class: "basin-boundary").first)
        // One vertical boundary between α index 3 and 4, one segment per β row.
        #expect((boundary.attributes["d"] ?? "").filter { $0 == "M" }.count == 9)
        #expect(svg.all("g", class: "basin-label").count == 2)
        let legend = svg.texts(class: "legend-label")
        #expect(legend.contains("basins") && legend.contains("M1 global <min>") && legend.contains("M2 spurious"))
    }

    // MARK: Path, landscape, training

    /// A path profile with a small pass near its start (as theorem5's).
    static func smallPass() -> PathProfile {
        let n = 21
        let arc = (0..<n).map { Double($0) * 0.25 }
        let losses = (0..<n).map { k -> Double in
            let s = Double(k) / Double(n - 1)
            return 8 + 0.05 * sin(Double.pi * min(1, s / 0.4)) * (s < 0.4 ? 1 : 0) - (s > 0.2 ? 7.8 * pow((s - 0.2) / 0.8, 2) : 0)
        }
        let top = losses.indices.max { losses[$0] < losses[$1] }!
        return PathProfile(startLoss: losses[0], endLoss: losses[n - 1],
                           saddle: PathSaddle(loss: losses[top], index: 1, classification: .saddle, gradientNorm: 1e-14, params: [0, 0]),
                           barrier: losses[top] - losses[0], barrierFromEnd: losses[top] - losses[n - 1], lineBarrier: 0.9,
                           monotone: false, losses: losses, arcLength: arc, images: (0..<n).map { [Double($0), 0] },
                           iterations: 10, evaluations: 100, maxForce: 1e-6, converged: true)
    }

    @Test func pathFigureDrawsEveryImageTheSaddleTheLineAndAZoom() throws {
        let p = Self.smallPass()
        let line = (ts: (0...50).map { Double($0) / 50 }, losses: (0...50).map { 8 + 0.9 * sin(Double.pi * Double($0) / 50) - 7.8 * Double($0) / 50 })
        let fig = PathFigure(title: "theorem5 <path>", subtitle: "s", path: p, dense: p, straightLine: line, straightLength: 4)
        let svg = try Self.parse(fig.document().render())
        let paths = svg.all("polyline", class: "path")
        #expect(paths.count == 2)   // the plot and the zoom
        #expect(Self.pointCount(paths[0]) == p.images.count)
        #expect(Self.pointCount(try #require(svg.all("polyline", class: "straight-line").first)) == 51)
        #expect(svg.all("polyline", class: "dense-path").count >= 1)
        #expect(svg.all("polygon", class: "marker-saddle").count == 1)
        #expect(svg.all("g").contains { $0.attributes["id"] == "zoom" })
        #expect(svg.all("path", class: "barrier").count == 1)
        #expect(svg.texts(class: "legend-label").contains("saddle (index 1)"))
        #expect(svg.texts(class: "axis-label").contains("loss"))
    }

    @Test func pathFigureOfARealPathOnTheorem5() throws {
        let config = try PresetLibrary.load("theorem5")
        let f = try config.lossFunction()
        let result = try MinimumEnergyPath.run(f, from: try config.resolvePoint("spurious-minimum"), to: try config.resolvePoint("best-found"),
                                               settings: PathSettings(band: try ElasticBandSettings(images: 15, maxIterations: 2000), dense: false))
        let svg = try Self.parse(try PathFigure.make(f, result: result, name: "theorem5", from: "a", to: "b").document().render())
        #expect(Self.pointCount(try #require(svg.all("polyline", class: "path").first)) == 15)
        #expect(svg.all("polygon", class: "marker-saddle").count == 1)
        #expect(Self.pointCount(try #require(svg.all("polyline", class: "straight-line").first)) == 201)
    }

    /// A map like theorem5's: two minima joined at 8.045, a third saddle to a valley at infinity, one redundant saddle.
    static func theorem5Map() -> LandscapeMap {
        LandscapeMap(
            minima: [LandscapeMinimum(id: 1, loss: 0.1656, classification: .globalMinimum, spurious: false, count: 50, params: []),
                     LandscapeMinimum(id: 2, loss: 8, classification: .localMinimum, spurious: true, count: 40, params: []),
                     LandscapeMinimum(id: 3, loss: 9, classification: .localMinimum, spurious: true, count: 2, params: [])],
            saddles: [LandscapeSaddle(id: 1, loss: 8.045, index: 1, joins: [1, 2], sides: ["M1", "M2"], source: "critical", params: []),
                      LandscapeSaddle(id: 2, loss: 8.5, index: 1, joins: [2, 1], sides: ["M2", "M1"], source: "critical", params: []),
                      LandscapeSaddle(id: 3, loss: 9.5, index: 1, joins: [3, 2], sides: ["M3", "M2"], source: "critical", params: []),
                      LandscapeSaddle(id: 4, loss: 10.5, index: 1, joins: [nil, 2], sides: ["escaping (L → 8.5000125)", "M2"], source: "critical", params: [])],
            barriers: [], valleys: [8.500012527], starts: 60)
    }

    @Test func disconnectivityGraphHasALeafPerMinimumAndAMergePerJoiningSaddle() throws {
        let fig = LandscapeFigure(map: Self.theorem5Map(), name: "theorem5 <&>")
        let (roots, unused) = fig.forest()
        #expect(roots.count == 1)
        #expect(unused.map(\.id) == [2])
        let svg = try Self.parse(fig.document().render())
        let leaves = svg.all("circle", class: "leaf-minimum")
        #expect(leaves.count == 3)
        #expect(Set(leaves.compactMap { $0.attributes["data-id"] }) == ["1", "2", "3"])
        #expect(svg.all("polygon", class: "leaf-valley").count == 1)
        #expect(svg.all("circle", class: "merge").compactMap { $0.attributes["data-saddle"] }.sorted() == ["1", "3", "4"])
        #expect(svg.texts(class: "merge-label").contains { $0.hasPrefix("S1  L = 8.045") && $0.contains("above M2") })
        #expect(svg.texts(class: "note").count == 1)
        #expect(svg.all("title").first?.text == "theorem5 <&>: disconnectivity graph")
        // Leaves sit at their losses: M1 lowest on the page.
        let y = Dictionary(uniqueKeysWithValues: leaves.map { ($0.attributes["data-id"]!, Double($0.attributes["cy"]!)!) })
        #expect(y["1"]! > y["2"]! && y["2"]! > y["3"]!)
    }

    @Test func unjoinedMinimaAreSeparateTrees() throws {
        var map = Self.theorem5Map()
        map.saddles = []
        map.valleys = []
        let fig = LandscapeFigure(map: map, name: "x")
        #expect(fig.forest().roots.count == 3)
        let svg = try Self.parse(fig.document().render())
        #expect(svg.all("circle", class: "leaf-minimum").count == 3)
        #expect(svg.texts(class: "caption").first?.contains("3 groups") == true)
    }

    @Test func trainingTraceIsLogSpacedAndKeepsTheEnd() {
        var trace = LossTrace()
        for k in 0...100_000 { trace.record(iteration: k, loss: 1 / Double(k + 1), gradientNorm: 1) }
        let steps = trace.points.map(\.iteration)
        #expect(Array(steps.prefix(101)) == Array(0...100))
        #expect(steps.last == 100_000)
        #expect(steps.count < 1200)
        #expect(zip(steps, steps.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test func trainingFigureDrawsLossAndGradientNormOnLogScales() throws {
        let config = try PresetLibrary.load("theorem5")
        let f = try config.lossFunction()
        var trace = LossTrace()
        let result = try Trainer.train(f, start: config.start!, settings: try OptimizerSettings(kind: .gd, learningRate: 0.05),
                                       rules: try StoppingRules(maxSteps: 3000, gradientTolerance: 1e-10),
                                       observer: { step, loss, g, _ in trace.record(iteration: step, loss: loss, gradientNorm: g) })
        #expect(trace.points.first?.iteration == 0 && trace.points.last?.iteration == result.steps)
        #expect(trace.points.last?.loss == result.loss)
        let fig = TrainingFigure.make(trace: trace, name: "theorem5", optimizer: "gd", result: result, gradientTolerance: 1e-10)
        let svg = try Self.parse(fig.document().render())
        #expect(Self.pointCount(try #require(svg.all("polyline", class: "loss").first)) == trace.points.count)
        #expect(svg.all("polyline", class: "gradient-norm").count == 1)
        #expect(svg.all("line", class: "tolerance").count == 1)
        let labels = svg.texts(class: "axis-label")
        #expect(labels.contains("loss (log scale)") && labels.contains("gradient norm ‖∇L‖ (log scale)"))
        #expect(svg.texts(class: "tick-x").first == "0")
        #expect(svg.texts(class: "tick-x").contains("\(result.steps)"))
        // A diverged run (non-finite losses) breaks the curve instead of drawing NaN.
        let bad = TrainingFigure(title: "t", points: [.init(iteration: 0, loss: 1, gradientNorm: 1), .init(iteration: 1, loss: 10, gradientNorm: 5),
                                                      .init(iteration: 2, loss: .infinity, gradientNorm: .nan), .init(iteration: 3, loss: 2, gradientNorm: 0)])
        let text = bad.document().render()
        #expect(!text.contains("nan") && !text.contains("inf"))
        _ = try Self.parse(text)
    }

    @Test func lineSliceFigureMarksTheBarrier() throws {
        let f = try TestNetworks.theorem5()
        let config = try PresetLibrary.load("theorem5")
        let c = try config.resolvePoint("spurious-minimum"), t = try config.resolvePoint("paper-better")
        let slice = try LineSlice(f, center: c, direction: zip(t, c).map { $0 - $1 }, from: 0, to: 1, count: 41)
        let svg = try Self.parse(LineSliceFigure.make(slice, name: "theorem5", directions: "toward:paper-better", centerName: "spurious-minimum").document().render())
        #expect(Self.pointCount(try #require(svg.all("polyline", class: "line-slice").first)) == 41)
        #expect(svg.all("polygon", class: "marker-barrier").count == 1)
        #expect(svg.all("circle", class: "end").count == 2)
    }

    // MARK: PNG

    @Test(.enabled(if: PNGRendering.available, "no SVG converter (rsvg-convert or ImageMagick convert) installed"))
    func everyFigureRendersToAPNGOfItsSize() throws {
        var slice = try Self.bowl(grid: 15)
        slice.markers = [.init(name: "centre", alpha: 0, beta: 0, kind: .center)]
        var contours = slice
        contours.style = .contours
        let docs: [(String, SVGDocument)] = [
            ("slice", slice.document()), ("contours", contours.document()),
            ("path", PathFigure(title: "p", path: Self.smallPass()).document()),
            ("landscape", LandscapeFigure(map: Self.theorem5Map(), name: "m").document()),
            ("training", TrainingFigure(title: "t", points: (0..<50).map { .init(iteration: $0 * $0, loss: 10 / Double($0 + 1), gradientNorm: exp(-Double($0) / 5)) }).document()),
        ]
        let dir = NSTemporaryDirectory() + "figure-png-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, doc) in docs {
            try doc.write(to: "\(dir)/\(name).svg")
            let size = try PNGRendering.render("\(dir)/\(name).svg", to: "\(dir)/\(name).png")
            #expect(size.width == Int(doc.width) && size.height == Int(doc.height), "\(name): \(size) vs \(doc.width)×\(doc.height)")
        }
    }
}
