/// What a sidecar records about the data file beside it, under `"data"`: its file name, size in bytes and
/// SHA-256 (lowercase hex, as `sha256sum` prints it). The sidecar describes the file beside it exactly when the
/// file's size and SHA-256 are these.
public struct DataFileRecord: Codable, Equatable, Sendable {
    /// The data file's name (no directory), e.g. "slice.csv".
    public var file: String
    /// Its size in bytes.
    public var bytes: UInt64
    /// Its SHA-256, 64 lowercase hex digits.
    public var sha256: String

    /// A record.
    public init(file: String, bytes: UInt64, sha256: String) {
        self.file = file; self.bytes = bytes; self.sha256 = sha256
    }
}
