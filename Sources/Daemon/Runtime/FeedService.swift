import Glibc
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// The feed's application as a service: an error before it listens (a port in use, an address
/// not of this machine) becomes `DaemonError.feedUnavailable`, which names the address and the
/// setting to change.
struct FeedService: Service {
    let application: any Service
    let host: String
    let port: Int
    let gate: StartupGate

    func run() async throws {
        do {
            try await application.run()
        } catch {
            guard !gate.isOpen else { throw error }
            throw DaemonError.feedUnavailable(host: host, port: port, reason: Self.reason(error))
        }
    }

    /// The system's words for the failure (`Address already in use (errno: 98)`), without NIO's
    /// call site.
    static func reason(_ error: any Error) -> String {
        guard let io = error as? IOError else { return "\(error)" }
        return "\(String(cString: strerror(io.errnoCode))) (errno: \(io.errnoCode))"
    }
}

/// The port the feed bound, once it has.
final class BoundPort: Sendable {
    private let port = Mutex<Int?>(nil)

    var value: Int? { port.withLock { $0 } }
    func set(_ value: Int) { port.withLock { $0 = value } }
}

/// The configuration file that SIGHUP reads again.
struct ConfigReload: Sendable {
    let path: String

    /// The file as it is now.
    func load() throws -> DaemonConfig {
        try ConfigLoader.load(DaemonConfig.self, from: path)
    }
}
