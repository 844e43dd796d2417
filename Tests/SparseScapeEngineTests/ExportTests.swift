import Foundation
import Testing
@testable import SparseScapeEngine
import SparseScapeCore

extension EngineTests {
    @Test func sliceExportWritesCSVAndSidecarThatRoundTrip() throws {
        let dir = try EngineTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let session = try EngineTestSupport.session("theorem5")
        session.advance(maxSteps: 300)
        EngineTestSupport.answer(session)
        let exporter = SnapshotExporter(config: session.config, directionSeed: session.directionSeed)
        let s = session.snapshot()
        let slice = try #require(s.slice)
        let path = try exporter.exportSlice(s, directory: dir)
        let name = URL(fileURLWithPath: path).lastPathComponent
        #expect(name.hasPrefix("sparsescape-slice-") && name.hasSuffix(".csv"))
        #expect(name.range(of: #"^sparsescape-slice-\d{8}-\d{6}\.csv$"#, options: .regularExpression) != nil)
        let (header, rows) = try SliceExport.read(path)
        #expect(header == ["alpha", "beta", "loss"])
        #expect(rows.count == slice.grid * slice.grid)
        // Round trip: every loss reads back bit for bit (unless the slice was replaced in between, compare to the file's own sidecar).
        let sidecar = SliceExport.sidecarPath(for: path)
        #expect(FileManager.default.fileExists(atPath: sidecar))
        let meta = try JSONDecoder().decode(SliceMetadata.self, from: Data(contentsOf: URL(fileURLWithPath: sidecar)))
        #expect(meta.kind == "plane")
        #expect(meta.config == "theorem5")
        #expect(meta.widths == [3, 2, 3])
        #expect(meta.grid == slice.grid)
        #expect(meta.center.count == 8)
        #expect(meta.networkHash.hasPrefix("words64:") && meta.networkHash.count == 24)
        // The sidecar records the streamed CSV's name, size and SHA-256, and no temporary is left in the directory.
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(meta.data == DataFileRecord(file: name, bytes: UInt64(written.count), sha256: SHA256Digest.hex(written)))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == [name, String(name.dropLast(4)) + ".json"])
        let f = try PresetLibrary.load("theorem5").lossFunction()
        let poly = try SlicePolynomial(f, center: meta.center, d1: meta.direction1, d2: meta.direction2)
        let axis = sliceAxis(span: meta.span, count: meta.grid)
        for (k, row) in rows.enumerated() where k % 37 == 0 {
            #expect(row[0] == axis[k / meta.grid] && row[1] == axis[k % meta.grid])
            #expect(abs(row[2] - poly.value(row[0], row[1])) <= 1e-9 * max(1, abs(row[2])))
        }
        #expect(slice.center == meta.center && meta.seed == session.directionSeed)
        #expect(rows.map { $0[2] } == slice.values)
        #expect(meta.lossRange[0] == rows.map { $0[2] }.min())
        // A second export in the same second gets a new name; the first file is untouched.
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let second = try exporter.exportSlice(s, directory: dir)
        #expect(second != path)
        #expect(FileManager.default.fileExists(atPath: second))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func historyExportHasTheHeaderAndTheSnapshotsRows() throws {
        let dir = try EngineTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let session = try EngineTestSupport.session("theorem5", kind: .gd, lr: 0.05)
        session.advance(maxSteps: 700)
        session.apply(.toggleEdge(layer: 0, row: 0, col: 0))
        session.advance(maxSteps: 900)
        let exporter = SnapshotExporter(config: session.config, directionSeed: session.directionSeed)
        let s = session.snapshot()
        let path = try exporter.exportHistory(s, directory: dir)
        #expect(URL(fileURLWithPath: path).lastPathComponent.hasPrefix("sparsescape-history-"))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(separator: "\n")
        #expect(lines.removeFirst() == "iteration,loss,gradient_norm")
        #expect(lines.count == s.history.count)
        for (line, h) in zip(lines, s.history) {
            let fields = line.split(separator: ",")
            #expect(fields.count == 3)
            #expect(Int(fields[0]) == h.iteration)
            #expect(Double(fields[1]) == h.loss)
            #expect(Double(fields[2]) == h.gradientNorm)
        }
        // The descent survives: the first steps and the steps after the mask change are all there.
        let its = s.history.map(\.iteration)
        for k in 0..<30 { #expect(its.contains(k) && its.contains(700 + k)) }
        let second = try exporter.exportHistory(s, directory: dir)
        #expect(second != path)
        // Within the same second the name gets "-2"; a second later (a loaded machine) it has its own timestamp.
        let stem = String(path.dropLast(".csv".count))
        #expect(second == stem + "-2.csv" || (!second.hasPrefix(stem) && second.hasSuffix(".csv")), "\(second) after \(path)")
    }

    @Test func savedPointReadsBack() throws {
        let dir = try EngineTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let session = try EngineTestSupport.session("theorem5", running: false)
        let exporter = SnapshotExporter(config: session.config, directionSeed: session.directionSeed)
        let s = session.snapshot()
        let path = try exporter.savePoint(s, directory: dir)
        #expect(URL(fileURLWithPath: path).lastPathComponent.hasPrefix("sparsescape-point-"))
        #expect(path.hasSuffix(".json"))
        #expect(try PointFile.read(path, expectedCount: 8) == s.params)
        let again = try exporter.savePoint(s, directory: dir)
        #expect(again != path)
        #expect(try PointFile.read(again) == s.params)
    }

    @Test func exportsFailWithAOneLineErrorWhenTheyCannot() throws {
        let dir = try EngineTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/plain-file"
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        let session = try EngineTestSupport.session("theorem5", running: false)
        let exporter = SnapshotExporter(config: session.config, directionSeed: session.directionSeed)
        let snap = session.snapshot()
        #expect(snap.slice == nil)
        #expect(throws: SparseScapeError.self) { try exporter.exportSlice(snap, directory: dir) }
        for target in [dir + "/missing/sub", file] {
            do {
                _ = try exporter.exportHistory(snap, directory: target)
                Issue.record("exporting into \(target) did not throw")
            } catch let e as SparseScapeError {
                #expect(!e.message.contains("\n"))
                #expect(e.message.contains(target))
            }
            #expect(throws: SparseScapeError.self) { try exporter.savePoint(snap, directory: target) }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["plain-file"])
    }
}
