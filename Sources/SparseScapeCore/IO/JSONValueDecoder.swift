import Foundation

/// Decodes `Decodable` types from a `JSONValue` tree (what `JSONDecoder` does, over the strict parser's output).
///
/// Failures are `DecodingError`s with coding paths, as from `JSONDecoder` (`JSONErrors.describe` words them);
/// `[Double]` and `[[Double]]` take a direct path (no container per number).
public enum JSONValueDecoder {
    /// Parses `data` strictly (duplicate keys are errors) and decodes a `T`; every error is one line starting `name: `.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, name: String) throws -> T {
        let value = try JSONParser.parse(data, name: name)
        do { return try decode(type, from: value) }
        catch let e as DecodingError { throw SparseScapeError("\(name): \(JSONErrors.describe(e))") }
    }

    /// Decodes a `T` from a parsed tree.
    public static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try TreeDecoder(value: value, codingPath: []).decodeValue(type)
    }
}

/// A coding key for array positions and arbitrary object keys.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue; intValue = nil }
    init(intValue: Int) { stringValue = "\(intValue)"; self.intValue = intValue }
}

/// One node of the tree being decoded.
private struct TreeDecoder: Decoder {
    let value: JSONValue
    let codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let fields) = value else { throw mismatch([String: Any].self) }
        return KeyedDecodingContainer(KeyedTree<Key>(fields: fields, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> UnkeyedDecodingContainer {
        guard case .array(let items) = value else { throw mismatch([Any].self) }
        return UnkeyedTree(items: items, codingPath: codingPath)
    }

    func singleValueContainer() throws -> SingleValueDecodingContainer { SingleTree(decoder: self) }

    func mismatch(_ type: Any.Type) -> DecodingError {
        DecodingError.typeMismatch(type, .init(codingPath: codingPath, debugDescription: "expected \(type), found \(value.kindName)"))
    }

    /// Decodes a T here, with direct paths for numbers, strings and arrays of numbers.
    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == [Double].self { return try doubles(value, codingPath) as! T }
        if T.self == [[Double]].self {
            guard case .array(let rows) = value else { throw mismatch(type) }
            return try rows.enumerated().map { i, row in try doubles(row, codingPath + [AnyCodingKey(intValue: i)]) } as! T
        }
        if T.self == Double.self { return try double() as! T }
        if T.self == String.self {
            guard case .string(let s) = value else { throw mismatch(type) }
            return s as! T
        }
        if T.self == Float.self { return Float(try double()) as! T }
        if let integerType = T.self as? any FixedWidthInteger.Type { return try integer(integerType) as! T }
        if T.self == Bool.self {
            guard case .bool(let b) = value else { throw mismatch(type) }
            return b as! T
        }
        return try T(from: self)
    }

    func double() throws -> Double {
        guard let d = value.doubleValue else {
            // Non-finite values written by JSONText.encode come back as strings.
            if case .string(let s) = value {
                switch s {
                case "Infinity": return .infinity
                case "-Infinity": return -.infinity
                case "NaN": return .nan
                default: break
                }
            }
            throw mismatch(Double.self)
        }
        return d
    }

    func integer<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
        let exact: I?
        switch value {
        case .integer(let i): exact = I(exactly: i)
        case .unsigned(let u): exact = I(exactly: u)
        case .number(let d): exact = I(exactly: d)
        default: throw mismatch(type)
        }
        guard let exact else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "the number does not fit in \(type)"))
        }
        return exact
    }
}

/// The numbers of an array, without a container per element.
private func doubles(_ value: JSONValue, _ codingPath: [CodingKey]) throws -> [Double] {
    guard case .array(let items) = value else {
        throw DecodingError.typeMismatch([Double].self, .init(codingPath: codingPath, debugDescription: "expected an array of numbers, found \(value.kindName)"))
    }
    var out = [Double](repeating: 0, count: items.count)
    for (i, item) in items.enumerated() {
        switch item {
        case .number(let d): out[i] = d
        case .integer(let n): out[i] = Double(n)
        case .unsigned(let u): out[i] = Double(u)
        default: out[i] = try TreeDecoder(value: item, codingPath: codingPath + [AnyCodingKey(intValue: i)]).double()
        }
    }
    return out
}

