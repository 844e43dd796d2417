import Foundation

/// Encodes `Encodable` values as compact JSON bytes with sorted keys: the bytes `JSONEncoder` writes with
/// `[.withoutEscapingSlashes, .sortedKeys]` and non-finite numbers as the strings "Infinity", "-Infinity", "NaN",
/// without its intermediate objects, and with arrays of numbers (parameter vectors, mask rows) written in one pass.
public enum JSONByteEncoder {
    /// The compact JSON bytes of `value`.
    public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        var out: [UInt8] = []
        try JSONByteNode.of(value, codingPath: []).render(into: &out)
        return out
    }
}

/// A value being encoded: rendered bytes, or a container still being filled.
enum JSONByteNode {
    case raw([UInt8])
    case array(JSONByteArray)
    case object(JSONByteObject)
    case pending(JSONByteEncoderState)

    /// The node of one value, with fast paths for numbers, strings and arrays of numbers.
    static func of<T: Encodable>(_ value: T, codingPath: [CodingKey]) throws -> JSONByteNode {
        var out: [UInt8] = []
        switch value {
        case let v as Double: appendDouble(v, to: &out)
        case let v as [Double]: JSONBytes.appendDoubleArray(v, to: &out)
        case let v as Int: JSONBytes.appendInteger(v, to: &out)
        case let v as [Int]: JSONBytes.appendIntegerArray(v, to: &out)
        case let v as [[Int]]:
            out.append(UInt8(ascii: "["))
            for (k, row) in v.enumerated() { if k > 0 { out.append(UInt8(ascii: ",")) }; JSONBytes.appendIntegerArray(row, to: &out) }
            out.append(UInt8(ascii: "]"))
        case let v as String: JSONBytes.appendString(v, to: &out)
        case let v as Bool: out.append(contentsOf: v ? Array("true".utf8) : Array("false".utf8))
        case let v as Float: if v.isFinite { JSONBytes.appendFloat(v, to: &out) } else { appendNonFinite(Double(v), to: &out) }
        case let v as URL: JSONBytes.appendString(v.absoluteString, to: &out)
        case let v as Data: JSONBytes.appendString(v.base64EncodedString(), to: &out)
        case let v as Decimal: out.append(contentsOf: Array(v.description.utf8))
        default:
            let encoder = JSONByteEncoderState(codingPath: codingPath)
            try value.encode(to: encoder)
            return .pending(encoder)
        }
        return .raw(out)
    }

    /// The node of a double.
    static func double(_ v: Double) -> JSONByteNode { var out: [UInt8] = []; appendDouble(v, to: &out); return .raw(out) }

    /// The node of a float.
    static func float(_ v: Float) -> JSONByteNode {
        var out: [UInt8] = []
        if v.isFinite { JSONBytes.appendFloat(v, to: &out) } else { appendNonFinite(Double(v), to: &out) }
        return .raw(out)
    }

    /// The node of an integer.
    static func integer<I: BinaryInteger>(_ v: I) -> JSONByteNode { var out: [UInt8] = []; JSONBytes.appendInteger(v, to: &out); return .raw(out) }

    /// The node of a string.
    static func string(_ s: String) -> JSONByteNode { var out: [UInt8] = []; JSONBytes.appendString(s, to: &out); return .raw(out) }

    /// A double as `JSONEncoder` writes it here (the one non-finite policy of `JSONBytes.appendNumber`).
    static func appendDouble(_ v: Double, to out: inout [UInt8]) { JSONBytes.appendNumber(v, to: &out) }

    /// "Infinity", "-Infinity" or "NaN" as a JSON string.
    static func appendNonFinite(_ v: Double, to out: inout [UInt8]) { JSONBytes.appendNonFinite(v, to: &out) }

