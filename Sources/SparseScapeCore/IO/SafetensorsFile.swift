import Foundation

/// A safetensors file (Hugging Face's checkpoint format) read with every size checked before anything is allocated.
///
/// The format: an 8-byte little-endian header length N, N bytes of a JSON object (tensor name → `dtype`, `shape`,
/// `data_offsets` [begin, end) into the data that follows; optional `__metadata__`, string → string), then the raw
/// little-endian, C-order data. As Hugging Face's own reader requires, the header must start with `{`, every size
/// must match its shape and type, and the tensors must tile the data exactly: no gap, no overlap, nothing after the
/// last one. Errors are one line, prefixed by the file's name, and name the tensor they are about.
public struct SafetensorsFile: Sendable {
    /// One tensor of the header.
    public struct Tensor: Sendable, Equatable {
        /// Its name (the state dict's key, e.g. `fc1.weight_orig`).
        public var name: String
        /// Its element type.
        public var dtype: SafetensorsDType
        /// Its shape (C order).
        public var shape: [Int]
        /// Its elements: the product of the shape.
        public var count: Int
        /// Where its bytes start and end in the data (after the header).
        public var begin: Int, end: Int
    }

    /// Largest header read (100 MB, as Hugging Face's reader).
    public static let maximumHeaderBytes = 100_000_000

    /// How errors name the file.
    public let name: String
    /// The tensors, in the order of their data.
    public let tensors: [Tensor]
    /// The `__metadata__` entries, in file order.
    public let metadata: [(key: String, value: String)]
    /// The whole file.
    private let bytes: Data
    /// Where the data starts (8 + the header length).
    private let dataStart: Int

    /// Reads the file at `path` (up to `FileReading.maximumBytes`).
    public init(path: String) throws {
        try self.init(try FileReading.read(path), name: SafeText.excerpt(path, limit: 200))
    }

