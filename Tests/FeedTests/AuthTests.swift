import Feed
import Foundation
import Hummingbird
import HummingbirdTesting
import Prometheus
import Testing

@Suite struct AuthTests {
    static let token = "0123456789abcdef-secret"

    @Test func tokenIsRequiredOnEveryRouteButHealthz() async throws {
        let fixture = FeedFixture(token: Self.token)
        fixture.frames.set(Data([0xFF, 0xD8, 0xFF, 0xD9]), camera: "gate1")
        let app = try fixture.makeApplication()
        try await app.test(.router) { client in
            for path in ["/status", "/readyz", "/events", "/metrics", "/cameras/gate1/snapshot.jpg", "/events/1/snapshot.jpg", "/nowhere"] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .unauthorized, "\(path)")
                    #expect(response.headers[.wwwAuthenticate] == "Bearer realm=\"portsight\"")
                    let decoded = try decode(FeedErrorBody.self, response.body)
                    #expect(decoded.parameter == "Authorization")
                }
                try await client.execute(uri: path, method: .get, headers: [.authorization: "Bearer wrong-token-of-some-length"]) { response in
                    #expect(response.status == .unauthorized, "\(path)")
                }
            }
            try await client.execute(uri: "/status", method: .get, headers: [.authorization: "Bearer \(Self.token)"]) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/cameras/gate1/snapshot.jpg", method: .get, headers: [.authorization: "bearer \(Self.token)"]) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func tokenPrefixOrExtensionIsRefused() async throws {
        let app = try FeedFixture(token: Self.token).makeApplication()
        try await app.test(.router) { client in
            for guess in [String(Self.token.dropLast()), Self.token + "x", "", Self.token.uppercased()] {
                try await client.execute(uri: "/status", method: .get, headers: [.authorization: "Bearer \(guess)"]) { response in
                    #expect(response.status == .unauthorized, "\(guess)")
                }
            }
        }
    }

    @Test func noTokenMeansOpenOnLoopback() async throws {
        let app = try FeedFixture().makeApplication()
        try await app.test(.router) { client in
            try await client.execute(uri: "/status", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test func nonLoopbackHostWithoutTokenIsRefused() throws {
        for host in ["0.0.0.0", "::", "192.168.1.20", "gate-box.local", "128.0.0.1"] {
            let configuration = FeedConfiguration(host: host, port: 8080)
            #expect(throws: FeedConfigurationError.tokenRequired(host: host)) { try configuration.validate() }
        }
        let error = FeedConfigurationError.tokenRequired(host: "0.0.0.0")
        #expect(error.description == "the feed listens on 0.0.0.0 but no token is set: set feed.token or listen on 127.0.0.1")
        let fixture = FeedFixture()
        #expect(throws: FeedConfigurationError.self) {
            _ = try FeedServer.makeApplication(
                configuration: FeedConfiguration(host: "0.0.0.0"), store: fixture.store, status: fixture.board,
                snapshots: fixture.snapshots, subscriber: { AsyncStream { $0.finish() } },
                statusMetrics: StatusMetrics(registry: fixture.registry), logger: .init(label: "t"),
                metricsFactory: PrometheusMetricsFactory(registry: fixture.registry))
        }
    }

    @Test func loopbackHostsNeedNoToken() throws {
        for host in ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]", "LOCALHOST"] {
            try FeedConfiguration(host: host).validate()
        }
        try FeedConfiguration(host: "0.0.0.0", token: Self.token).validate()
    }

    @Test func weakTokenAndBadFiguresAreRefused() {
        #expect(throws: FeedConfigurationError.tokenTooShort) { try FeedConfiguration(token: "short").validate() }
        #expect(throws: FeedConfigurationError.tokenTooShort) { try FeedConfiguration(token: "has a space in the middle").validate() }
        #expect(throws: FeedConfigurationError.invalidPort(70000)) { try FeedConfiguration(port: 70000).validate() }
        #expect(throws: FeedConfigurationError.invalidMaxConnections(0)) { try FeedConfiguration(maxConnections: 0).validate() }
    }
}
