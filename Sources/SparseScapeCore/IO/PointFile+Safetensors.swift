import Foundation

/// Points given as a PyTorch state dict in a `.safetensors` file.
extension PointFile {
    /// True for a safetensors file: named `.safetensors`, or an 8-byte header length (whose last byte is 0, which no
    /// JSON text holds) followed by `{`.
    static func isSafetensors(_ data: Data, path: String) -> Bool {
        if path.lowercased().hasSuffix(".safetensors") { return true }
        guard data.count >= 9 else { return false }
        let s = data.startIndex
        return data[s + 7] == 0 && data[s + 8] == UInt8(ascii: "{")
    }

    /// True when `path` is an existing file that `read` takes for a safetensors state dict.
    public static func isSafetensors(path: String) -> Bool {
        guard let head = try? FileReading.prefix(path, limit: 9) else { return false }
        return isSafetensors(head.bytes, path: path)
    }

    /// The canonical point of `architecture` held by a safetensors state dict: its layers in the order of `torch`
    /// (a config's layout) when they are its modules, else of their names.
    static func readSafetensors(_ data: Data, path: String, architecture: NetworkArchitecture, torch: TorchLayout?) throws -> [Double] {
        let file = try SafetensorsFile(data, name: SafeText.excerpt(path, limit: 200))
        return try TorchCheckpoint(file, following: torch).point(for: architecture)
    }
}
