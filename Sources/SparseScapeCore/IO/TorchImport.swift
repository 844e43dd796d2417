import Foundation

/// A network config made from a PyTorch checkpoint and data files (`sparsescape import`).
public enum TorchImport {
    /// The config of `checkpoint`'s layers with data X and Y read from the files `x` and `y` (`.npy` or `.csv`; rows
    /// are samples): widths and masks from the checkpoint (plain layers dense, or nonzero where their weights are with
    /// `maskFromZeros`), the checkpoint's weights as start and as reference point `checkpoint`, and its torch layout.
    public static func config(_ checkpoint: TorchCheckpoint, maskFromZeros: Bool, x: String, y: String, name: String,
                              description: String) throws -> NetworkConfig {
        let widths = checkpoint.widths
        let architecture: NetworkArchitecture
        do { architecture = try NetworkArchitecture(widths: widths, masks: checkpoint.masks(fromZeros: maskFromZeros)) }
        catch let e as SparseScapeError { throw SparseScapeError("\(checkpoint.name): \(e.message)") }
        let xMatrix = try MatrixSource.path(x).load(label: "X", configName: x, baseDirectory: nil)
        let yMatrix = try MatrixSource.path(y).load(label: "Y", configName: y, baseDirectory: nil)
        let first = checkpoint.layers[0], last = checkpoint.layers[checkpoint.layers.count - 1]
        let q = SafetensorsFile.quoted
        guard xMatrix.cols == first.inputs else {
            throw SparseScapeError("\(SafeText.excerpt(x, limit: 200)): X has \(xMatrix.cols) columns but tensor \(q(first.weightTensor)) takes \(first.inputs) inputs")
        }
        guard yMatrix.cols == last.outputs else {
            throw SparseScapeError("\(SafeText.excerpt(y, limit: 200)): Y has \(yMatrix.cols) columns but tensor \(q(last.weightTensor)) gives \(last.outputs) outputs")
        }
        guard xMatrix.rows == yMatrix.rows else {
            throw SparseScapeError("X has \(xMatrix.rows) rows (samples) but Y has \(yMatrix.rows)")
        }
        let dataset = try Dataset(x: xMatrix, y: yMatrix)
        let point = architecture.parameters(from: checkpoint.matrices)
        var config = NetworkConfig(name: name, description: description, architecture: architecture, dataset: dataset, start: point,
                                   optimizer: nil, learningRate: nil, points: [("checkpoint", point)],
                                   xFile: MatrixSource.path(x).resolvedPath(baseDirectory: nil),
                                   yFile: MatrixSource.path(y).resolvedPath(baseDirectory: nil))
        config.torch = checkpoint.layout
        return config
    }
}
