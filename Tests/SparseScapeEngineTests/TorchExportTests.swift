import Foundation
import Testing
@testable import SparseScapeEngine
import SparseScapeCore

extension EngineTests {
    /// The explorer's s on a network imported from a PyTorch checkpoint: the point file, and beside it the same point
    /// with its masks as a safetensors state dict in the checkpoint's layout, read back bit for bit.
    @Test func savedPointOfAnImportedNetworkIsAlsoAStateDict() throws {
        let dir = try EngineTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let session = try EngineTestSupport.session("theorem5", running: false)
        var config = session.config
        config.torch = try TorchLayout(layers: ["encoder", "decoder"], pruned: [true, false])
        let exporter = SnapshotExporter(config: config, directionSeed: session.directionSeed)
        let s = session.snapshot()
        let shown = try exporter.savePoint(s, directory: dir)
        let parts = shown.components(separatedBy: " + ")
        #expect(parts.count == 2 && parts[0].hasSuffix(".json") && parts[1].hasSuffix(".safetensors"))
        #expect(try PointFile.read(parts[0], expectedCount: 8).map(\.bitPattern) == s.params.map(\.bitPattern))
        let tensors = dir + "/" + parts[1]
        let file = try SafetensorsFile(path: tensors)
        #expect(file.tensors.map(\.name) == ["encoder.weight_orig", "encoder.weight_mask", "decoder.weight"])
        #expect(file.tensors.allSatisfy { $0.dtype == .f64 })
        #expect(file.metadata.first { $0.key == "format" }?.value == "pt")
        let back = try TorchCheckpoint(file, following: config.torch)
        #expect(back.layout == config.torch)
        #expect(try back.point(for: s.architecture).map(\.bitPattern) == s.params.map(\.bitPattern))
        // Without a layout (a preset or a JSON config), s writes the point file only.
        let plain = try SnapshotExporter(config: session.config, directionSeed: session.directionSeed).savePoint(s, directory: dir)
        #expect(!plain.contains(" + ") && plain.hasSuffix(".json"))
    }
}
