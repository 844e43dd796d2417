import ArgumentParser
import Foundation
import SparseScapeCore

/// `--out-point FILE.safetensors`: a point and its masks written as a PyTorch state dict.
struct OutPointOption: ParsableArguments {
    @Option(name: .customLong("out-point"),
            help: ArgumentHelp("Also write the point and its masks as a PyTorch state dict (safetensors, float64; atomically).",
                               valueName: "file.safetensors"))
    var outPoint: String?

    /// Declares the path among the command's outputs, before any work.
    func declare(in outputs: CommandOutputs) throws {
        if let outPoint { try outputs.declare(outPoint, option: "--out-point") }
    }

    /// Writes `params` of `architecture` when asked, in the layout of the `--point` checkpoint (when it is one), else
    /// of the imported config, else of an `nn.Sequential` (`0.weight`, `1.weight`, …); returns the "wrote …" line.
    func write(params: [Double], architecture: NetworkArchitecture, config: NetworkConfig, point: String?,
               metadata: [(key: String, value: String)]) throws -> String? {
        guard let outPoint else { return nil }
        let layout = try Self.layout(config: config, point: point, architecture: architecture)
        try TorchCheckpoint.write(params: params, architecture: architecture, layout: layout, to: outPoint,
                                  metadata: [("producer", "sparsescape \(ToolVersion.string)"), ("network", config.name)] + metadata)
        let tensors = (0..<architecture.depth).map { l in
            layout.pruned[l] ? "\(layout.key(l, "weight_orig")) + weight_mask" : layout.key(l, "weight")
        }
        return "wrote \(SafeText.escaped(outPoint)) (\(SafeText.names(tensors, limit: 4, each: 40)))"
    }

    /// The layout points are written in: the `--point` checkpoint's, the config's, or `nn.Sequential`'s.
    static func layout(config: NetworkConfig, point: String?, architecture: NetworkArchitecture) throws -> TorchLayout {
        if let layout = try checkpointLayout(point, config: config) { return layout }
        return config.torch ?? TorchLayout.sequential(architecture)
    }

    /// The layout of a `--point` argument that is a safetensors file, nil for any other point.
    static func checkpointLayout(_ point: String?, config: NetworkConfig) throws -> TorchLayout? {
        guard let point, PointFile.isSafetensors(path: point) else { return nil }
        return try TorchCheckpoint(try SafetensorsFile(path: point), following: config.torch).layout
    }
}
