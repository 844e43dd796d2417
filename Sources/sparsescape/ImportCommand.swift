import ArgumentParser
import Foundation
import SparseScapeCore

/// `sparsescape import`.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Make a network config from a PyTorch checkpoint (.safetensors) of a bias-free linear stack and data X, Y.",
        discussion: """
            The checkpoint is a state dict saved with safetensors (safetensors.torch.save_file(model.state_dict(), \
            FILE), or safetensors.numpy.save_file): one weight per nn.Linear(in, out, bias=False), out × in as torch \
            stores it, transposed here to SparseScape's rows = inputs. A layer pruned by torch.nn.utils.prune is \
            saved as NAME.weight_orig and NAME.weight_mask: its mask is taken from weight_mask and its weights are \
            weight_orig × weight_mask. A plain NAME.weight is dense, unless --mask-from-zeros makes its exact zeros \
            pruned. The layers' order comes from their names when these differ only in numbers (0.weight, 1.weight, \
            …; fc1.weight, fc2.weight, …; layers.0.weight, …), else give it with --layers. Refused, with a message \
            naming the tensor: biases and any other tensor, dtypes other than float32, float64, float16 and bfloat16, \
            weights that are not 2-D, shapes that do not chain (a layer's inputs must be the previous one's outputs), \
            masks that are not 0/1, values that are not finite.

            --data X Y gives the data (.npy or .csv, one row per sample: X has the first layer's inputs as columns, \
            Y the last layer's outputs), referenced by the config, not copied. The config's start and its reference \
            point 'checkpoint' are the checkpoint's weights, and it records the torch layout (layer names, pruned or \
            not), so that points written back with --out-point FILE.safetensors (train, prune) or the explorer's s \
            key load into the same model with model.load_state_dict(load_file(FILE)). Nothing is written when \
            anything is refused.

            Examples:
              sparsescape import model.safetensors --data X.npy Y.npy --out net.json
              sparsescape certify net.json --point checkpoint
              sparsescape explore net.json
              sparsescape import model.safetensors --data X.npy Y.npy --out net.json \\
                  --layers encoder,decoder
              sparsescape import dense.safetensors --data X.npy Y.npy --out net.json \\
                  --mask-from-zeros
              sparsescape train net.json --point checkpoint --out-point trained.safetensors
            """
    )

    @Argument(help: ArgumentHelp("The checkpoint: a safetensors state dict of bias-free linear layers.", valueName: "model.safetensors"))
    var model: String
    @Option(parsing: .upToNextOption, help: ArgumentHelp("The data files X and Y (.npy or .csv, rows = samples).", valueName: "X Y"))
    var data: [String] = []
    @Option(help: ArgumentHelp("The config file to write (atomically).", valueName: "net.json")) var out: String
    @Option(help: ArgumentHelp("The layers' module names in order, comma-separated (when their names do not tell it).", valueName: "a,b,…"))
    var layers: String?
    @Flag(name: .customLong("mask-from-zeros"), help: "Prune the exact zeros of plain (unmasked) layers instead of keeping them as weights.")
    var maskFromZeros = false
    @Option(help: "The config's name (default: the checkpoint's file name without .safetensors).") var name: String?
    @OptionGroup var output: OutputOptions

    func run() throws {
        guard data.count == 2 else {
            throw SparseScapeError("--data takes two files, X and Y (got \(data.count))")
        }
        try OutputPath.check(out, option: "--out")
        let order = layers.map { $0.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) } }
        if let order, order.contains("") { throw SparseScapeError("--layers has an empty name (give module names separated by commas)") }
        let checkpoint = try TorchCheckpoint(try SafetensorsFile(path: model), order: order)
        let stem = URL(fileURLWithPath: model).lastPathComponent.replacingOccurrences(of: ".safetensors", with: "")
        let configName = name ?? stem
        if let why = DisplayedText.problem(configName, field: "--name") { throw SparseScapeError(why) }
        let config = try TorchImport.config(checkpoint, maskFromZeros: maskFromZeros, x: data[0], y: data[1], name: configName,
                                            description: "imported from \(URL(fileURLWithPath: model).lastPathComponent) (PyTorch checkpoint)")
        let directory = URL(fileURLWithPath: out).deletingLastPathComponent().path
        let text = config.jsonText(referencingDataFilesFrom: directory)
        // The text must read back as the same network before it is written.
        let reread = try NetworkConfig.parse(Data(text.utf8), name: out, baseDirectory: directory)
        guard reread.architecture == config.architecture, reread.start == config.start else {
            throw SparseScapeError("\(SafeText.escaped(out)): the config does not read back as the checkpoint's network; nothing written")
        }
        let f = try config.lossFunction()
        let loss = f.loss(config.start!)
        try AtomicFile.write(text, to: out)
        let masks = config.architecture.masks
        if output.json {
            struct Layer: Encodable {
                var module: String; var tensors: [String]; var dtype: String; var outputs: Int; var inputs: Int; var kept: Int; var weights: Int
            }
            struct Out: Encodable {
                var out: String; var name: String; var widths: [Int]; var freeWeights: Int; var samples: Int; var loss: Double
                var layers: [Layer]; var torch: Torch
            }
            struct Torch: Encodable { var layers: [String]; var pruned: [Bool] }
            let rows = checkpoint.layers.enumerated().map { l, layer in
                Layer(module: layer.module, tensors: [layer.weightTensor] + (layer.maskTensor.map { [$0] } ?? []), dtype: layer.dtype.rawValue,
                      outputs: layer.outputs, inputs: layer.inputs, kept: masks[l].filter { $0 }.count, weights: masks[l].count)
            }
            print(try JSONText.encode(Out(out: out, name: config.name, widths: config.architecture.widths, freeWeights: f.parameterCount,
                                          samples: config.dataset.x.rows, loss: loss, layers: rows,
                                          torch: Torch(layers: checkpoint.layout.layers, pruned: checkpoint.layout.pruned))), terminator: "")
            return
        }
        print("\(SafeText.escaped(model)): \(checkpoint.layers.count) linear layer\(checkpoint.layers.count == 1 ? "" : "s"), widths \(SafeText.list(config.architecture.widths))")
        for (l, layer) in checkpoint.layers.enumerated() {
            let source = layer.maskTensor.map { "\(SafeText.escaped(layer.weightTensor)) × \(SafeText.escaped($0))" } ?? SafeText.escaped(layer.weightTensor)
            let kept = masks[l].filter { $0 }.count
            let maskText = kept == masks[l].count ? "dense" : "\(kept) of \(masks[l].count) weights kept" + (layer.mask == nil ? " (zeros pruned)" : "")
            print("  W\(l + 1): \(source), \(layer.outputs)×\(layer.inputs) \(layer.dtype.rawValue) (out × in) → \(layer.inputs)×\(layer.outputs), \(maskText)")
        }
        print("data: X \(config.dataset.x.rows)×\(config.dataset.x.cols), Y \(config.dataset.y.rows)×\(config.dataset.y.cols); loss at the checkpoint \(NumberFormat.g(loss, 10))")
        print("wrote \(SafeText.escaped(out)) (\(f.parameterCount) free weights; start and reference point 'checkpoint' = the checkpoint's weights)")
        print("next: sparsescape certify \(SafeText.escaped(out)) --point checkpoint")
    }
}
