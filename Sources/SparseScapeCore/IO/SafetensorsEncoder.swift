import Foundation

/// Writes float64 tensors as a safetensors file, laid out as Hugging Face's writer does: the header padded with
/// spaces to a multiple of 8 bytes, the tensors' data in the order given, each 8-byte aligned.
public enum SafetensorsEncoder {
    /// A tensor to write: its name, shape (C order) and values (row-major), stored as F64.
    public struct Tensor: Sendable {
        public var name: String
        public var shape: [Int]
        public var values: [Double]

        /// A tensor; `values.count` must be the product of `shape`.
        public init(name: String, shape: [Int], values: [Double]) {
            precondition(shape.reduce(1, *) == values.count, "shape and values disagree")
            self.name = name
            self.shape = shape
            self.values = values
        }
    }

    /// The file's bytes: `tensors` (distinct names, none `__metadata__`) and string `metadata`.
    public static func encode(_ tensors: [Tensor], metadata: [(key: String, value: String)] = []) -> Data {
        var fields: [String] = []
        if !metadata.isEmpty {
            fields.append("\"__metadata__\":{" + metadata.map { JSONText.string($0.key) + ":" + JSONText.string($0.value) }.joined(separator: ",") + "}")
        }
        var offset = 0
        for t in tensors {
            let size = t.values.count * 8
            fields.append(JSONText.string(t.name) + ":{\"dtype\":\"F64\",\"shape\":[" + t.shape.map(String.init).joined(separator: ",")
                          + "],\"data_offsets\":[\(offset),\(offset + size)]}")
            offset += size
        }
        var header = Array(("{" + fields.joined(separator: ",") + "}").utf8)
        while header.count % 8 != 0 { header.append(UInt8(ascii: " ")) }
        var out = Data(capacity: 8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(contentsOf: header)
        for t in tensors {
            t.values.withUnsafeBufferPointer { buffer in
                var bits = [UInt64](repeating: 0, count: buffer.count)
                for k in 0..<buffer.count { bits[k] = buffer[k].bitPattern.littleEndian }
                bits.withUnsafeBytes { out.append(contentsOf: $0) }
            }
        }
        return out
    }
}
