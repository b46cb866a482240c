#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the feed listens, who may read it, and how long and how many connections it allows.
public struct FeedConfiguration: Sendable, Hashable {
    /// The address to listen on: `127.0.0.1` (the default), `::1`, `localhost`, or another
    /// address such as `0.0.0.0`, which then needs a `token`.
    public var host: String
    /// The TCP port; 0 lets the system pick one (tests).
    public var port: Int
    /// The bearer token every route but `/healthz` requires; nil for none (loopback only).
    public var token: String?
    /// How long a connection may sit without a complete request, or idle between requests,
    /// before the server closes it. Bounds slow and stalled clients. Streams being answered
    /// (SSE) are not idle: their keep-alive comments keep them open.
    public var idleTimeout: Duration
    /// How long a client may take to send a request head, from its first byte (or from opening
    /// the connection, for the first request). At most `idleTimeout`.
    public var headTimeout: Duration
    /// The most connections open at once. A new connection beyond it closes the one that has been
    /// idle (or sending its head) the longest, so `/healthz` always gets in.
    public var maxConnections: Int
    /// The most event streams (`/events/stream`) open at once; more are answered 503. Below
    /// `maxConnections`, so streams never fill the server.
    public var maxStreams: Int
    /// How often an SSE stream with nothing new sends a keep-alive comment.
    public var keepAliveInterval: Duration
    /// The camera ids `/readyz` requires online; nil for every camera on the status board.
    public var readinessCameras: [String]?

    /// Creates a configuration; call `validate()` (the server does) before listening.
    public init(
        host: String = "127.0.0.1", port: Int = 8080, token: String? = nil, idleTimeout: Duration = .seconds(30),
        headTimeout: Duration = .seconds(10), maxConnections: Int = 128, maxStreams: Int = 32,
        keepAliveInterval: Duration = .seconds(15), readinessCameras: [String]? = nil
    ) {
        self.host = host
        self.port = port
        self.token = token
        self.idleTimeout = idleTimeout
        self.headTimeout = headTimeout
        self.maxConnections = maxConnections
        self.maxStreams = maxStreams
        self.keepAliveInterval = keepAliveInterval
        self.readinessCameras = readinessCameras
    }

    /// Throws `FeedConfigurationError` when the feed would be open to the network without a
    /// token, or a figure is out of range.
    public func validate() throws(FeedConfigurationError) {
        if let token, token.utf8.count < 16 || token.contains(where: \.isWhitespace) {
            throw .tokenTooShort
        }
        if token == nil, !Self.isLoopback(host) {
            throw .tokenRequired(host: host)
        }
        guard (0...65535).contains(port) else { throw .invalidPort(port) }
        guard idleTimeout > .zero else { throw .invalidIdleTimeout }
        guard headTimeout > .zero else { throw .invalidIdleTimeout }
        guard maxConnections > 1 else { throw .invalidMaxConnections(maxConnections) }
        guard (1..<maxConnections).contains(maxStreams) else { throw .invalidMaxStreams(maxStreams, maxConnections: maxConnections) }
        guard keepAliveInterval > .zero else { throw .invalidKeepAliveInterval }
    }

    /// Whether `host` only reaches this machine: `localhost`, 127.0.0.0/8 or ::1.
    public static func isLoopback(_ host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, name, &v4) == 1 {
            // s_addr is in network byte order: its first byte in memory is the first octet.
            return withUnsafeBytes(of: &v4) { $0[0] } == 127
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, name, &v6) == 1 {
            let bytes = withUnsafeBytes(of: &v6) { Array($0) }
            return bytes.dropLast().allSatisfy { $0 == 0 } && bytes.last == 1
        }
        return false
    }
}

