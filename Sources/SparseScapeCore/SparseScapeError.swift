/// An error the user can act on: bad input, an unreadable file, a numerical failure.
public struct SparseScapeError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What went wrong, in one line.
    public let message: String

    /// Creates an error with a one-line message.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}
