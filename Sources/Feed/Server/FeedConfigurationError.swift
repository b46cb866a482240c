/// A feed configuration that cannot be used, with what to change.
public enum FeedConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The host is reachable from the network and no token is set.
    case tokenRequired(host: String)
    /// The token is too short to be a secret, or has spaces (which a header cannot carry).
    case tokenTooShort
    /// The port is outside 0...65535.
    case invalidPort(Int)
    /// The idle timeout is zero or negative.
    case invalidIdleTimeout
    /// The connection limit is zero or negative.
    case invalidMaxConnections(Int)
    /// The keep-alive interval is zero or negative.
    case invalidKeepAliveInterval
    /// The stream limit is not between 1 and the connection limit.
    case invalidMaxStreams(Int, maxConnections: Int)

    /// What is wrong and what to do.
    public var description: String {
        switch self {
        case .tokenRequired(let host):
            "the feed listens on \(host) but no token is set: set feed.token or listen on 127.0.0.1"
        case .tokenTooShort:
            "feed.token must be at least 16 characters with no spaces: use a long random secret (for example `openssl rand -hex 32`)"
        case .invalidPort(let port):
            "feed.port \(port) is not a TCP port: use 1 to 65535 (or 0 to let the system pick)"
        case .invalidIdleTimeout:
            "feed.idle_timeout must be more than zero seconds: use, say, 30"
        case .invalidMaxConnections(let count):
            "feed.max_connections \(count) must be at least 2: use, say, 128"
        case .invalidKeepAliveInterval:
            "feed.keep_alive_interval must be more than zero seconds: use, say, 15"
        case .invalidMaxStreams(let count, let connections):
            "the feed's stream limit \(count) must be at least 1 and below its connection limit \(connections), so that streams never fill the server"
        }
    }
}