    /// Appends the node's compact JSON text.
    func render(into out: inout [UInt8]) throws {
        switch self {
        case .raw(let bytes): out.append(contentsOf: bytes)
        case .array(let a):
            out.append(UInt8(ascii: "["))
            for (k, item) in a.items.enumerated() { if k > 0 { out.append(UInt8(ascii: ",")) }; try item.render(into: &out) }
            out.append(UInt8(ascii: "]"))
        case .object(let o):
            out.append(UInt8(ascii: "{"))
            let keys = o.entries.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (k, key) in keys.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                JSONBytes.appendString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                try o.entries[key]!.render(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .pending(let encoder):
            // A value that opened no container encodes as an empty object, as with JSONEncoder.
            try (encoder.node ?? .object(JSONByteObject())).render(into: &out)
        }
    }
}

/// The items of an array being encoded.
final class JSONByteArray {
    var items: [JSONByteNode] = []
}

/// The members of an object being encoded (sorted by key when rendered).
final class JSONByteObject {
    var entries: [String: JSONByteNode] = [:]
}

/// The `Encoder` a value's `encode(to:)` writes into: it records the one container the value opens.
final class JSONByteEncoderState: Encoder {
    let codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var node: JSONByteNode?

    init(codingPath: [CodingKey]) { self.codingPath = codingPath }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object(let o)? = node { return KeyedEncodingContainer(JSONByteKeyedContainer(object: o, codingPath: codingPath)) }
        let o = JSONByteObject()
        node = .object(o)
        return KeyedEncodingContainer(JSONByteKeyedContainer(object: o, codingPath: codingPath))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        if case .array(let a)? = node { return JSONByteUnkeyedContainer(array: a, codingPath: codingPath) }
        let a = JSONByteArray()
        node = .array(a)
        return JSONByteUnkeyedContainer(array: a, codingPath: codingPath)
    }

    func singleValueContainer() -> SingleValueEncodingContainer { JSONByteSingleValueContainer(encoder: self) }
}

