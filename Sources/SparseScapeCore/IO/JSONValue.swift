/// A parsed JSON document: the tree that configs, point files and sidecars are decoded from (see `JSONParser`).
public indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    /// A number with a fraction or exponent, or an integer too large for `Int64`/`UInt64`.
    case number(Double)
    /// An integer literal that fits in Int64.
    case integer(Int64)
    /// An integer literal above Int64.max that fits in UInt64.
    case unsigned(UInt64)
    case string(String)
    case array([JSONValue])
    /// Keys in file order (duplicates are rejected by the parser).
    case object([(key: String, value: JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y
        case (.integer(let x), .integer(let y)): return x == y
        case (.unsigned(let x), .unsigned(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)): return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// The value as a double, for any number case.
    public var doubleValue: Double? {
        switch self {
        case .number(let d): return d
        case .integer(let i): return Double(i)
        case .unsigned(let u): return Double(u)
        default: return nil
        }
    }

    /// The value of `key` in an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let fields) = self else { return nil }
        return fields.first { $0.key == key }?.value
    }

    /// What kind of value this is, for error messages: "a number", "a string", …
    public var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number, .integer, .unsigned: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