    /// Parses a file's bytes; `name` starts every error message (already escaped).
    public init(_ data: Data, name: String) throws {
        self.name = name
        func fail(_ why: String) -> SparseScapeError { SparseScapeError("\(name): not a valid safetensors file: \(why)") }
        guard data.count >= 8 else { throw fail("only \(data.count) bytes, too short for the 8-byte header length") }
        let length = data.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: 0, as: UInt64.self)) }
        guard length <= UInt64(Self.maximumHeaderBytes) else {
            throw fail("the header length \(length) is over the \(Self.maximumHeaderBytes)-byte limit")
        }
        let headerLength = Int(length)
        guard headerLength <= data.count - 8 else {
            throw fail("the header length \(headerLength) runs past the end of the file (\(data.count) bytes)")
        }
        guard headerLength >= 2, data[data.startIndex + 8] == UInt8(ascii: "{") else {
            throw fail("the header is not a JSON object (it must start with '{')")
        }
        let header: JSONValue
        do {
            header = try JSONParser.parse(data.subdata(in: (data.startIndex + 8)..<(data.startIndex + 8 + headerLength)), name: "header")
        } catch let e as SparseScapeError {
            throw fail(e.message)
        }
        guard case .object(let fields) = header else { throw fail("the header is not a JSON object") }
        let dataSize = data.count - 8 - headerLength
        var tensors: [Tensor] = []
        var metadata: [(key: String, value: String)] = []
        tensors.reserveCapacity(fields.count)
        for (key, value) in fields {
            if key == "__metadata__" {
                guard case .object(let entries) = value else { throw fail("__metadata__ is \(value.kindName), not an object") }
                for (k, v) in entries {
                    guard case .string(let s) = v else { throw fail("__metadata__ entry \(SafeText.quoted(k)) is \(v.kindName), not a string") }
                    metadata.append((k, s))
                }
                continue
            }
            tensors.append(try Self.tensor(key, value, fail: fail))
        }
        // The tensors must tile the data: sorted by offset, each starts where the previous ended, the last ends at the end.
        tensors.sort { ($0.begin, $0.end) < ($1.begin, $1.end) }
        var position = 0
        for t in tensors {
            if t.begin > position {
                throw fail("\(position == 0 ? "the data starts" : "there are") \(t.begin - position) unused bytes before tensor \(Self.quoted(t.name))")
            }
            if t.begin < position { throw fail("tensor \(Self.quoted(t.name)) overlaps the tensor before it (its data starts at byte \(t.begin), before byte \(position))") }
            guard t.end <= dataSize else {
                throw fail("tensor \(Self.quoted(t.name)) ends at byte \(t.end), past the end of the data (\(dataSize) bytes)")
            }
            position = t.end
        }
        guard position == dataSize else { throw fail("\(dataSize - position) bytes of data follow the last tensor") }
        self.tensors = tensors
        self.metadata = metadata
        self.bytes = data
        self.dataStart = 8 + headerLength
    }

    /// One header entry, checked: a known dtype, a shape of whole numbers ≥ 0, offsets that hold exactly its bytes.
    private static func tensor(_ name: String, _ value: JSONValue, fail: (String) -> SparseScapeError) throws -> Tensor {
        let q = quoted(name)
        guard case .object(let entries) = value else { throw fail("tensor \(q) is \(value.kindName), not an object") }
        if let extra = entries.first(where: { !["dtype", "shape", "data_offsets"].contains($0.key) }) {
            throw fail("tensor \(q) has an unknown field \(SafeText.quoted(extra.key)) (expected dtype, shape and data_offsets)")
        }
        guard case .string(let typeName)? = value["dtype"] else { throw fail("tensor \(q) has no dtype string") }
        guard let dtype = SafetensorsDType(rawValue: typeName) else {
            let looksLikeAType = typeName.count <= 12 && typeName.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
            throw fail("tensor \(q) has an unknown dtype\(looksLikeAType ? " " + SafeText.quoted(typeName) : "")")
        }
        guard case .array(let dims)? = value["shape"] else { throw fail("tensor \(q) has no shape array") }
        var shape: [Int] = []
        var count = 1
        for (k, d) in dims.enumerated() {
            guard case .integer(let v) = d, v >= 0, v <= Int64(Int.max) else {
                throw fail("tensor \(q): shape entry \(k + 1) is not a whole number ≥ 0")
            }
            shape.append(Int(v))
            let (product, overflow) = count.multipliedReportingOverflow(by: Int(v))
            guard !overflow else { throw fail("tensor \(q): the shape \(SafeText.list(shape)) overflows") }
            count = product
        }
        guard case .array(let offsets)? = value["data_offsets"], offsets.count == 2,
              case .integer(let b) = offsets[0], case .integer(let e) = offsets[1], b >= 0, e >= b else {
            throw fail("tensor \(q): data_offsets must be [begin, end] with 0 ≤ begin ≤ end")
        }
        let (needed, overflow) = count.multipliedReportingOverflow(by: dtype.byteWidth)
        guard !overflow, Int64(needed) == e - b else {
            throw fail("tensor \(q): shape \(SafeText.list(shape)) of \(dtype.rawValue) needs \(overflow ? "more than \(Int.max)" : String(needed)) bytes but data_offsets hold \(e - b)")
        }
        return Tensor(name: name, dtype: dtype, shape: shape, count: count, begin: Int(b), end: Int(e))
    }

    /// The tensor called `name`, if any.
    public func tensor(_ name: String) -> Tensor? { tensors.first { $0.name == name } }

    /// A tensor's values as doubles (exactly: every float16, bfloat16 and float32 value is a double); throws, naming the
    /// tensor, for a type SparseScape does not read.
    public func values(of tensor: Tensor) throws -> [Double] {
        guard tensor.dtype.isReadable else {
            throw SparseScapeError("\(name): tensor \(Self.quoted(tensor.name)) has dtype \(tensor.dtype.rawValue); SparseScape reads \(SafetensorsDType.readableNames)")
        }
        let n = tensor.count, start = dataStart + tensor.begin
        return bytes.withUnsafeBytes { raw -> [Double] in
            let base = raw.baseAddress! + start
            return [Double](unsafeUninitializedCapacity: n) { out, initialized in
                switch tensor.dtype {
                case .f64:
                    for k in 0..<n { out[k] = Double(bitPattern: UInt64(littleEndian: base.loadUnaligned(fromByteOffset: 8 * k, as: UInt64.self))) }
                case .f32:
                    for k in 0..<n { out[k] = Double(Float(bitPattern: UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 4 * k, as: UInt32.self)))) }
                case .f16:
                    for k in 0..<n { out[k] = SafetensorsDType.halfToDouble(UInt16(littleEndian: base.loadUnaligned(fromByteOffset: 2 * k, as: UInt16.self))) }
                default:
                    for k in 0..<n { out[k] = SafetensorsDType.bfloat16ToDouble(UInt16(littleEndian: base.loadUnaligned(fromByteOffset: 2 * k, as: UInt16.self))) }
                }
                initialized = n
            }
        }
    }

    /// A tensor name from the file, quoted for a message (escaped, at most 80 characters).
    public static func quoted(_ tensorName: String) -> String { SafeText.quoted(tensorName, limit: 80) }
}
