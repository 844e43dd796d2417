/// An optional that encodes as JSON `null` when absent (the synthesized Codable omits the key instead).
public struct Nullable<Wrapped: Encodable>: Encodable {
    /// The value, or nil for `null`.
    public var value: Wrapped?

    /// Wraps a value.
    public init(_ value: Wrapped?) { self.value = value }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        if let value { try c.encode(value) } else { try c.encodeNil() }
    }
}
