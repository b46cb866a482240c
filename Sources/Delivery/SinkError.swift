/// Why a sink could not deliver, in words for an operator, with what to do.
public struct SinkError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure.
    public enum Kind: String, Sendable, Hashable {
        /// The broker or endpoint cannot be reached or did not answer in time; retried.
        case unavailable
        /// The broker or endpoint refused us (credentials, TLS); retried, but needs an operator.
        case refused
        /// The sink's settings cannot work (a file missing, a bad URL); retried slowly until fixed.
        case misconfigured
    }

    /// The kind of failure.
    public var kind: Kind
    /// What happened and what to do.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