private struct KeyedTree<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let fields: [(key: String, value: JSONValue)]
    let codingPath: [CodingKey]
    /// Key → position, for objects with many keys (a config's 40,000 point labels): each lookup is then constant
    /// time instead of a scan, so decoding n keys is O(n), not O(n²). Keys are unique (the parser refuses duplicates).
    private let index: [String: Int]?

    init(fields: [(key: String, value: JSONValue)], codingPath: [CodingKey]) {
        self.fields = fields
        self.codingPath = codingPath
        if fields.count > 16 {
            var index = [String: Int](minimumCapacity: fields.count)
            for (k, f) in fields.enumerated() where index[f.key] == nil { index[f.key] = k }
            self.index = index
        } else {
            index = nil
        }
    }

    /// The value of `key`, if present.
    private func lookup(_ key: String) -> JSONValue? {
        if let index { return index[key].map { fields[$0].value } }
        return fields.first(where: { $0.key == key })?.value
    }

    var allKeys: [Key] { fields.compactMap { Key(stringValue: $0.key) } }

    func contains(_ key: Key) -> Bool { lookup(key.stringValue) != nil }

    private func child(_ key: Key) throws -> TreeDecoder {
        guard let v = lookup(key.stringValue) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "no value for '\(key.stringValue)'"))
        }
        return TreeDecoder(value: v, codingPath: codingPath + [key])
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard let v = lookup(key.stringValue) else { return true }
        return v == .null
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decode(type, forKey: key, generic: ()) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decode(type, forKey: key, generic: ()) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decode(type, forKey: key, generic: ()) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decode(type, forKey: key, generic: ()) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decode(type, forKey: key, generic: ()) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decode(type, forKey: key, generic: ()) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decode(type, forKey: key, generic: ()) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decode(type, forKey: key, generic: ()) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decode(type, forKey: key, generic: ()) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decode(type, forKey: key, generic: ()) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decode(type, forKey: key, generic: ()) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decode(type, forKey: key, generic: ()) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decode(type, forKey: key, generic: ()) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decode(type, forKey: key, generic: ()) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try decode(type, forKey: key, generic: ()) }

    private func decode<T: Decodable>(_ type: T.Type, forKey key: Key, generic: Void) throws -> T {
        let c = try child(key)
        if c.value == .null, !(T.self is any OptionalMarker.Type) {
            throw DecodingError.valueNotFound(type, .init(codingPath: c.codingPath, debugDescription: "null where a value is needed"))
        }
        return try c.decodeValue(type)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let v = lookup(key.stringValue), v != .null else { return nil }
        return try TreeDecoder(value: v, codingPath: codingPath + [key]).decodeValue(type)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try child(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer { try child(key).unkeyedContainer() }

    func superDecoder() throws -> Decoder { TreeDecoder(value: .object(fields), codingPath: codingPath) }

    func superDecoder(forKey key: Key) throws -> Decoder { try child(key) }
}

/// Marks Optional, so that `decode(Optional<X>.self, forKey:)` accepts null.
private protocol OptionalMarker {}
extension Optional: OptionalMarker {}

private struct UnkeyedTree: UnkeyedDecodingContainer {
    let items: [JSONValue]
    let codingPath: [CodingKey]
    var currentIndex = 0

    init(items: [JSONValue], codingPath: [CodingKey]) {
        self.items = items
        self.codingPath = codingPath
    }

    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private mutating func next(_ type: Any.Type) throws -> TreeDecoder {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(type, .init(codingPath: codingPath + [AnyCodingKey(intValue: currentIndex)], debugDescription: "the array has no more values"))
        }
        defer { currentIndex += 1 }
        return TreeDecoder(value: items[currentIndex], codingPath: codingPath + [AnyCodingKey(intValue: currentIndex)])
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { return false }
        if items[currentIndex] == .null { currentIndex += 1; return true }
        return false
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try decode(type, generic: ()) }
    mutating func decode(_ type: String.Type) throws -> String { try decode(type, generic: ()) }
    mutating func decode(_ type: Double.Type) throws -> Double { try decode(type, generic: ()) }
    mutating func decode(_ type: Float.Type) throws -> Float { try decode(type, generic: ()) }
    mutating func decode(_ type: Int.Type) throws -> Int { try decode(type, generic: ()) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try decode(type, generic: ()) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try decode(type, generic: ()) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try decode(type, generic: ()) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try decode(type, generic: ()) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try decode(type, generic: ()) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try decode(type, generic: ()) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try decode(type, generic: ()) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try decode(type, generic: ()) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try decode(type, generic: ()) }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try decode(type, generic: ()) }

    private mutating func decode<T: Decodable>(_ type: T.Type, generic: Void) throws -> T {
        let c = try next(type)
        if c.value == .null, !(T.self is any OptionalMarker.Type) {
            throw DecodingError.valueNotFound(type, .init(codingPath: c.codingPath, debugDescription: "null where a value is needed"))
        }
        return try c.decodeValue(type)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next([String: Any].self).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer { try next([Any].self).unkeyedContainer() }

    mutating func superDecoder() throws -> Decoder { try next(Any.self) }
}

private struct SingleTree: SingleValueDecodingContainer {
    let decoder: TreeDecoder
    var codingPath: [CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.value == .null }

    func decode(_ type: Bool.Type) throws -> Bool { try decode(type, generic: ()) }
    func decode(_ type: String.Type) throws -> String { try decode(type, generic: ()) }
    func decode(_ type: Double.Type) throws -> Double { try decode(type, generic: ()) }
    func decode(_ type: Float.Type) throws -> Float { try decode(type, generic: ()) }
    func decode(_ type: Int.Type) throws -> Int { try decode(type, generic: ()) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decode(type, generic: ()) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decode(type, generic: ()) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decode(type, generic: ()) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decode(type, generic: ()) }
    func decode(_ type: UInt.Type) throws -> UInt { try decode(type, generic: ()) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decode(type, generic: ()) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decode(type, generic: ()) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decode(type, generic: ()) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decode(type, generic: ()) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decode(type, generic: ()) }

    private func decode<T: Decodable>(_ type: T.Type, generic: Void) throws -> T {
        if decoder.value == .null, !(T.self is any OptionalMarker.Type) {
            throw DecodingError.valueNotFound(type, .init(codingPath: codingPath, debugDescription: "null where a value is needed"))
        }
        return try decoder.decodeValue(type)
    }
}
