import Feed
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// What a full feed does: health answers while clients hold every socket, streams have their own
/// cap, slow heads are let go, and HTTP/1 framing rules are kept. Raw sockets on a live port.
@Suite struct ConnectionLimitTests {
    /// `GET /healthz` on a new connection: the status line, or "" when no answer came in 3 s.
    func health(port: Int) async throws -> String {
        let probe = try RawHTTPConnection(port: port)
        defer { probe.close() }
        probe.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
        _ = await eventually(timeout: .seconds(3)) { probe.received.contains("\r\n\r\n") }
        return probe.received.components(separatedBy: "\r\n").first ?? ""
    }

    @Test func healthAnswersWhileIdleSocketsFillTheServer() async throws {
        var fixture = FeedFixture()
        fixture.configuration.maxConnections = 16
        fixture.configuration.maxStreams = 4
        let app = try fixture.makeApplication()
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let idle = try (0..<40).map { _ in try RawHTTPConnection(port: port) }
            defer { idle.forEach { $0.close() } }
            try await Task.sleep(for: .milliseconds(200))
            #expect(try await health(port: port) == "HTTP/1.1 200 OK")
            // The oldest idle ones made room: the server holds no more than its limit.
            #expect(await eventually { idle.filter(\.closedByPeer).count >= 40 - 16 + 1 })
        }
    }

    @Test func healthAnswersWhileHalfSentHeadsFillTheServer() async throws {
        var fixture = FeedFixture()
        fixture.configuration.maxConnections = 16
        fixture.configuration.maxStreams = 4
        let app = try fixture.makeApplication()
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let slow = try (0..<40).map { _ in try RawHTTPConnection(port: port) }
            defer { slow.forEach { $0.close() } }
            slow.forEach { $0.send("GET /events HTTP/1.1\r\nHost: loc") }
            try await Task.sleep(for: .milliseconds(200))
            #expect(try await health(port: port) == "HTTP/1.1 200 OK")
        }
    }

    @Test func aHeadThatDoesNotCompleteIsClosedSoonerThanAnIdleConnection() async throws {
        var fixture = FeedFixture()
        fixture.configuration.idleTimeout = .seconds(30)
        fixture.configuration.headTimeout = .milliseconds(300)
        let app = try fixture.makeApplication()
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let slow = try RawHTTPConnection(port: port)
            defer { slow.close() }
            slow.send("GET /events HTTP/1.1\r\nHost: loc")
            let silent = try RawHTTPConnection(port: port)
            defer { silent.close() }
            // A keep-alive client between requests keeps the idle timeout.
            let polling = try RawHTTPConnection(port: port)
            defer { polling.close() }
            polling.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
            #expect(await eventually(timeout: .seconds(3)) { slow.closedByPeer && silent.closedByPeer })
            #expect(!polling.closedByPeer)
            #expect(polling.received.hasPrefix("HTTP/1.1 200 OK"))
        }
    }

    @Test func streamsHaveTheirOwnCapAndHealthStillAnswers() async throws {
        // Short keep-alives: a stream learns its client left at its next write.
        var setup = FeedFixture(keepAlive: .milliseconds(200))
        setup.configuration.maxConnections = 16
        setup.configuration.maxStreams = 4
        let fixture = setup
        let app = try fixture.makeApplication()
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let streams = try (0..<6).map { _ in try RawHTTPConnection(port: port) }
            defer { streams.forEach { $0.close() } }
            for stream in streams {
                stream.send("GET /events/stream HTTP/1.1\r\nHost: localhost\r\n\r\n")
                _ = await eventually(timeout: .seconds(2)) { stream.received.contains("\r\n\r\n") }
            }
            #expect(streams.filter { $0.received.hasPrefix("HTTP/1.1 200 OK") }.count == 4)
            let refused = streams.filter { $0.received.hasPrefix("HTTP/1.1 503") }
            #expect(refused.count == 2)
            #expect(refused.allSatisfy { $0.received.lowercased().contains("retry-after: 10") && $0.received.contains("event streams are open") })
            let idle = try (0..<30).map { _ in try RawHTTPConnection(port: port) }
            defer { idle.forEach { $0.close() } }
            try await Task.sleep(for: .milliseconds(200))
            #expect(try await health(port: port) == "HTTP/1.1 200 OK")
            // A stream that ends gives its place back (the server learns it at its next keep-alive).
            streams[0].close()
            var answers: [String] = []
            let reopened = await eventually {
                guard let again = try? RawHTTPConnection(port: port) else { return false }
                defer { again.close() }
                again.send("GET /events/stream HTTP/1.1\r\nHost: localhost\r\n\r\n")
                _ = await eventually(timeout: .seconds(1)) { again.received.contains("\r\n\r\n") }
                answers.append(again.received.components(separatedBy: "\r\n").first ?? "")
                return again.received.hasPrefix("HTTP/1.1 200 OK")
            }
            #expect(reopened, "answers: \(answers)")
            fixture.live.finish()
        }
    }

    @Test func anHTTP10RequestWithoutKeepAliveHasItsConnectionClosedAfterTheAnswer() async throws {
        let app = try FeedFixture().makeApplication()
        try await app.test(.live) { client in
            let port = try #require(client.port)
            for path in ["/healthz", "/status", "/events"] {
                let connection = try RawHTTPConnection(port: port)
                defer { connection.close() }
                connection.send("GET \(path) HTTP/1.0\r\n\r\n")
                #expect(await eventually(timeout: .seconds(2)) { connection.closedByPeer }, "\(path)")
                #expect(connection.received.hasPrefix("HTTP/1.1 200 OK"), "\(path)")
            }
            // HTTP/1.0 that asks to keep the connection keeps it.
            let kept = try RawHTTPConnection(port: port)
            defer { kept.close() }
            kept.send("GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(await eventually(timeout: .seconds(2)) { kept.received.hasPrefix("HTTP/1.1 200 OK") })
            try await Task.sleep(for: .milliseconds(300))
            #expect(!kept.closedByPeer)
        }
    }

    @Test(arguments: ["", "Host: a\r\nHost: b\r\n"])
    func anHTTP11RequestWithoutExactlyOneHostIsRefused(hosts: String) async throws {
        let app = try FeedFixture().makeApplication()
        try await app.test(.live) { client in
            let connection = try RawHTTPConnection(port: try #require(client.port))
            defer { connection.close() }
            connection.send("GET /healthz HTTP/1.1\r\n\(hosts)\r\n")
            #expect(await eventually(timeout: .seconds(2)) { connection.closedByPeer })
            #expect(connection.received.hasPrefix("HTTP/1.1 400 Bad Request"))
            #expect(connection.received.contains("Host"))
        }
    }
}