/// A keyed container writing into a `JSONByteObject`.
struct JSONByteKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let object: JSONByteObject
    let codingPath: [CodingKey]

    mutating func encodeNil(forKey key: Key) throws { object.entries[key.stringValue] = .raw(Array("null".utf8)) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { object.entries[key.stringValue] = .raw(Array((value ? "true" : "false").utf8)) }
    mutating func encode(_ value: String, forKey key: Key) throws { object.entries[key.stringValue] = JSONByteNode.string(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { object.entries[key.stringValue] = JSONByteNode.double(value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { object.entries[key.stringValue] = JSONByteNode.float(value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { object.entries[key.stringValue] = JSONByteNode.integer(value) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { object.entries[key.stringValue] = JSONByteNode.integer(value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { object.entries[key.stringValue] = JSONByteNode.integer(value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { object.entries[key.stringValue] = JSONByteNode.integer(value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { object.entries[key.stringValue] = JSONByteNode.integer(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { object.entries[key.stringValue] = JSONByteNode.integer(value) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { object.entries[key.stringValue] = JSONByteNode.integer(value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { object.entries[key.stringValue] = JSONByteNode.integer(value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { object.entries[key.stringValue] = JSONByteNode.integer(value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { object.entries[key.stringValue] = JSONByteNode.integer(value) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        object.entries[key.stringValue] = try JSONByteNode.of(value, codingPath: codingPath + [key])
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let o = JSONByteObject()
        object.entries[key.stringValue] = .object(o)
        return KeyedEncodingContainer(JSONByteKeyedContainer<NestedKey>(object: o, codingPath: codingPath + [key]))
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        let a = JSONByteArray()
        object.entries[key.stringValue] = .array(a)
        return JSONByteUnkeyedContainer(array: a, codingPath: codingPath + [key])
    }
    mutating func superEncoder() -> Encoder { superEncoder(key: "super") }
    mutating func superEncoder(forKey key: Key) -> Encoder { superEncoder(key: key.stringValue) }
    private func superEncoder(key: String) -> Encoder {
        let e = JSONByteEncoderState(codingPath: codingPath)
        object.entries[key] = .pending(e)
        return e
    }
}

/// An unkeyed container writing into a `JSONByteArray`.
struct JSONByteUnkeyedContainer: UnkeyedEncodingContainer {
    let array: JSONByteArray
    let codingPath: [CodingKey]
    var count: Int { array.items.count }

    mutating func encodeNil() throws { array.items.append(.raw(Array("null".utf8))) }
    mutating func encode(_ value: Bool) throws { array.items.append(.raw(Array((value ? "true" : "false").utf8))) }
    mutating func encode(_ value: String) throws { array.items.append(JSONByteNode.string(value)) }
    mutating func encode(_ value: Double) throws { array.items.append(JSONByteNode.double(value)) }
    mutating func encode(_ value: Float) throws { array.items.append(JSONByteNode.float(value)) }
    mutating func encode(_ value: Int) throws { array.items.append(JSONByteNode.integer(value)) }
    mutating func encode(_ value: Int8) throws { array.items.append(JSONByteNode.integer(value)) }
    mutating func encode(_ value: Int16) throws { array.items.append(JSONByteNode.integer(value)) }
    mutating func encode(_ value: Int32) throws { array.items.append(JSONByteNode.integer(value)) }
    mutating func encode(_ value: Int64) throws { array.items.append(JSONByteNode.integer(value)) }
    mutating func encode(_ value: UInt) throws { array.items.append(JSONByteNode.integer(value)) }
    mutating func encode(_ value: UInt8) throws { array.items.append(JSONByteNode.integer(value)) }
    mutating func encode(_ value: UInt16) throws { array.items.append(JSONByteNode.integer(value)) }
    mutating func encode(_ value: UInt32) throws { array.items.append(JSONByteNode.integer(value)) }
    mutating func encode(_ value: UInt64) throws { array.items.append(JSONByteNode.integer(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { array.items.append(try JSONByteNode.of(value, codingPath: codingPath)) }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let o = JSONByteObject()
        array.items.append(.object(o))
        return KeyedEncodingContainer(JSONByteKeyedContainer<NestedKey>(object: o, codingPath: codingPath))
    }
    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        let a = JSONByteArray()
        array.items.append(.array(a))
        return JSONByteUnkeyedContainer(array: a, codingPath: codingPath)
    }
    mutating func superEncoder() -> Encoder {
        let e = JSONByteEncoderState(codingPath: codingPath)
        array.items.append(.pending(e))
        return e
    }
}

/// The single-value container: the value becomes the encoder's node.
struct JSONByteSingleValueContainer: SingleValueEncodingContainer {
    let encoder: JSONByteEncoderState
    var codingPath: [CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.node = .raw(Array("null".utf8)) }
    mutating func encode(_ value: Bool) throws { encoder.node = .raw(Array((value ? "true" : "false").utf8)) }
    mutating func encode(_ value: String) throws { encoder.node = JSONByteNode.string(value) }
    mutating func encode(_ value: Double) throws { encoder.node = JSONByteNode.double(value) }
    mutating func encode(_ value: Float) throws { encoder.node = JSONByteNode.float(value) }
    mutating func encode(_ value: Int) throws { encoder.node = JSONByteNode.integer(value) }
    mutating func encode(_ value: Int8) throws { encoder.node = JSONByteNode.integer(value) }
    mutating func encode(_ value: Int16) throws { encoder.node = JSONByteNode.integer(value) }
    mutating func encode(_ value: Int32) throws { encoder.node = JSONByteNode.integer(value) }
    mutating func encode(_ value: Int64) throws { encoder.node = JSONByteNode.integer(value) }
    mutating func encode(_ value: UInt) throws { encoder.node = JSONByteNode.integer(value) }
    mutating func encode(_ value: UInt8) throws { encoder.node = JSONByteNode.integer(value) }
    mutating func encode(_ value: UInt16) throws { encoder.node = JSONByteNode.integer(value) }
    mutating func encode(_ value: UInt32) throws { encoder.node = JSONByteNode.integer(value) }
    mutating func encode(_ value: UInt64) throws { encoder.node = JSONByteNode.integer(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { encoder.node = try JSONByteNode.of(value, codingPath: codingPath) }
}
